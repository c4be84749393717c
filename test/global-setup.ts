/**
 * Runs once before the suite: reports whether ../shared is available and, when it is, makes
 * sure the local FHIR package cache (.fhir-home/.fhir/packages: R4 core, UK Core with
 * snapshots) is built. The build is skipped when its inputs have not changed.
 */
import { buildLocalPackageCache } from '../src/defs/local-cache.js';
import { hasShared, SHARED_MISSING_MESSAGE, sharedDir } from './support/shared.js';

export default function setup(): void {
  if (!hasShared) {
    console.warn(`\n[bars-validator tests] ${SHARED_MISSING_MESSAGE}\n`);
    return;
  }
  const result = buildLocalPackageCache({ sharedDir });
  const built = result.packages.filter((p) => p.status === 'built');
  if (built.length > 0) {
    console.log(`\n[bars-validator tests] built ${built.map((p) => `${p.name}#${p.version}`).join(', ')} into ${result.cacheDir}\n`);
  }
}
