import { beforeAll, describe, expect, it } from 'vitest';
import { ISSUE_ID_SYSTEM, createValidator, type Validator } from '../../src/api/index.js';
import { createDefinitionSet } from '../../src/defs/definition-set.js';
import { coreValidator, expectIssue, expectNoIssue, r4Core } from '../checks/helpers.js';

describe('createValidator / validate', () => {
  let v: Validator;
  beforeAll(async () => {
    v = await coreValidator();
  });

  it('returns one information issue for a valid resource', () => {
    const outcome = v.validate({ resourceType: 'Patient', active: true });
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue).toHaveLength(1);
    expect(outcome.issue[0]).toMatchObject({ severity: 'information', code: 'informational', details: { coding: [{ system: ISSUE_ID_SYSTEM, code: 'valid' }] } });
  });

  it('reports malformed JSON as fatal with a position, and never throws', () => {
    const outcome = v.validate('{"resourceType": "Patient", "active": tru');
    expect(outcome.issue[0]).toMatchObject({ severity: 'fatal', details: { coding: [{ code: 'json-syntax' }] } });
    expect(outcome.issue[0].extension?.map((e) => e.url)).toEqual([
      'http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-line',
      'http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-col',
    ]);
    for (const bad of [undefined, null, 42, [], '', 'hello', { resourceType: 'Chicken' }, { noType: true }]) {
      const result = v.validate(bad);
      expect(result.issue[0].severity).toBe('fatal');
    }
  });

  it('reports duplicate JSON keys with their line and column', () => {
    const issues = v.validateToIssues('{\n  "resourceType": "Patient",\n  "gender": "male",\n  "gender": "female"\n}').issues;
    const issue = expectIssue(issues, 'json-duplicate-key', 'Patient.gender', 'error');
    expect(issue.position).toEqual({ line: 4, column: 3 });
  });

  it('gives JSON issues source positions', () => {
    const issues = v.validateToIssues('{\n  "resourceType": "Patient",\n  "birthDate": "2021-13-45"\n}').issues;
    expect(expectIssue(issues, 'primitive-format', 'Patient.birthDate').position?.line).toBe(3);
  });

  it('validates FHIR XML text', () => {
    const xml = '<Patient xmlns="http://hl7.org/fhir"><active value="maybe"/></Patient>';
    const issues = v.validateToIssues(xml).issues;
    expect(issues.some((i) => i.severity === 'error' || i.severity === 'fatal')).toBe(true);
  });

  it('selects profiles: meta.profile, the caller\'s profile, and the selector hook; unknown ones are warnings', () => {
    expectIssue(v.validateToIssues({ resourceType: 'Patient', meta: { profile: ['http://example.org/nowhere'] } }).issues, 'profile-unknown', 'Patient', 'warning');
    expectIssue(v.validateToIssues({ resourceType: 'Patient' }, { profile: 'http://example.org/nowhere' }).issues, 'profile-unknown');
    expectIssue(v.validateToIssues({ resourceType: 'Patient' }, { profile: 'http://hl7.org/fhir/StructureDefinition/Observation' }).issues, 'profile-wrong-type', 'Patient', 'error');
    // vitalsigns requires Observation.category; a base Observation need not have one.
    const obs = { resourceType: 'Observation', status: 'final', code: { text: 'x' } };
    expectNoIssue(v.validateToIssues(obs).issues, 'cardinality-min');
    expectIssue(v.validateToIssues(obs, { profile: 'http://hl7.org/fhir/StructureDefinition/vitalsigns' }).issues, 'cardinality-min', 'Observation');
  });

  it('lets a selector add profiles (the MessageDefinition hook)', async () => {
    const hooked = await createValidator({
      definitions: createDefinitionSet([r4Core()]),
      selectProfiles: (resource) => (resource.resourceType === 'Observation' ? ['http://hl7.org/fhir/StructureDefinition/vitalsigns'] : []),
    });
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:2b7e151e-8c1a-4c55-9f2e-7a0b3c4d5e6f', resource: { resourceType: 'Observation', status: 'final', code: { text: 'x' } } }] };
    expectIssue(hooked.validateToIssues(bundle).issues, 'cardinality-min', 'Bundle.entry[0].resource');
  });

  it('keeps several validators with different definitions apart', async () => {
    const other = await createValidator({ definitions: createDefinitionSet([r4Core(), { name: 'x', version: '1.0.0', resources: [] }]), terminology: false });
    expectNoIssue(other.validateToIssues({ resourceType: 'ServiceRequest', status: 'bogus', intent: 'order', subject: { reference: 'Patient/1' } }).issues, 'binding-required');
    expectIssue(v.validateToIssues({ resourceType: 'ServiceRequest', status: 'bogus', intent: 'order', subject: { reference: 'Patient/1' } }).issues, 'binding-required');
  });
});
