import { beforeAll, describe, it } from 'vitest';
import type { Validator } from '../../src/api/index.js';
import { coreValidator, expectIssue, expectNoIssue, issuesOf } from './helpers.js';

describe('bundle check', () => {
  let v: Validator;
  beforeAll(async () => {
    v = await coreValidator();
  });
  const bundle = (fullUrl: string, resource: Record<string, unknown>) => ({ resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl, resource }] });

  it('accepts urn:uuid and matching RESTful fullUrls', () => {
    expectNoIssue(issuesOf(v, bundle('urn:uuid:3f2504e0-4f89-41d3-9a0c-0305e82c3301', { resourceType: 'Patient' })), 'bundle-fullurl-absolute');
    expectNoIssue(issuesOf(v, bundle('http://example.org/fhir/Patient/p1', { resourceType: 'Patient', id: 'p1' })), 'bundle-fullurl-mismatch');
  });

  it('requires an absolute fullUrl', () => {
    expectIssue(issuesOf(v, bundle('Patient/p1', { resourceType: 'Patient', id: 'p1' })), 'bundle-fullurl-absolute', 'Bundle.entry[0]', 'error');
  });

  it('requires a RESTful fullUrl to end with the resource type and id', () => {
    expectIssue(issuesOf(v, bundle('http://example.org/fhir/Patient/p2', { resourceType: 'Patient', id: 'p1' })), 'bundle-fullurl-mismatch', 'Bundle.entry[0]');
    expectIssue(issuesOf(v, bundle('http://example.org/fhir/Patient/p2', { resourceType: 'Patient' })), 'bundle-fullurl-no-id', 'Bundle.entry[0]');
  });

  it('requires a fullUrl on entries, except in transactions and batches', () => {
    const entries = [{ resource: { resourceType: 'Patient' } }];
    expectIssue(issuesOf(v, { resourceType: 'Bundle', type: 'collection', entry: entries }), 'bundle-fullurl-missing', 'Bundle.entry[0]', 'error');
    expectNoIssue(issuesOf(v, { resourceType: 'Bundle', type: 'batch', entry: [{ ...entries[0], request: { method: 'POST', url: 'Patient' } }] }), 'bundle-fullurl-missing');
  });

  it('allows each link relation once', () => {
    const links = (relations: string[]) => ({ resourceType: 'Bundle', type: 'searchset', link: relations.map((relation) => ({ relation, url: `http://example.org/${relation}` })) });
    expectNoIssue(issuesOf(v, links(['self', 'next'])), 'bundle-link-duplicate');
    expectIssue(issuesOf(v, links(['self', 'next', 'self'])), 'bundle-link-duplicate', 'Bundle.link[2]');
  });

  it('requires a urn:uuid fullUrl to hold a UUID', () => {
    expectIssue(issuesOf(v, bundle('urn:uuid:not-a-uuid', { resourceType: 'Patient' })), 'bundle-fullurl-uuid', 'Bundle.entry[0]');
  });
});
