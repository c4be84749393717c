/**
 * Replays every saved fuzz failure (fixtures/fuzz-regressions/*.json, written by
 * `npm run fuzz`, or by hand for failures found while writing the fuzzer): each must now be
 * handled — an OperationOutcome with issues, no internal error, no 5xx.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { createValidator, type Validator } from '../../src/api/index.js';
import { describeWithShared, repoRoot } from '../support/shared.js';
import { createTypeModel } from '../../src/formats/type-model.js';
import { caseFromFixture, checkCase, loadSeedMessages, makeCase } from './fuzz-case.js';

const folder = resolve(repoRoot, 'fixtures', 'fuzz-regressions');
const files = readdirSync(folder).filter((f) => f.endsWith('.json')).sort();

describeWithShared('fuzz regressions replayed', () => {
  let validator: Validator;
  let seedMessages: ReturnType<typeof loadSeedMessages> | undefined;
  let typeModel: ReturnType<typeof createTypeModel> | undefined;
  const seeds = () => (seedMessages ??= loadSeedMessages(repoRoot, validator));
  const model = () => (typeModel ??= createTypeModel(validator.definitions));
  beforeAll(async () => {
    validator = await createValidator();
  });

  it('there are saved failures to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(file, async () => {
      const fixture = JSON.parse(readFileSync(resolve(folder, file), 'utf8')) as Record<string, unknown>;
      expect(typeof fixture.failure).toBe('string');
      // A failure while making the input is replayed by making it again (it must not throw now).
      const testCase = fixture.stage === 'make-case' ? makeCase(seeds(), validator, model(), fixture.seed as number, fixture.iteration as number) : caseFromFixture(fixture);
      expect(await checkCase(validator, testCase)).toBeUndefined();
    });
  }
});
