/**
 * The short fuzz run of the test suite: 2,000 mutated BaRS messages (JSON and XML, text,
 * bytes and objects, through validate() and the receiver) with a fixed seed. Each must come
 * back as an OperationOutcome with issues, without an internal error, a 5xx or a changed
 * Object.prototype. The long runs are `npm run fuzz` (docs/robustness.md).
 */
import { beforeAll, expect, it } from 'vitest';
import { createValidator, type Validator } from '../../src/api/index.js';
import { createTypeModel } from '../../src/formats/type-model.js';
import { describeWithShared, repoRoot } from '../support/shared.js';
import { checkCase, loadSeedMessages, makeCase, type SeedMessage } from './fuzz-case.js';
import { mutateTree, randomFor } from './mutate.js';

const SEED = 20261202;
const INPUTS = 2000;

describeWithShared('fuzz: a short seeded run', () => {
  let validator: Validator;
  let seeds: SeedMessage[];
  let model: ReturnType<typeof createTypeModel>;
  beforeAll(async () => {
    validator = await createValidator();
    model = createTypeModel(validator.definitions);
    seeds = loadSeedMessages(repoRoot, validator);
  });

  it('starts from the valid BaRS messages of both applications, in JSON and XML', () => {
    expect(seeds.length).toBeGreaterThanOrEqual(8);
    expect(new Set(seeds.map((s) => s.name.split('/')[0]))).toEqual(new Set(['111-ed', '999-cas']));
    for (const seed of seeds) expect(seed.xml.startsWith('<Bundle xmlns="http://hl7.org/fhir"')).toBe(true);
  });

  it('makes the same input from the same seed and iteration, and different ones otherwise', () => {
    const a = makeCase(seeds, validator, model, SEED, 17);
    const b = makeCase(seeds, validator, model, SEED, 17);
    expect(b).toEqual(a);
    const others = Array.from({ length: 20 }, (_, i) => JSON.stringify(makeCase(seeds, validator, model, SEED, 100 + i).input));
    expect(new Set(others).size).toBe(20);
  });

  it('structure-aware mutations change the message', () => {
    const original = seeds[0].json;
    const names = new Set<string>();
    const unchanged: string[] = [];
    for (let i = 0; i < 200; i++) {
      const tree = JSON.parse(original) as Record<string, unknown>;
      const name = mutateTree(tree, randomFor(SEED, i));
      names.add(name);
      // A few can land on equal values (swapping two equal codes, renaming to the same name).
      if (!name.endsWith('-skipped') && JSON.stringify(tree) === JSON.stringify(JSON.parse(original))) unchanged.push(name);
    }
    expect(unchanged.length, unchanged.join()).toBeLessThan(10);
    for (const kind of ['remove', 'duplicate', 'retype', 'swap', 'change-primitive', 'move', 'rename', 'hostile-key', 'nest']) expect(names).toContain(kind);
  });

  it(`${INPUTS} mutated inputs: each handled, none crashes`, async () => {
    const failures: string[] = [];
    const entries = new Set<string>();
    for (let iteration = 0; iteration < INPUTS; iteration++) {
      const testCase = makeCase(seeds, validator, model, SEED, iteration);
      entries.add(`${testCase.entry}/${testCase.format}/${testCase.delivery}`);
      const failure = await checkCase(validator, testCase);
      if (failure) failures.push(`iteration ${iteration} (${testCase.message}, ${testCase.mutations.join('+')}): ${failure}`);
    }
    expect(failures).toEqual([]);
    // Every way in was exercised.
    for (const way of ['validate/json/text', 'validate/xml/text', 'validate/json/bytes', 'validate/json/object', 'receive/json/text', 'receive-with-headers/json/text']) expect(entries).toContain(way);
  }, 900_000);
});
