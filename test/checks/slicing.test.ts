import { beforeAll, describe, expect, it } from 'vitest';
import type { Validator } from '../../src/api/index.js';
import { coreValidator, errorsOf, expectIssue, expectNoIssue, issuesOf, profile } from './helpers.js';

const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const base = 'http://example.org/fhir/StructureDefinition/';

function identifierSlicing(id: string, rules: string, ordered = false) {
  return profile(id, 'Patient', [
    { id: 'Patient.identifier', path: 'Patient.identifier', slicing: { discriminator: [{ type: 'value', path: 'system' }], rules, ordered } },
    { id: 'Patient.identifier:nhs', path: 'Patient.identifier', sliceName: 'nhs', min: 1, max: '1' },
    { id: 'Patient.identifier:nhs.system', path: 'Patient.identifier.system', min: 1, fixedUri: NHS },
    { id: 'Patient.identifier:nhs.value', path: 'Patient.identifier.value', min: 1 },
    { id: 'Patient.identifier:local', path: 'Patient.identifier', sliceName: 'local', min: 0, max: '*' },
    { id: 'Patient.identifier:local.system', path: 'Patient.identifier.system', min: 1, patternUri: 'http://example.org/local' },
  ]);
}

const patternSlicing = profile('obs-pattern-slices', 'Observation', [
  { id: 'Observation.category', path: 'Observation.category', slicing: { discriminator: [{ type: 'pattern', path: '$this' }], rules: 'open' } },
  { id: 'Observation.category:vitals', path: 'Observation.category', sliceName: 'vitals', min: 1, max: '1', patternCodeableConcept: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] } },
]);

describe('slicing check', () => {
  let v: Validator;
  beforeAll(async () => {
    v = await coreValidator([identifierSlicing('pat-open', 'open'), identifierSlicing('pat-closed', 'closed'), identifierSlicing('pat-ordered', 'open', true), patternSlicing]);
  });
  const nhs = { system: NHS, value: '9000000009' };
  const local = { system: 'http://example.org/local', value: 'L1' };
  const other = { system: 'http://example.org/other', value: 'O1' };
  const patient = (identifier: unknown[]) => ({ resourceType: 'Patient', identifier });

  it('matches items to slices by a value discriminator and checks them against the slice', () => {
    expect(errorsOf(issuesOf(v, patient([nhs, local]), `${base}pat-open`))).toEqual([]);
    expectIssue(issuesOf(v, patient([{ system: NHS }]), `${base}pat-open`), 'cardinality-min', 'Patient.identifier[0]');
  });

  it('reports a required slice that is missing, with the Java wording', () => {
    const issue = expectIssue(issuesOf(v, patient([local]), `${base}pat-open`), 'slice-cardinality-min', 'Patient');
    expect(issue.message).toContain("Slice 'Patient.identifier:nhs': a matching slice is required, but not found");
  });

  it('reports a required slice even when the sliced element is absent', () => {
    expectIssue(issuesOf(v, { resourceType: 'Patient' }, `${base}pat-open`), 'slice-cardinality-min', 'Patient');
  });

  it('reports too many items in a slice', () => {
    expectIssue(issuesOf(v, patient([nhs, nhs]), `${base}pat-open`), 'slice-cardinality-max', 'Patient');
  });

  it('allows unmatched items when open and reports them when closed', () => {
    expectNoIssue(issuesOf(v, patient([nhs, other]), `${base}pat-open`), 'slicing-closed');
    expectIssue(issuesOf(v, patient([nhs, other]), `${base}pat-closed`), 'slicing-closed', 'Patient.identifier[1]', 'error');
  });

  it('checks the order of an ordered slicing', () => {
    expectNoIssue(issuesOf(v, patient([nhs, local]), `${base}pat-ordered`), 'slicing-order');
    expectIssue(issuesOf(v, patient([local, nhs]), `${base}pat-ordered`), 'slicing-order', 'Patient.identifier[1]');
  });

  it('matches by a pattern discriminator on $this', () => {
    const vitals = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] };
    const obs = (category: unknown[]) => ({ resourceType: 'Observation', status: 'final', code: { text: 'x' }, category });
    expectNoIssue(issuesOf(v, obs([{ text: 'other' }, vitals]), `${base}obs-pattern-slices`), 'slice-cardinality-min');
    expectIssue(issuesOf(v, obs([{ text: 'other' }]), `${base}obs-pattern-slices`), 'slice-cardinality-min', 'Observation');
  });
});
