/**
 * Pins the receiver's verdict on every IG example (payload only, fixed clock) in
 * fixtures/ig-examples/verdicts.json — the examples themselves stay in ../shared. Review the diff
 * before committing: test/bars/ig-examples.test.ts fails when a verdict moves.
 * Run: npx tsx test/bars/support/write-ig-verdicts.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createValidator } from '../../../src/api/validator.js';
import { IG_CLOCK, IG_VERDICTS_PATH, listIgExamples, receiveExample, verdictOf, type ExampleVerdict } from './ig-examples.js';

const validator = await createValidator({ now: () => IG_CLOCK });
const verdicts: Record<string, ExampleVerdict> = {};
for (const file of listIgExamples()) verdicts[file] = verdictOf(await receiveExample(validator.createReceiver({ store: null }), file));
mkdirSync(dirname(IG_VERDICTS_PATH), { recursive: true });
writeFileSync(IG_VERDICTS_PATH, `${JSON.stringify(verdicts, null, 2)}\n`);
console.log(`pinned ${Object.keys(verdicts).length} IG example verdicts`);
