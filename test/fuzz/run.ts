/**
 * `npm run fuzz -- --seed 1 --iterations 100000 --workers 2`: mutates the valid BaRS messages
 * (JSON and, through the project's XML writer, XML) and feeds them to validate() and the
 * receiver. A crash is a throw, a result that is not an OperationOutcome with issues, an
 * internal error or a 5xx, or a changed Object.prototype; a hang is one input taking longer
 * than --hang-ms (default 5000). Each failure is saved under fixtures/fuzz-regressions/
 * (replayed by test/fuzz/regressions.test.ts). Worker k runs seed+k over its share of the
 * iterations; a worker that stops making progress is terminated and its input saved as a hang.
 * Exit code 1 when anything failed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createValidator } from '../../src/api/index.js';
import { createTypeModel } from '../../src/formats/type-model.js';
import { checkCase, loadSeedMessages, makeCase, makeCaseFixture, regressionFixture } from './fuzz-case.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Task {
  seed: number;
  from: number;
  to: number;
  hangMs: number;
  saveDir: string;
  /** Epoch ms after which the worker stops (--max-seconds); the report says how many inputs ran. */
  endAt: number;
  /** An input to save without running it: it stalled (hang) or killed (crash) the previous worker. */
  stalled?: { iteration: number; kind: 'crash' | 'hang'; failure: string };
  /** Int32Array over a SharedArrayBuffer: [iteration in progress, cases done, ready (validator loaded)]. */
  shared: SharedArrayBuffer;
}

type WorkerMessage =
  | { type: 'failure'; kind: 'crash' | 'hang'; seed: number; iteration: number; failure: string; ms: number; file: string }
  | { type: 'done'; seed: number; count: number; slowestMs: number; slowest: string; byEntry: Record<string, number> };

function saveFixture(saveDir: string, fixture: Record<string, unknown>, seed: number, iteration: number): string {
  mkdirSync(saveDir, { recursive: true });
  const file = resolve(saveDir, `seed${seed}-${iteration}.json`);
  writeFileSync(file, JSON.stringify(fixture, null, 2) + '\n');
  return file;
}

