import { beforeAll, describe, expect, it } from 'vitest';
import type { Validator } from '../../src/api/index.js';
import { coreValidator, expectIssue, expectNoIssue, issuesOf, profile } from './helpers.js';

const withInvariant = profile('pat-needs-name', 'Patient', [
  { id: 'Patient', path: 'Patient', constraint: [{ key: 'test-1', severity: 'error', human: 'A patient needs a name', expression: 'name.exists()', source: 'http://example.org/fhir/StructureDefinition/pat-needs-name' }] },
]);
const badExpression = profile('pat-bad-fhirpath', 'Patient', [
  { id: 'Patient', path: 'Patient', constraint: [{ key: 'test-2', severity: 'error', human: 'Broken', expression: 'name.where(', source: 'http://example.org/fhir/StructureDefinition/pat-bad-fhirpath' }] },
]);

describe('invariants check', () => {
  let v: Validator;
  beforeAll(async () => {
    v = await coreValidator([withInvariant, badExpression]);
  });
  const sr = (extra: Record<string, unknown>) => ({ resourceType: 'ServiceRequest', status: 'active', intent: 'order', subject: { reference: 'Patient/1' }, ...extra });

  it('evaluates resource invariants through FHIRPath (prr-1)', () => {
    const issue = expectIssue(issuesOf(v, sr({ orderDetail: [{ text: 'x' }] })), 'prr-1', 'ServiceRequest', 'error');
    expect(issue.message).toMatch(/^Constraint failed: prr-1: '.+' \(defined in http:\/\/hl7\.org\/fhir\/StructureDefinition\/ServiceRequest/);
    expectNoIssue(issuesOf(v, sr({ orderDetail: [{ text: 'x' }], code: { text: 'y' } })), 'prr-1');
  });

  it('evaluates the constraints of a node\'s type (att-1 on Attachment, eld-13 on ElementDefinition)', () => {
    expectIssue(issuesOf(v, { resourceType: 'Patient', photo: [{ data: 'aGVsbG8=' }] }), 'att-1', 'Patient.photo[0]');
    expectNoIssue(issuesOf(v, { resourceType: 'Patient', photo: [{ contentType: 'text/plain', data: 'aGVsbG8=' }] }), 'att-1');
  });

  it('runs ele-1 natively with the same rule id', () => {
    expectIssue(issuesOf(v, { resourceType: 'Patient', name: [{ id: 'only-an-id' }] }), 'ele-1', 'Patient.name[0]');
    expectNoIssue(issuesOf(v, { resourceType: 'Patient', name: [{ id: 'x', family: 'Lee' }] }), 'ele-1');
  });

  it('evaluates Bundle invariants (bdl-12: a message starts with a MessageHeader; bdl-7 natively)', () => {
    const entry = (fullUrl: string, resource: Record<string, unknown>) => ({ fullUrl, resource });
    const bundle = { resourceType: 'Bundle', type: 'message', entry: [entry('urn:uuid:6c1e5a3e-0f0b-4b7a-9d2e-3f4a5b6c7d8e', { resourceType: 'Patient' })] };
    expectIssue(issuesOf(v, bundle), 'bdl-12', 'Bundle');
    const twice = { resourceType: 'Bundle', type: 'collection', entry: [entry('urn:uuid:6c1e5a3e-0f0b-4b7a-9d2e-3f4a5b6c7d8e', { resourceType: 'Patient' }), entry('urn:uuid:6c1e5a3e-0f0b-4b7a-9d2e-3f4a5b6c7d8e', { resourceType: 'Patient' })] };
    expectIssue(issuesOf(v, twice), 'bdl-7', 'Bundle');
    expectNoIssue(issuesOf(v, { ...twice, entry: twice.entry.slice(0, 1) }), 'bdl-7');
  });

  it('applies profile invariants, once per node even when base and profile are both walked', () => {
    const issues = issuesOf(v, { resourceType: 'Patient' }, 'http://example.org/fhir/StructureDefinition/pat-needs-name');
    expect(issues.filter((i) => i.ruleId === 'test-1')).toHaveLength(1);
    expectNoIssue(issuesOf(v, { resourceType: 'Patient', name: [{ family: 'Lee' }] }, 'http://example.org/fhir/StructureDefinition/pat-needs-name'), 'test-1');
  });

  it('reports a constraint that does not compile as a warning, not as a failure', () => {
    const issues = issuesOf(v, { resourceType: 'Patient' }, 'http://example.org/fhir/StructureDefinition/pat-bad-fhirpath');
    expectIssue(issues, 'invariant-invalid', undefined, 'warning');
    expectNoIssue(issues, 'test-2');
  });
});
