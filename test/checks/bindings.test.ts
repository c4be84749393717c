import { beforeAll, describe, expect, it } from 'vitest';
import type { Validator } from '../../src/api/index.js';
import { coreValidator, expectIssue, expectNoIssue, issuesOf, profile } from './helpers.js';

const findingsValueSet = {
  resourceType: 'ValueSet', id: 'findings', url: 'http://example.org/fhir/ValueSet/findings', version: '1.0.0', status: 'active',
  compose: { include: [{ system: 'http://snomed.info/sct', filter: [{ property: 'concept', op: 'is-a', value: '404684003' }] }] },
};
const conditionProfile = profile('condition-findings', 'Condition', [
  { id: 'Condition.code', path: 'Condition.code', binding: { strength: 'required', valueSet: 'http://example.org/fhir/ValueSet/findings' } },
]);

describe('bindings check', () => {
  let v: Validator;
  beforeAll(async () => {
    v = await coreValidator([findingsValueSet, conditionProfile]);
  });
  const sr = (extra: Record<string, unknown>) => ({ resourceType: 'ServiceRequest', status: 'active', intent: 'order', subject: { reference: 'Patient/1' }, ...extra });

  it('accepts a code from a required value set', () => {
    expectNoIssue(issuesOf(v, sr({})), 'binding-required');
  });

  it('reports a code outside a required value set as an error', () => {
    const issue = expectIssue(issuesOf(v, sr({ status: 'bogus' })), 'binding-required', 'ServiceRequest.status', 'error');
    expect(issue.code).toBe('code-invalid');
    expect(issue.message).toContain("'bogus'");
  });

  it('reports a coding outside an extensible value set as a warning', () => {
    const issues = issuesOf(v, { resourceType: 'Patient', maritalStatus: { coding: [{ system: 'http://example.org/ms', code: 'Q' }] } });
    expectIssue(issues, 'binding-extensible', 'Patient.maritalStatus', 'warning');
  });

  it('says "not checked" (information) for systems not held locally, never an error', () => {
    const condition = { resourceType: 'Condition', subject: { reference: 'Patient/1' }, code: { coding: [{ system: 'http://snomed.info/sct', code: '271807003' }] } };
    const issues = issuesOf(v, condition, 'http://example.org/fhir/StructureDefinition/condition-findings');
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expectIssue(issues, 'binding-not-checked', 'Condition.code', 'information');
  });

  it('ignores preferred and example bindings', () => {
    const issues = issuesOf(v, sr({ category: [{ coding: [{ system: 'http://example.org/x', code: 'nope' }] }] }));
    expect(issues.filter((i) => i.location === 'ServiceRequest.category[0]')).toEqual([]);
  });
});

describe('bindings when the base type is folded into a meta.profile walk', () => {
  const unknownOnly = {
    resourceType: 'ValueSet', id: 'gender-unknown', url: 'http://example.org/fhir/ValueSet/gender-unknown', version: '1.0.0', status: 'active',
    compose: { include: [{ system: 'http://hl7.org/fhir/administrative-gender', concept: [{ code: 'unknown' }] }] },
  };
  const patientProfile = profile('patient-gender-unknown', 'Patient', [
    { id: 'Patient.gender', path: 'Patient.gender', binding: { strength: 'required', valueSet: 'http://example.org/fhir/ValueSet/gender-unknown' } },
  ]);
  let v: Validator;
  beforeAll(async () => {
    v = await coreValidator([unknownOnly, patientProfile]);
  });
  const patient = (gender: string) => ({ resourceType: 'Patient', meta: { profile: [patientProfile.url] }, gender });
  const valueSets = (gender: string) =>
    issuesOf(v, patient(gender)).filter((i) => i.ruleId === 'binding-required' && i.location === 'Patient.gender').map((i) => /value set (\S+),/.exec(i.message)?.[1]).sort();

  it("checks the profile's binding and, where it differs, the base type's", () => {
    expect(valueSets('male')).toEqual(['http://example.org/fhir/ValueSet/gender-unknown']);
    expect(valueSets('bogus')).toEqual(['http://example.org/fhir/ValueSet/gender-unknown', 'http://hl7.org/fhir/ValueSet/administrative-gender|4.0.1']);
    expect(valueSets('unknown')).toEqual([]);
  });
});