async function runWorker(task: Task): Promise<void> {
  const progress = new Int32Array(task.shared);
  const validator = await createValidator();
  const model = createTypeModel(validator.definitions);
  const seeds = loadSeedMessages(repoRoot, validator);
  const send = (message: WorkerMessage): void => parentPort!.postMessage(message);
  Atomics.store(progress, 2, 1);
  if (task.stalled !== undefined) {
    const { iteration, kind, failure } = task.stalled;
    let fixture: Record<string, unknown>;
    try {
      fixture = regressionFixture(makeCase(seeds, validator, model, task.seed, iteration), failure);
    } catch {
      fixture = makeCaseFixture(task.seed, iteration, failure);
    }
    send({ type: 'failure', kind, seed: task.seed, iteration, failure, ms: 0, file: saveFixture(task.saveDir, fixture, task.seed, iteration) });
  }
  let slowestMs = 0;
  let slowest = '';
  const byEntry: Record<string, number> = {};
  let count = 0;
  for (let iteration = task.from; iteration < task.to && Date.now() < task.endAt; iteration++) {
    count++;
    Atomics.store(progress, 0, iteration);
    let testCase: ReturnType<typeof makeCase>;
    try {
      testCase = makeCase(seeds, validator, model, task.seed, iteration);
    } catch (error) {
      // Making the input runs the project's writers (XML, JSON) on the mutated tree: a throw there is a crash too.
      const failure = `making the input threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
      send({ type: 'failure', kind: 'crash', seed: task.seed, iteration, failure, ms: 0, file: saveFixture(task.saveDir, makeCaseFixture(task.seed, iteration, failure), task.seed, iteration) });
      Atomics.add(progress, 1, 1);
      continue;
    }
    const key = `${testCase.entry}/${testCase.format}/${testCase.delivery}`;
    byEntry[key] = (byEntry[key] ?? 0) + 1;
    const started = performance.now();
    const failure = await checkCase(validator, testCase);
    const ms = performance.now() - started;
    if (ms > slowestMs) {
      slowestMs = ms;
      slowest = `seed ${task.seed} iteration ${iteration} (${testCase.message}, ${testCase.entry}, ${testCase.format}, ${testCase.mutations.join('+')})`;
    }
    const kind = failure ? 'crash' : ms > task.hangMs ? 'hang' : undefined;
    if (kind) {
      const why = failure ?? `took ${Math.round(ms)} ms`;
      send({ type: 'failure', kind, seed: task.seed, iteration, failure: why, ms, file: saveFixture(task.saveDir, regressionFixture(testCase, why), task.seed, iteration) });
    }
    Atomics.add(progress, 1, 1);
  }
  send({ type: 'done', seed: task.seed, count, slowestMs, slowest, byEntry });
}

function option(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(args[at + 1]);
  if (!Number.isFinite(value)) throw new Error(`--${name} needs a number`);
  return value;
}

async function main(args: string[]): Promise<number> {
  const seed = option(args, 'seed', 1);
  const iterations = option(args, 'iterations', 2000);
  const workers = Math.max(1, option(args, 'workers', 1));
  const hangMs = option(args, 'hang-ms', 5000);
  const maxSeconds = option(args, 'max-seconds', Infinity);
  const saveAt = args.indexOf('--save-dir');
  const saveDir = resolve(saveAt >= 0 ? args[saveAt + 1] : resolve(repoRoot, 'fixtures', 'fuzz-regressions'));
  const started = Date.now();
  const failures: Array<Extract<WorkerMessage, { type: 'failure' }>> = [];
  const done: Array<Extract<WorkerMessage, { type: 'done' }>> = [];
  const share = Math.ceil(iterations / workers);
  let lastReport = Date.now();
  const progressOf: Int32Array[] = [];
  /** Inputs run by workers that were ended (hang) or died (crash) before reporting. */
  let countedBeforeRestart = 0;
  // Workers do not inherit tsx's loader: each registers it, then loads this file.
  const workerBoot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;

  const runShare = (k: number, from: number, to: number, stalled?: Task['stalled']): Promise<void> =>
    new Promise((resolveShare, reject) => {
      const shared = new SharedArrayBuffer(12);
      const progress = new Int32Array(shared);
      Atomics.store(progress, 0, from);
      progressOf[k] = progress;
      const task: Task = { seed: seed + k, from, to, hangMs, saveDir, stalled, shared, endAt: started + maxSeconds * 1000 };
      const worker = new Worker(workerBoot, { eval: true, workerData: task });
      let lastIteration = -1;
      let lastChange = Date.now();
      let finished = false;
      const watchdog = setInterval(() => {
        const now = Atomics.load(progress, 0);
        if (now !== lastIteration || Atomics.load(progress, 2) === 0) {
          lastIteration = now;
          lastChange = Date.now();
        } else if (Atomics.load(progress, 2) === 1 && Date.now() - lastChange > hangMs * 4) {
          // Stuck on one input: end this worker, save that input as a hang, go on after it.
          clearInterval(watchdog);
          finished = true;
          const failure = `no answer within ${hangMs * 4} ms (worker terminated)`;
          countedBeforeRestart += Atomics.load(progress, 1);
          void worker.terminate().then(() => runShare(k, lastIteration + 1, to, { iteration: lastIteration, kind: 'hang', failure }).then(resolveShare, reject));
        }
      }, 1000);
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'failure') {
          failures.push(message);
          console.log(`${message.kind.toUpperCase()} seed ${message.seed} iteration ${message.iteration}: ${message.failure.split('\n')[0]} -> ${message.file}`);
        } else {
          done.push(message);
        }
      });
      worker.on('error', (error) => {
        // The input killed the worker (an uncaught throw, a stack overflow): a crash; go on after it.
        clearInterval(watchdog);
        if (finished) return;
        finished = true;
        const iteration = Atomics.load(progress, 0);
        if (Atomics.load(progress, 2) === 0) {
          reject(error);
          return;
        }
        countedBeforeRestart += Atomics.load(progress, 1);
        runShare(k, iteration + 1, to, { iteration, kind: 'crash', failure: `worker died: ${error.stack ?? error.message}` }).then(resolveShare, reject);
      });
      worker.on('exit', (code) => {
        clearInterval(watchdog);
        if (finished) return;
        finished = true;
        if (code === 0 || Atomics.load(progress, 2) === 0) {
          if (code === 0) resolveShare();
          else reject(new Error(`fuzz worker ${k} exited with code ${code} before it was ready`));
          return;
        }
        // Ended without an 'error' event (an unhandled rejection, process.exit): a crash on the input in progress; go on after it.
        const iteration = Atomics.load(progress, 0);
        countedBeforeRestart += Atomics.load(progress, 1);
        runShare(k, iteration + 1, to, { iteration, kind: 'crash', failure: `worker exited with code ${code}` }).then(resolveShare, reject);
      });
    });

  const reporter = setInterval(() => {
    const count = countedBeforeRestart + progressOf.reduce((sum, p) => sum + Atomics.load(p, 1), 0);
    const seconds = (Date.now() - started) / 1000;
    if (Date.now() - lastReport >= 60_000) {
      lastReport = Date.now();
      console.log(`progress: ${count} inputs in ${seconds.toFixed(0)} s (${(count / seconds).toFixed(1)}/s), ${failures.length} failures`);
    }
  }, 5000);
  await Promise.all(Array.from({ length: workers }, (_, k) => runShare(k, 0, Math.min(share, iterations - k * share))));
  clearInterval(reporter);

  const seconds = (Date.now() - started) / 1000;
  const count = countedBeforeRestart + done.reduce((sum, d) => sum + d.count, 0);
  const crashes = failures.filter((f) => f.kind === 'crash').length;
  const hangs = failures.filter((f) => f.kind === 'hang').length;
  const byEntry: Record<string, number> = {};
  for (const d of done) for (const [key, n] of Object.entries(d.byEntry)) byEntry[key] = (byEntry[key] ?? 0) + n;
  const slowest = done.sort((a, b) => b.slowestMs - a.slowestMs)[0];
  console.log(JSON.stringify({
    seeds: Array.from({ length: workers }, (_, k) => seed + k),
    iterationsPerSeed: share,
    maxSeconds: Number.isFinite(maxSeconds) ? maxSeconds : undefined,
    inputs: count,
    crashes,
    hangs,
    seconds: Math.round(seconds),
    inputsPerSecond: Math.round((count / seconds) * 10) / 10,
    hangMs,
    slowestMs: slowest ? Math.round(slowest.slowestMs) : undefined,
    slowest: slowest?.slowest,
    byEntry,
    finishedAt: new Date().toISOString(),
  }, null, 2));
  return crashes + hangs > 0 ? 1 : 0;
}

if (isMainThread) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  }, (error) => {
    console.error(error);
    process.exitCode = 2;
  });
} else {
  runWorker(workerData as Task).catch((error) => {
    console.error(error);
    process.exitCode = 2;
  });
}
