/**
 * Runs once before the suite: rebuilds dist/ when src/ is newer (tests spawn bin/bars-validate.js,
 * which runs dist/), reports whether ../shared is available and, when it is, makes sure the local
 * FHIR package cache (.fhir-home/.fhir/packages: R4 core, UK Core with snapshots) is built. Both
 * builds are skipped when their inputs have not changed.
 */
import { buildLocalPackageCache } from '../src/defs/local-cache.js';
import { ensureDistBuilt } from './support/build-dist.js';
import { hasShared, repoRoot, SHARED_MISSING_MESSAGE, sharedDir } from './support/shared.js';

export default function setup(): void {
  if (ensureDistBuilt(repoRoot)) console.log('\n[bars-validator tests] rebuilt dist/ from src/ for the CLI tests\n');
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
