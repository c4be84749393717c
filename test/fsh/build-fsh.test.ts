/**
 * generated/ must be exactly what `npm run build:fsh` produces from fsh/: SUSHI is run offline
 * into a temporary folder and its files are compared byte for byte. Nothing is normalised: SUSHI's
 * output for this project carries no build date or other varying value.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { driftBetween, fhirHome, readGenerated, runSushi, type SushiResult } from '../../scripts/build-fsh.js';
import { describeWithShared } from '../support/shared.js';

// SUSHI always tries to add these packages and cannot fetch them offline; nothing here uses them.
const EXPECTED_WARNINGS = [
  'Failed to load automatically-provided hl7.fhir.uv.tools.r4#latest',
  'Failed to load automatically-provided hl7.terminology.r4#latest',
  'Failed to load automatically-provided hl7.fhir.uv.extensions.r4#latest',
];

describeWithShared('npm run build:fsh (SUSHI on fsh/, offline)', () => {
  let result: SushiResult;

  beforeAll(() => {
    // The test global setup builds the package cache from ../shared.
    expect(existsSync(join(fhirHome(), '.fhir', 'packages')), 'package cache missing: run npm run fhir:packages').toBe(true);
    result = runSushi();
  });

  it('compiles with no errors and only the three unreachable automatic dependencies as warnings', () => {
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.warnings).toEqual(EXPECTED_WARNINGS);
  });

  it('produces exactly the files committed in generated/ (the drift test)', () => {
    expect(result.files.size).toBeGreaterThan(0);
    const drift = driftBetween(result.files, readGenerated());
    expect(drift, 'generated/ is stale: run npm run build:fsh and commit generated/').toEqual({ added: [], removed: [], changed: [] });
  });

  it('reports a changed, a missing and an extra file as drift (the comparison can fail)', () => {
    const committed = new Map(result.files);
    const [first, second] = [...committed.keys()];
    committed.set(first, `${committed.get(first)} `);
    committed.delete(second);
    committed.set('StructureDefinition-Stale.json', '{}');
    expect(driftBetween(result.files, committed)).toEqual({ added: [second], removed: ['StructureDefinition-Stale.json'], changed: [first] });
  });

  it('writes differentials only: no snapshot (snapshots are computed at load time)', () => {
    const withSnapshot = [...result.files].filter(([, text]) => (JSON.parse(text) as { snapshot?: unknown }).snapshot !== undefined);
    expect(withSnapshot.map(([name]) => name)).toEqual([]);
  });
});
