/** Shared set-up for the engine's unit tests: a validator over R4 core plus a few test resources. */
import { expect } from 'vitest';
import { createValidator, type Issue, type Validator } from '../../src/api/index.js';
import { createDefinitionSet } from '../../src/defs/definition-set.js';
import { loadR4CorePackage } from '../../src/defs/r4-core.js';
import type { ConformanceResource, FhirPackage } from '../../src/defs/types.js';

let core: FhirPackage | undefined;

export function r4Core(): FhirPackage {
  return (core ??= loadR4CorePackage());
}

/** A validator on R4 core and the given extra conformance resources (profiles may be differential-only). */
export async function coreValidator(extra: ConformanceResource[] = []): Promise<Validator> {
  const test: FhirPackage = { name: 'engine.test', version: '0.0.0', resources: extra };
  return createValidator({ definitions: createDefinitionSet([r4Core(), test]) });
}

export function issuesOf(validator: Validator, resource: unknown, profile?: string): Issue[] {
  return validator.validateToIssues(resource, profile ? { profile } : {}).issues;
}

export function errorsOf(issues: Issue[]): Issue[] {
  return issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
}

/** Asserts one issue with this rule id (and location, when given) and returns it. */
export function expectIssue(issues: Issue[], ruleId: string, location?: string, severity?: Issue['severity']): Issue {
  const found = issues.find((i) => i.ruleId === ruleId && (location === undefined || i.location === location));
  expect(found, `expected ${ruleId} at ${location ?? '(any)'}; got ${JSON.stringify(issues.map((i) => [i.ruleId, i.location]))}`).toBeDefined();
  if (severity) expect(found!.severity).toBe(severity);
  return found!;
}

export function expectNoIssue(issues: Issue[], ruleId: string): void {
  expect(issues.filter((i) => i.ruleId === ruleId).map((i) => `${i.location}: ${i.message}`)).toEqual([]);
}

/** A differential-only constraint profile on a core type. */
export function profile(id: string, type: string, elements: Array<Record<string, unknown>>): ConformanceResource {
  return {
    resourceType: 'StructureDefinition',
    id,
    url: `http://example.org/fhir/StructureDefinition/${id}`,
    version: '1.0.0',
    name: id,
    status: 'active',
    kind: type.charAt(0) === type.charAt(0).toLowerCase() ? 'primitive-type' : 'resource',
    abstract: false,
    type,
    baseDefinition: `http://hl7.org/fhir/StructureDefinition/${type}`,
    derivation: 'constraint',
    differential: { element: [{ id: type, path: type }, ...elements] },
  };
}
