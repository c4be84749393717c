import { beforeAll, describe, expect, it } from 'vitest';
import type { Validator } from '../../src/api/index.js';
import { coreValidator, expectIssue, expectNoIssue, issuesOf, profile } from './helpers.js';

const categoryOnce = profile('sr-category-once', 'ServiceRequest', [
  { id: 'ServiceRequest.category', path: 'ServiceRequest.category', min: 1, max: '1' },
]);

describe('cardinality check', () => {
  let v: Validator;
  beforeAll(async () => {
    v = await coreValidator([categoryOnce]);
  });
  const sr = (extra: Record<string, unknown> = {}) => ({ resourceType: 'ServiceRequest', status: 'active', intent: 'order', subject: { reference: 'Patient/1' }, ...extra });

  it('reports a missing required element at the parent, with the Java wording', () => {
    const issue = expectIssue(issuesOf(v, { resourceType: 'ServiceRequest', intent: 'order', subject: { reference: 'Patient/1' } }), 'cardinality-min', 'ServiceRequest', 'error');
    expect(issue.message).toBe('ServiceRequest.status: minimum required = 1, but only found 0 (from http://hl7.org/fhir/StructureDefinition/ServiceRequest|4.0.1)');
  });

  it('checks nested elements (Extension.url) too', () => {
    expectIssue(issuesOf(v, sr({ extension: [{ valueString: 'x' }] })), 'cardinality-min', 'ServiceRequest.extension[0]');
  });

  it('applies a profile that narrows cardinality (category 1..1)', () => {
    const one = { coding: [{ system: 'http://snomed.info/sct', code: '3457005' }] };
    const url = 'http://example.org/fhir/StructureDefinition/sr-category-once';
    expectNoIssue(issuesOf(v, sr({ category: [one] }), url), 'cardinality-max');
    const issue = expectIssue(issuesOf(v, sr({ category: [one, one] }), url), 'cardinality-max', 'ServiceRequest');
    expect(issue.message).toContain('max allowed = 1, but found 2');
    expectIssue(issuesOf(v, sr(), url), 'cardinality-min', 'ServiceRequest');
    // Without the profile, the base definition allows any number.
    expectNoIssue(issuesOf(v, sr({ category: [one, one] })), 'cardinality-max');
  });
});
