/**
 * Every resource-level R4 core constraint, evaluated on every resource (Bundle entries and
 * contained resources included) of the BaRS API examples and the offline fhir-test-cases:
 * none may fail to evaluate. Whether each holds is the engine's business (many test cases are invalid on purpose).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { createDefinitionSet } from '../../src/defs/definition-set.js';
import { loadR4CorePackage } from '../../src/defs/r4-core.js';
import type { ConformanceResource, DefinitionSet } from '../../src/defs/types.js';
import { createFhirPathEvaluator, type FhirPathEvaluator } from '../../src/fhirpath/index.js';
import { createTerminology } from '../../src/terminology/index.js';
import { describeWithShared, sharedPath } from '../support/shared.js';

type Json = Record<string, unknown>;
interface Sd extends ConformanceResource {
  snapshot?: { element: Array<{ path: string; constraint?: Array<{ key: string; expression?: string }> }> };
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

/** Each resource with its %rootResource (the container for contained ones) and its Bundle. */
function* resourcesIn(resource: Json, root: Json, bundle: Json | undefined): Generator<{ resource: Json; root: Json; bundle?: Json }> {
  yield { resource, root, bundle };
  for (const contained of (resource.contained as Json[] | undefined) ?? []) yield* resourcesIn(contained, resource, bundle);
  if (resource.resourceType === 'Bundle') {
    for (const entry of (resource.entry as Array<{ resource?: Json }> | undefined) ?? []) {
      if (entry.resource?.resourceType) yield* resourcesIn(entry.resource, entry.resource, resource);
    }
  }
}

describeWithShared('resource-level R4 core constraints on example messages', () => {
  let defs: DefinitionSet;
  let fp: FhirPathEvaluator;
  beforeAll(() => {
    defs = createDefinitionSet([loadR4CorePackage()]);
    fp = createFhirPathEvaluator({ terminology: createTerminology(defs) });
  });

  it('evaluate without errors', () => {
    const files = [...jsonFiles(sharedPath('bars-api', 'examples')), ...jsonFiles(sharedPath('fhir-test-cases'))];
    const errors: string[] = [];
    let evaluations = 0;
    for (const file of files) {
      let json: Json;
      try {
        json = JSON.parse(readFileSync(file, 'utf8')) as Json;
      } catch {
        continue; // some test cases are malformed JSON on purpose
      }
      if (typeof json?.resourceType !== 'string') continue;
      for (const { resource, root, bundle } of resourcesIn(json, json, undefined)) {
        const type = resource.resourceType as string;
        const rootElement = defs.typeDefinition<Sd>(type)?.snapshot?.element.find((e) => e.path === type);
        for (const constraint of rootElement?.constraint ?? []) {
          if (!constraint.expression) continue;
          const compiled = fp.compile(constraint.expression);
          if ('error' in compiled) {
            errors.push(`${constraint.key}: ${compiled.error}`);
            continue;
          }
          evaluations++;
          const result = fp.evaluateBoolean(compiled, { node: resource, nodePath: type, resource, rootResource: root, bundle });
          if (!result.ok) errors.push(`${file} ${constraint.key}: ${result.error}`);
        }
      }
    }
    console.info(`${evaluations} resource-level constraint evaluations on ${files.length} example files, ${errors.length} errors`);
    expect(evaluations).toBeGreaterThan(1000);
    expect(errors).toEqual([]);
  });
});
