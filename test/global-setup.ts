/** Runs once before the suite: reports whether ../shared is available. */
import { hasShared, SHARED_MISSING_MESSAGE } from './support/shared.js';

export default function setup(): void {
  if (!hasShared) {
    console.warn(`\n[bars-validator tests] ${SHARED_MISSING_MESSAGE}\n`);
  }
}
