/**
 * The conformance floor: agreement with the HL7 Java validator on fhir-test-cases may only
 * go up. Raise these figures when `npm run conformance` shows better ones.
 */
import { beforeAll, expect, it } from 'vitest';
import { loadR4CorePackage } from '../../src/defs/r4-core.js';
import { describeWithShared, sharedPath } from '../support/shared.js';
import { agreement, readCases, type CaseResult } from './cases.js';
import { runCases } from './run-cases.js';

const FLOOR = { strict: 204, loose: 215, maxFalseAlarms: 2 };

describeWithShared('conformance with the HL7 Java validator (fhir-test-cases, excluding txRisk)', () => {
  let results: CaseResult[];
  beforeAll(async () => {
    const casesDir = sharedPath('fhir-test-cases');
    results = await runCases(casesDir, readCases(casesDir).filter((c) => !c.txRisk), loadR4CorePackage());
  });

  it('runs every offline case', () => {
    expect(results.length).toBe(229);
  });

  it(`agrees strictly on at least ${FLOOR.strict} and loosely on at least ${FLOOR.loose} runs`, () => {
    const a = agreement(results);
    expect(a.strict).toBeGreaterThanOrEqual(FLOOR.strict);
    expect(a.loose).toBeGreaterThanOrEqual(FLOOR.loose);
  });

  it(`raises no more than ${FLOOR.maxFalseAlarms} false alarms`, () => {
    expect(agreement(results).falseAlarms).toBeLessThanOrEqual(FLOOR.maxFalseAlarms);
  });
});
