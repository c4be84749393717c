import { beforeAll, describe, expect, it } from 'vitest';
import type { Validator } from '../../src/api/index.js';
import { coreValidator, expectIssue, expectNoIssue, issuesOf, profile } from './helpers.js';

const PATIENT_URL = 'urn:uuid:5b1f0a3e-2c44-4d8e-9a61-0f3b7c2d9e10';
const ORG_URL = 'urn:uuid:9c3e1d2a-7b44-4f0e-8d6a-1e2f3a4b5c6d';

function bundle(subjectReference: string, extra: Array<Record<string, unknown>> = []) {
  return {
    resourceType: 'Bundle', type: 'collection',
    entry: [
      { fullUrl: 'urn:uuid:0e8f7a6b-5c4d-4e3f-a2b1-c0d9e8f7a6b5', resource: { resourceType: 'ServiceRequest', status: 'active', intent: 'order', subject: { reference: subjectReference } } },
      { fullUrl: PATIENT_URL, resource: { resourceType: 'Patient' } },
      { fullUrl: ORG_URL, resource: { resourceType: 'Organization', name: 'Org' } },
      ...extra,
    ],
  };
}

/** ServiceRequest.subject only in the same Bundle; .requester only contained. */
const aggregated = profile('sr-aggregated', 'ServiceRequest', [
  { id: 'ServiceRequest.subject', path: 'ServiceRequest.subject', type: [{ code: 'Reference', targetProfile: ['http://hl7.org/fhir/StructureDefinition/Patient'], aggregation: ['bundled'] }] },
  { id: 'ServiceRequest.requester', path: 'ServiceRequest.requester', type: [{ code: 'Reference', targetProfile: ['http://hl7.org/fhir/StructureDefinition/Practitioner'], aggregation: ['contained'] }] },
]);

describe('references check', () => {
  let v: Validator;
  beforeAll(async () => {
    v = await coreValidator([aggregated]);
  });

  it('checks references against the aggregation modes of their element type', () => {
    const url = 'http://example.org/fhir/StructureDefinition/sr-aggregated';
    const request = (subject: string, requester?: string, contained?: unknown[]) => ({ resourceType: 'ServiceRequest', status: 'active', intent: 'order', subject: { reference: subject }, ...(requester ? { requester: { reference: requester } } : {}), ...(contained ? { contained } : {}) });
    const inBundle = (resource: Record<string, unknown>) => ({ resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:0e8f7a6b-5c4d-4e3f-a2b1-c0d9e8f7a6b5', resource }, { fullUrl: PATIENT_URL, resource: { resourceType: 'Patient' } }] });
    // Alone, the subject is external: bundled only is not met.
    const alone = expectIssue(issuesOf(v, request('Patient/p1'), url), 'reference-aggregation', 'ServiceRequest.subject', 'error');
    expect(alone.message).toContain('external');
    // In a Bundle whose entry holds the Patient (validated with the profile on the entry's meta.profile), it is met.
    const entry = { ...request(PATIENT_URL), meta: { profile: [url] } };
    expectNoIssue(issuesOf(v, inBundle(entry)), 'reference-aggregation');
    // A contained requester meets contained; an external one does not.
    const practitioner = { resourceType: 'Practitioner', id: 'pr' };
    expectNoIssue(issuesOf(v, { ...inBundle({ ...request(PATIENT_URL, '#pr', [practitioner]), meta: { profile: [url] } }) }), 'reference-aggregation');
    expectIssue(issuesOf(v, inBundle({ ...request(PATIENT_URL, 'Practitioner/x'), meta: { profile: [url] } })), 'reference-aggregation', 'Bundle.entry[0].resource.requester');
  });

  it('resolves urn:uuid references inside the Bundle', () => {
    const issues = issuesOf(v, bundle(PATIENT_URL));
    expectNoIssue(issues, 'reference-not-in-bundle');
    expectNoIssue(issues, 'reference-target-type');
  });

  it('reports a urn:uuid reference that is not in the Bundle as an error', () => {
    const issue = expectIssue(issuesOf(v, bundle('urn:uuid:00000000-0000-4000-8000-000000000000')), 'reference-not-in-bundle', 'Bundle.entry[0].resource.subject', 'error');
    expect(issue.message).toContain("Can't find");
  });

  it('warns (only) for an unresolved relative reference inside a Bundle', () => {
    expectIssue(issuesOf(v, bundle('Patient/elsewhere')), 'reference-unresolved', 'Bundle.entry[0].resource.subject', 'warning');
  });

  it('errors when the target is in the Bundle but the fullUrl rules keep a relative reference from it', () => {
    const b = bundle('Patient/p1');
    (b.entry[1].resource as Record<string, unknown>).id = 'p1';
    expectIssue(issuesOf(v, b), 'reference-fullurl-rules', 'Bundle.entry[0].resource.subject', 'error');
  });

  it('resolves relative references against a RESTful fullUrl base', () => {
    const restful = {
      resourceType: 'Bundle', type: 'collection',
      entry: [
        { fullUrl: 'http://example.org/fhir/ServiceRequest/1', resource: { resourceType: 'ServiceRequest', id: '1', status: 'active', intent: 'order', subject: { reference: 'Patient/2' } } },
        { fullUrl: 'http://example.org/fhir/Patient/2', resource: { resourceType: 'Patient', id: '2' } },
      ],
    };
    expectNoIssue(issuesOf(v, restful), 'reference-unresolved');
  });

  it('checks the target type against targetProfile', () => {
    const issue = expectIssue(issuesOf(v, bundle(ORG_URL)), 'reference-target-type', 'Bundle.entry[0].resource.subject', 'error');
    expect(issue.message).toContain('Found Organization');
    expectIssue(issuesOf(v, { resourceType: 'ServiceRequest', status: 'active', intent: 'order', subject: { reference: 'Organization/1' } }), 'reference-target-type');
  });

  it('checks the form of the reference and contained references', () => {
    expectIssue(issuesOf(v, { resourceType: 'ServiceRequest', status: 'active', intent: 'order', subject: { reference: 'Chicken/1' } }), 'reference-type-unknown');
    expectIssue(issuesOf(v, { resourceType: 'ServiceRequest', status: 'active', intent: 'order', subject: { reference: 'not a reference' } }), 'reference-format');
    expectNoIssue(issuesOf(v, { resourceType: 'ServiceRequest', status: 'active', intent: 'order', subject: { reference: 'not a reference' } }), 'reference-type-unknown');
    // A malformed reference's type segment is checked too (the HL7 Java validator reports both).
    const malformed = issuesOf(v, { resourceType: 'ServiceRequest', status: 'active', intent: 'order', subject: { reference: 'ht tps://example.org/Chicken/1' } });
    expectIssue(malformed, 'reference-format', 'ServiceRequest.subject');
    expectIssue(malformed, 'reference-type-unknown', 'ServiceRequest.subject');
    expectNoIssue(issuesOf(v, { resourceType: 'ServiceRequest', status: 'active', intent: 'order', subject: { reference: 'ht tps://example.org/Patient/1' } }), 'reference-type-unknown');
    const contained = { resourceType: 'ServiceRequest', status: 'active', intent: 'order', contained: [{ resourceType: 'Patient', id: 'p1' }], subject: { reference: '#p1' } };
    expectNoIssue(issuesOf(v, contained), 'reference-contained-not-found');
    expectIssue(issuesOf(v, { ...contained, subject: { reference: '#p2' } }), 'reference-contained-not-found', 'ServiceRequest.subject');
  });
});
