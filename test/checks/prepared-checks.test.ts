/**
 * Every check that prepares its node check per element and type (Check.prepareNode) reports
 * what its checkNode reports: the walker uses the first, direct callers the second.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Check, EngineServices } from '../../src/checks/check.js';
import { createChecks } from '../../src/checks/registry.js';
import { createPlanCompiler } from '../../src/compile/plan-compiler.js';
import { createDefinitionSet } from '../../src/defs/definition-set.js';
import { projectRoot } from '../../src/defs/project-paths.js';
import { createFhirPathEvaluator } from '../../src/fhirpath/index.js';
import { InstanceWalker } from '../../src/instance/walker.js';
import { createTerminology } from '../../src/terminology/index.js';
import { r4Core } from './helpers.js';

/** The same check without prepareNode: the walker then calls checkNode (where appliesTo allows). */
function unprepared(check: Check): Check {
  const { prepareNode: _prepared, ...rest } = check;
  return rest;
}

describe('prepared node checks', () => {
  let services: EngineServices;
  beforeAll(() => {
    const defs = createDefinitionSet([r4Core()]);
    services = { defs, plans: createPlanCompiler({ defs }), fhirPath: createFhirPathEvaluator(), terminology: createTerminology(defs) };
  });

  it('report what checkNode reports, on every BaRS fixture message and some malformed nodes', () => {
    const dir = join(projectRoot(), 'fixtures', '111-ed', 'invalid');
    const inputs: Array<Record<string, unknown>> = readdirSync(dir)
      .filter((f) => f.endsWith('.json') && !f.endsWith('.verdict.json'))
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>);
    inputs.push({ resourceType: 'Patient', name: [{}], gender: ['male'], birthDate: null, active: 'yes', contact: [{ name: { family: 1 } }], maritalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus', code: 'nonsense' }] } });
    inputs.push({ resourceType: 'Media', status: 'completed', content: { contentType: 'text/plain', data: 'aGVsbG8=', size: 50 } });
    const prepared = createChecks();
    expect(prepared.filter((c) => c.prepareNode).map((c) => c.name).sort()).toEqual(['attachment', 'bindings', 'invariants', 'narrative', 'primitives', 'structure']);
    const summary = (checks: Check[], input: Record<string, unknown>) =>
      new InstanceWalker({ services, checks }).validateResource(input).map((i) => `${i.severity} ${i.ruleId} @${i.location}: ${i.message}`);
    let issues = 0;
    for (const input of inputs) {
      const viaPrepared = summary(prepared, input);
      expect(summary(createChecks().map(unprepared), input)).toEqual(viaPrepared);
      issues += viaPrepared.length;
    }
    expect(inputs.length).toBeGreaterThan(50);
    expect(issues).toBeGreaterThan(100);
  });
});
