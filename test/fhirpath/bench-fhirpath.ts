/**
 * Throughput figures for the FHIRPath adapter and the terminology lookups (not a test:
 * run with `npx tsx test/fhirpath/bench-fhirpath.ts`). Evaluates ele-1 at every element of
 * a 100-entry Bundle the way a validator would, compiling through the cache each time.
 */
import { createDefinitionSet } from '../../src/defs/definition-set.js';
import { loadR4CorePackage } from '../../src/defs/r4-core.js';
import { createFhirPathEvaluator, type FhirPathInput } from '../../src/fhirpath/index.js';
import { createTerminology } from '../../src/terminology/index.js';

const ELE_1 = 'hasValue() or (children().count() > id.count())';

function makeBundle(entries: number): Record<string, unknown> {
  const entry = Array.from({ length: entries }, (_, i) => {
    const resource =
      i % 2 === 0
        ? {
            resourceType: 'Patient', id: `p${i}`, active: true, gender: 'female', birthDate: '1970-01-01',
            _birthDate: { extension: [{ url: 'http://example.org/accuracy', valueCode: 'estimated' }] },
            identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: `943476${String(i).padStart(4, '0')}` }],
            name: [{ use: 'official', family: 'Smith', given: ['Jo', 'Ann'] }],
            telecom: [{ system: 'phone', value: '01234 567890', use: 'home' }],
            address: [{ line: ['1 High Street'], city: 'Leeds', postalCode: 'LS1 1AA' }],
          }
        : {
            resourceType: 'Observation', id: `o${i}`, status: 'final',
            code: { coding: [{ system: 'http://loinc.org', code: '8480-6', display: 'Systolic blood pressure' }] },
            subject: { reference: `urn:uuid:p${i - 1}` }, effectiveDateTime: '2024-01-01T10:00:00Z',
            valueQuantity: { value: 120, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' },
          };
    return { fullUrl: `urn:uuid:${resource.id}`, resource };
  });
  return { resourceType: 'Bundle', id: 'b', type: 'collection', entry };
}

/** Every element below `resource` (objects and primitives), as the walker would visit them. */
function* elements(value: unknown, path: string, resource: unknown): Generator<FhirPathInput> {
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (key === 'resourceType' || key.startsWith('_')) continue;
    const items = Array.isArray(child) ? child : [child];
    const extension = (value as Record<string, unknown>)[`_${key}`];
    for (const item of items) {
      const isResource = item !== null && typeof item === 'object' && 'resourceType' in (item as object);
      const nodePath = isResource ? (item as { resourceType: string }).resourceType : `${path}.${key}`;
      const owner = isResource ? item : resource;
      yield { node: item, nodePath, resource: owner, rootResource: owner, primitiveExtension: typeof item === 'object' ? undefined : extension };
      yield* elements(item, nodePath, owner);
    }
  }
}

const bundle = makeBundle(100);
const nodes = [...elements(bundle, 'Bundle', bundle)];
const fp = createFhirPathEvaluator();

function pass(): number {
  let failures = 0;
  for (const input of nodes) {
    const compiled = fp.compile(ELE_1);
    if ('error' in compiled) throw new Error(compiled.error);
    const result = fp.evaluateBoolean(compiled, input);
    if (!result.ok) throw new Error(result.error);
    if (!result.value) failures++;
  }
  return failures;
}

pass(); // warm-up: per-path compilation and JIT
const rounds = 5;
const start = performance.now();
let failures = 0;
for (let i = 0; i < rounds; i++) failures += pass();
const seconds = (performance.now() - start) / 1000;
const evaluations = nodes.length * rounds;
const stats = fp.stats();
console.log(`ele-1 over a 100-entry Bundle: ${nodes.length} elements per pass, ${failures} failures`);
console.log(`  ${Math.round(evaluations / seconds)} evaluations/s (${((seconds / rounds) * 1000).toFixed(1)} ms per Bundle)`);
console.log(`  compile cache: ${stats.compileCacheHits}/${stats.compileRequests} hits (${((100 * stats.compileCacheHits) / stats.compileRequests).toFixed(2)}%), ${stats.typedCompilations} typed compilations (one per element path)`);

const terminology = createTerminology(createDefinitionSet([loadR4CorePackage()]));
const vs = 'http://hl7.org/fhir/ValueSet/administrative-gender';
const coding = { system: 'http://hl7.org/fhir/administrative-gender', code: 'female' };
terminology.validateCode(coding, vs);
const lookups = 1_000_000;
const t0 = performance.now();
for (let i = 0; i < lookups; i++) terminology.validateCode(coding, vs);
const lookupSeconds = (performance.now() - t0) / 1000;
console.log(`validateCode on a cached expansion: ${Math.round(lookups / lookupSeconds)} calls/s`);
