import { beforeAll, describe, expect, it } from 'vitest';
import type { Validator } from '../../src/api/index.js';
import { coreValidator, expectIssue, expectNoIssue, issuesOf, profile } from './helpers.js';

const withInvariant = profile('pat-needs-name', 'Patient', [
  { id: 'Patient', path: 'Patient', constraint: [{ key: 'test-1', severity: 'error', human: 'A patient needs a name', expression: 'name.exists()', source: 'http://example.org/fhir/StructureDefinition/pat-needs-name' }] },
]);
const throwing = profile('pat-throws', 'Patient', [
  { id: 'Patient', path: 'Patient', constraint: [{ key: 'test-3', severity: 'error', human: 'Adds a number to a string', expression: "'a' + 1 > 0", source: 'http://example.org/fhir/StructureDefinition/pat-throws' }] },
  { id: 'Patient.name', path: 'Patient.name', constraint: [{ key: 'test-4', severity: 'warning', human: 'One family name across names', expression: "%resource.name.family.single() = family", source: 'http://example.org/fhir/StructureDefinition/pat-throws' }] },
]);
const badExpression = profile('pat-bad-fhirpath', 'Patient', [
  { id: 'Patient', path: 'Patient', constraint: [{ key: 'test-2', severity: 'error', human: 'Broken', expression: 'name.where(', source: 'http://example.org/fhir/StructureDefinition/pat-bad-fhirpath' }] },
]);

describe('invariants check', () => {
  let v: Validator;
  beforeAll(async () => {
    v = await coreValidator([withInvariant, badExpression, throwing]);
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

  it('reports a constraint whose evaluation throws as invariant-error (code exception) with the constraint\'s severity, once per resource, never as the constraint failing', () => {
    const url = 'http://example.org/fhir/StructureDefinition/pat-throws';
    const issues = issuesOf(v, { resourceType: 'Patient', name: [{ family: 'Lee' }, { family: 'Kaur' }, { family: 'Shah' }] }, url);
    const failed = issues.filter((i) => i.ruleId === 'invariant-error');
    expect(failed.map((i) => [i.severity, i.code, i.location, i.definition])).toEqual([
      ['error', 'exception', 'Patient', url],
      // A warning constraint's evaluation failure is a warning: no worse than the constraint failing.
      ['warning', 'exception', 'Patient.name[0]', url],
    ]);
    expect(failed[0].message).toBe(`The constraint test-3 ('Adds a number to a string', defined in ${url}) could not be evaluated on this instance, so whether it holds is unknown: Cannot convert a to a number`);
    expect(failed[1].message).toMatch(/^The constraint test-4 \('One family name across names', defined in .+\) could not be evaluated on this instance, so whether it holds is unknown: Expected single$/);
    expectNoIssue(issues, 'test-3');
    expectNoIssue(issues, 'test-4');
    // With one name the same single() evaluates and the constraint holds.
    const one = issuesOf(v, { resourceType: 'Patient', name: [{ family: 'Lee' }] }, url);
    expect(one.filter((i) => i.ruleId === 'invariant-error').map((i) => i.location)).toEqual(['Patient']);
    expectNoIssue(one, 'test-4');
  });
});

describe('invariants check shared by validators with different FHIRPath evaluators', () => {
  it('compiles each constraint with the evaluator of the walk that meets it, not one kept from another', async () => {
    const { createDefinitionSet } = await import('../../src/defs/definition-set.js');
    const { createPlanCompiler } = await import('../../src/compile/plan-compiler.js');
    const { InstanceWalker } = await import('../../src/instance/walker.js');
    const { createInvariantsCheck } = await import('../../src/checks/invariants.js');
    const { createFhirPathEvaluator } = await import('../../src/fhirpath/index.js');
    const { r4Core } = await import('./helpers.js');
    const defs = createDefinitionSet([r4Core()]);
    const plans = createPlanCompiler({ defs });
    const checks = [createInvariantsCheck()];
    // A contained resource: dom-2..dom-5 run through FHIRPath (no native form); dom-3 fails (nothing refers to it).
    const request = { resourceType: 'ServiceRequest', status: 'active', intent: 'order', subject: { reference: 'Patient/1' }, contained: [{ resourceType: 'Patient', id: 'p1' }] };
    const first = createFhirPathEvaluator();
    const second = createFhirPathEvaluator({ nativeEvaluation: false });
    const asked: number[] = [];
    for (const fhirPath of [first, first, second, second, first]) {
      const issues = new InstanceWalker({ services: { defs, plans, fhirPath }, checks }).validateResource(request);
      expect(issues.map((i) => i.ruleId)).toContain('dom-3');
      asked.push(first.stats().compileRequests + second.stats().compileRequests);
    }
    // Each evaluator is asked to compile the constraints when a walk with it meets them after a walk
    // with the other; a second walk with the same one asks nothing.
    expect(asked[0]).toBeGreaterThan(0);
    expect(asked[1]).toBe(asked[0]);
    expect(asked[2]).toBe(2 * asked[0]);
    expect(asked[3]).toBe(asked[2]);
    expect(asked[4]).toBe(3 * asked[0]);
    // The one without native evaluation answered them all through fhirpath.js.
    expect(second.stats().nativeEvaluations).toBe(0);
    expect(first.stats().nativeEvaluations).toBeGreaterThan(0);
  });
});
