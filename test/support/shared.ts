/**
 * Locates ../shared (the reference material beside the repo). Tests that need it use
 * `describeWithShared`, which skips — with a message saying why — when it is absent.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedDir = process.env.BARS_SHARED_DIR ?? resolve(repoRoot, '..', 'shared');
export const hasShared = existsSync(resolve(sharedDir, 'spec', 'core-rules.md'));

export const SHARED_MISSING_MESSAGE = `../shared not found at ${sharedDir}: skipping tests that read the BaRS IG, UK Core and fhir-test-cases`;

export function sharedPath(...parts: string[]): string {
  return resolve(sharedDir, ...parts);
}

/** describe() that runs only when ../shared is present, and says so when it is not. */
export function describeWithShared(name: string, body: () => void): void {
  if (hasShared) {
    describe(name, body);
  } else {
    describe.skip(`${name} [skipped: ${SHARED_MISSING_MESSAGE}]`, body);
  }
}
