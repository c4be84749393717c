/**
 * Child process of the benchmark: the 111→ED referral's JSON.parse and full validation, interleaved
 * round by round as in run.ts, with nothing else in the process (no @medplum/core); prints JSON.
 * Shows how much of the in-process figure is the peer's presence (see report.ts).
 */
import { join } from 'node:path';
import { createValidator } from '../../src/api/index.js';
import { defaultSharedDir } from '../../src/defs/project-paths.js';
import { IG_EXAMPLES, readIgExample } from './messages.js';
import { median } from './stats.js';

const quick = process.argv.includes('--quick');
const validator = await createValidator();
const resource = readIgExample(join(defaultSharedDir(), 'bars-ig', 'Examples'), IG_EXAMPLES[0].file, validator.definitions);
const text = JSON.stringify(resource, null, 2);
const runners: Array<(text: string) => unknown> = [(t) => JSON.parse(t), (t) => validator.validate(t), (t) => validator.validate(t, { bars: false })];
for (let i = 0; i < 20; i++) for (const run of runners) run(text);
const samples = runners.map(() => [] as number[]);
const budgetMs = (quick ? 1500 : 6000) * runners.length;
const started = performance.now();
for (let round = 0; round < 1000 && (round < 15 || performance.now() - started < budgetMs); round++) {
  for (let k = 0; k < runners.length; k++) {
    const r = (k + round) % runners.length;
    const start = performance.now();
    runners[r](text);
    samples[r].push(performance.now() - start);
  }
}
const [parseMs, fullMs, engineMs] = samples.map(median);
process.stdout.write(JSON.stringify({ parseMs, fullMs, engineMs, samples: samples[0].length }));
