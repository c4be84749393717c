/**
 * One fuzz case: an input made from a valid BaRS message by seeded mutations, and the check
 * that the validator handled it — returned an OperationOutcome with at least one issue, did
 * not fail internally (no `internal-error` issue, no 5xx from the receiver), did not pollute
 * Object.prototype, and finished within the hang threshold. Shared by `npm run fuzz`, the
 * short run in the tests and the replay of saved regressions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Validator } from '../../src/api/index.js';
import { createTypeModel } from '../../src/formats/type-model.js';
import { writeFhirXml } from '../../src/formats/xml-writer.js';
import { intBelow, mutateText, mutateTree, pick, randomFor, withBadUtf8, type Random } from './mutate.js';

export interface SeedMessage {
  name: string;
  json: string;
  xml: string;
}

export type Delivery = 'text' | 'bytes' | 'object';

export interface FuzzCase {
  seed: number;
  iteration: number;
  message: string;
  format: 'json' | 'xml';
  delivery: Delivery;
  /** validate() or the receiver (payload-only, or with BaRS headers). */
  entry: 'validate' | 'receive' | 'receive-with-headers';
  mutations: string[];
  input: string | Uint8Array | Record<string, unknown>;
}

/** The valid messages of fixtures/<application>/valid (not the verdict files), with their XML. */
export function loadSeedMessages(repoRoot: string, validator: Validator): SeedMessage[] {
  const model = createTypeModel(validator.definitions);
  const fixtures = resolve(repoRoot, 'fixtures');
  const seeds: SeedMessage[] = [];
  for (const application of readdirSync(fixtures)) {
    const valid = join(fixtures, application, 'valid');
    let files: string[];
    try {
      files = readdirSync(valid);
    } catch {
      continue;
    }
    for (const file of files.filter((f) => f.endsWith('.json') && !f.endsWith('.verdict.json')).sort()) {
      const json = readFileSync(join(valid, file), 'utf8');
      const resource = JSON.parse(json) as Record<string, unknown>;
      if (resource.resourceType !== 'Bundle') continue;
      seeds.push({ name: `${application}/${file}`, json, xml: writeFhirXml(resource, model) });
    }
  }
  return seeds;
}

function serialise(tree: Record<string, unknown>, format: 'json' | 'xml', validator: Validator, random: Random, model: ReturnType<typeof createTypeModel>): string {
  if (format === 'json') return JSON.stringify(tree, null, random() < 0.5 ? 2 : undefined);
  return writeFhirXml(tree, model, { pretty: random() < 0.5 });
}

/** The input for (seed, iteration): always the same one. */
export function makeCase(seeds: SeedMessage[], validator: Validator, model: ReturnType<typeof createTypeModel>, seed: number, iteration: number): FuzzCase {
  const random = randomFor(seed, iteration);
  const message = pick(random, seeds);
  const mutations: string[] = [];
  const r = random();
  const format: 'json' | 'xml' = r < 0.7 ? 'json' : 'xml';
  let delivery: Delivery = 'text';
  let input: FuzzCase['input'];
  const structural = random() < 0.75;
  const tree = JSON.parse(message.json) as Record<string, unknown>;
  if (structural) for (let n = 1 + intBelow(random, 3); n > 0; n--) mutations.push(mutateTree(tree, random));
  let text = structural ? serialise(tree, format, validator, random, model) : format === 'json' ? message.json : message.xml;
  const kind = random();
  if (!structural || kind < 0.3) {
    for (let n = 1 + intBelow(random, 3); n > 0; n--) {
      const mutated = mutateText(text, random);
      text = mutated.text;
      mutations.push(mutated.name);
    }
  }
  input = text;
  if (kind > 0.9) {
    delivery = 'bytes';
    input = withBadUtf8(text, random);
    mutations.push('bad-utf8');
  } else if (kind > 0.8 && structural && format === 'json') {
    delivery = 'object';
    input = tree;
  } else if (kind > 0.7) {
    delivery = 'bytes';
    input = new TextEncoder().encode(text);
  }
  const e = random();
  const entry = e < 0.85 ? 'validate' : e < 0.95 ? 'receive' : 'receive-with-headers';
  return { seed, iteration, message: message.name, format, delivery, entry, mutations, input };
}

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort().join();

