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
import { caseFromFixture, checkCase } from './fuzz-case.js';

const folder = resolve(repoRoot, 'fixtures', 'fuzz-regressions');
const files = readdirSync(folder).filter((f) => f.endsWith('.json')).sort();

describeWithShared('fuzz regressions replayed', () => {
  let validator: Validator;
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
      expect(await checkCase(validator, caseFromFixture(fixture))).toBeUndefined();
    });
  }
});
