import { beforeAll, describe, expect, it } from 'vitest';
import type { Validator } from '../../src/api/index.js';
import { coreValidator, errorsOf, expectIssue, expectNoIssue, issuesOf } from './helpers.js';

describe('structure check', () => {
  let v: Validator;
  beforeAll(async () => {
    v = await coreValidator();
  });

  it('accepts a well-formed resource', () => {
    expect(errorsOf(issuesOf(v, { resourceType: 'Patient', name: [{ family: 'Lee' }], active: true }))).toEqual([]);
  });

  it('reports an unknown property at its parent, as the Java validator does', () => {
    const issue = expectIssue(issuesOf(v, { resourceType: 'Patient', fooBar: 1 }), 'unknown-property', 'Patient', 'error');
    expect(issue.message).toContain("'fooBar'");
  });

  it('reports a single value where an array belongs, and the reverse', () => {
    expectIssue(issuesOf(v, { resourceType: 'Patient', name: { family: 'Lee' } }), 'json-array-expected', 'Patient.name');
    expectIssue(issuesOf(v, { resourceType: 'Patient', gender: ['male'] }), 'json-array-unexpected', 'Patient.gender');
  });

  it('reports empty arrays and empty objects', () => {
    expectIssue(issuesOf(v, { resourceType: 'Patient', name: [] }), 'empty-array', 'Patient.name');
    const issues = issuesOf(v, { resourceType: 'Patient', maritalStatus: {} });
    expectIssue(issues, 'empty-object', 'Patient.maritalStatus');
    expectNoIssue(issues, 'ele-1'); // one error per failing element
  });

  it('reports a choice given twice and a choice type that is not allowed', () => {
    expectIssue(issuesOf(v, { resourceType: 'Patient', deceasedBoolean: true, deceasedDateTime: '2020-01-01' }), 'choice-multiple', 'Patient');
    expectIssue(issuesOf(v, { resourceType: 'Patient', deceasedString: 'yes' }), 'choice-type-not-allowed', 'Patient');
  });

  it('checks _element companions: they must line up with their primitive', () => {
    expectNoIssue(issuesOf(v, { resourceType: 'Patient', name: [{ given: ['A', 'B'], _given: [null, { id: 'x' }] }] }), 'companion-misaligned');
    expectIssue(issuesOf(v, { resourceType: 'Patient', name: [{ given: ['A', 'B'], _given: [{ id: 'x' }] }] }), 'companion-misaligned', 'Patient.name[0]');
    expectIssue(issuesOf(v, { resourceType: 'Patient', _name: {} }), 'unknown-property', 'Patient');
    // A companion holds id and extension only, never the value itself.
    const companionValue = issuesOf(v, { resourceType: 'Patient', active: true, _active: { value: true } }).filter((i) => i.ruleId === 'unknown-property');
    expect(companionValue.map((i) => [i.location, i.message])).toEqual([['Patient.active', "The property 'value' is invalid in '_active' (a primitive's extensions and id only)"]]);
    expectNoIssue(issuesOf(v, { resourceType: 'Patient', active: true, _active: { id: 'a', extension: [{ url: 'http://example.org/x', valueString: 'y' }] } }), 'unknown-property');
  });

  it('checks the resource type of contained and entry resources', () => {
    expectIssue(issuesOf(v, { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:8a2c9c1e-4c55-4f0e-9b9b-6d7c1f8f0a11', resource: { resourceType: 'Chicken' } }] }), 'resource-type-unknown', 'Bundle.entry[0].resource');
    expectIssue(issuesOf(v, { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:8a2c9c1e-4c55-4f0e-9b9b-6d7c1f8f0a11', resource: { id: 'x' } }] }), 'resource-type-missing', 'Bundle.entry[0].resource');
  });

  it('reports extensions on Resource.id', () => {
    expectIssue(issuesOf(v, { resourceType: 'Patient', id: 'p', _id: { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] } }), 'resource-id-extension', 'Patient.id');
    expectNoIssue(issuesOf(v, { resourceType: 'Patient', birthDate: '2000', _birthDate: { id: 'b' } }), 'resource-id-extension');
  });

  it('reports null outside an array', () => {
    expectIssue(issuesOf(v, { resourceType: 'Patient', gender: null }), 'json-null', 'Patient.gender');
  });

  it('reports an object where a primitive belongs and a primitive where an object belongs', () => {
    expectIssue(issuesOf(v, { resourceType: 'Patient', gender: { code: 'male' } }), 'json-primitive-expected', 'Patient.gender');
    expectIssue(issuesOf(v, { resourceType: 'Patient', maritalStatus: 'M' }), 'json-object-expected', 'Patient.maritalStatus');
  });
});