function headersFor(testCase: FuzzCase): Record<string, string> {
  const id = `${(testCase.seed >>> 0).toString(16).padStart(8, '0')}-0000-4000-8000-${testCase.iteration.toString(16).padStart(12, '0').slice(-12)}`;
  return {
    'content-type': testCase.format === 'xml' ? 'application/fhir+xml' : 'application/fhir+json',
    accept: 'application/fhir+json',
    'x-request-id': id,
    'x-correlation-id': id,
    'nhsd-end-user-organisation': 'e30=',
    'nhsd-requesting-software': 'e30=',
  };
}

/** Why the case failed, or undefined when the validator handled it. */
export async function checkCase(validator: Validator, testCase: FuzzCase): Promise<string | undefined> {
  let failure: string | undefined;
  try {
    if (testCase.entry === 'validate') {
      const outcome = validator.validate(testCase.input) as unknown as { resourceType?: unknown; issue?: Array<{ details?: { coding?: Array<{ code?: string }> }; diagnostics?: string }> };
      if (!outcome || outcome.resourceType !== 'OperationOutcome' || !Array.isArray(outcome.issue) || outcome.issue.length === 0) {
        failure = `validate returned no OperationOutcome with issues: ${JSON.stringify(outcome)?.slice(0, 300)}`;
      } else {
        const internal = outcome.issue.find((i) => i.details?.coding?.some((c) => c.code === 'internal-error'));
        if (internal) failure = `internal error: ${internal.diagnostics}`;
      }
    } else {
      const response = await validator.receive({ body: testCase.input, ...(testCase.entry === 'receive-with-headers' ? { headers: headersFor(testCase) } : {}) });
      if (!response || typeof response.status !== 'number' || response.status < 200 || response.status >= 500) failure = `receiver answered ${response?.status}: ${JSON.stringify(response?.outcome)?.slice(0, 300)}`;
      else if (response.outcome?.resourceType !== 'OperationOutcome' || !Array.isArray(response.outcome.issue) || response.outcome.issue.length === 0) failure = 'receiver gave no OperationOutcome with issues';
    }
  } catch (error) {
    failure = `threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  }
  if (Object.getOwnPropertyNames(Object.prototype).sort().join() !== PROTOTYPE_KEYS || ({} as Record<string, unknown>).polluted !== undefined) {
    failure = `${failure ? failure + '; ' : ''}Object.prototype was changed`;
  }
  return failure;
}

/** A failing case as a regression fixture (fixtures/fuzz-regressions/*.json). */
export function regressionFixture(testCase: FuzzCase, failure: string): Record<string, unknown> {
  const { input, ...rest } = testCase;
  const stored = input instanceof Uint8Array ? { inputBase64: Buffer.from(input).toString('base64') } : typeof input === 'string' ? { inputText: input } : { inputObject: JSON.stringify(input) };
  return { ...rest, failure, ...stored };
}

/**
 * A failure while making the input itself (the project's writers on the mutated tree): the
 * fixture names the input by seed and iteration, and the replay makes it again with makeCase().
 */
export function makeCaseFixture(seed: number, iteration: number, failure: string): Record<string, unknown> {
  return { seed, iteration, stage: 'make-case', failure };
}

/** The case back from a regression fixture. */
export function caseFromFixture(fixture: Record<string, unknown>): FuzzCase {
  const input = typeof fixture.inputBase64 === 'string'
    ? new Uint8Array(Buffer.from(fixture.inputBase64, 'base64'))
    : typeof fixture.inputText === 'string' ? fixture.inputText : JSON.parse(fixture.inputObject as string);
  return { ...(fixture as unknown as FuzzCase), input };
}
