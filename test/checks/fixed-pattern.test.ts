import { beforeAll, describe, expect, it } from 'vitest';
import type { Validator } from '../../src/api/index.js';
import { jsonContains, jsonEquals } from '../../src/checks/json-match.js';
import { coreValidator, expectIssue, expectNoIssue, issuesOf, profile } from './helpers.js';

const url = 'http://example.org/fhir/StructureDefinition/obs-fixed';
const obsProfile = profile('obs-fixed', 'Observation', [
  { id: 'Observation.status', path: 'Observation.status', fixedCode: 'final' },
  { id: 'Observation.code', path: 'Observation.code', patternCodeableConcept: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] } },
]);

describe('fixed/pattern check', () => {
  let v: Validator;
  beforeAll(async () => {
    v = await coreValidator([obsProfile]);
  });
  const obs = (status: string, coding: unknown[]) => ({ resourceType: 'Observation', status, code: { coding } });

  it('accepts the fixed value and a value containing the pattern', () => {
    const issues = issuesOf(v, obs('final', [{ system: 'http://example.org', code: 'x' }, { system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' }]), url);
    expectNoIssue(issues, 'fixed-value');
    expectNoIssue(issues, 'pattern-value');
  });

  it('reports a value other than the fixed one', () => {
    const issue = expectIssue(issuesOf(v, obs('preliminary', [{ system: 'http://loinc.org', code: '8867-4' }]), url), 'fixed-value', 'Observation.status', 'error');
    expect(issue.message).toContain("'final'");
  });

  it('reports a value that does not contain the pattern', () => {
    expectIssue(issuesOf(v, obs('final', [{ system: 'http://loinc.org', code: '1234-5' }]), url), 'pattern-value', 'Observation.code');
  });

  it('compares JSON exactly (fixed) and by containment (pattern)', () => {
    expect(jsonEquals({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(jsonEquals({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonContains({ a: 1, b: 2 }, { a: 1 })).toBe(true);
    expect(jsonContains({ coding: [{ s: 1 }, { s: 2, c: 3 }] }, { coding: [{ s: 2 }] })).toBe(true);
    expect(jsonContains({ coding: [{ s: 1 }] }, { coding: [{ s: 2 }] })).toBe(false);
  });
});
