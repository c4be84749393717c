/**
 * `npm run load -- [--seconds 120] [--connections 32] [--bin path/to/bars-validate.js]`: starts `bars-validate serve --port 0` (the
 * built CLI, as a user runs it) on loopback and drives it with autocannon for a bounded time with
 * a mix of valid and invalid BaRS messages to POST /$process-message, FHIR $validate calls and
 * broken requests (malformed JSON, empty body, wrong content type). Every answer's status is
 * checked against the one its message gets when sent alone (compared with the fixture goldens
 * in the report), the server's resident
 * memory is sampled every 2 s, and the report gives throughput, p50/p99 latency, answers by
 * status, unexpected statuses, and memory at start, end, and over the first and last minute.
 * Exit code 1 on any 5xx, any unexpected status, or memory that grows more than 20 % from the
 * first to the last minute. Traffic goes to 127.0.0.1 only and stops by itself.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { headersFor, listFixtures } from '../bars/support/harness.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Planned {
  name: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  expected: number;
  /** A new X-Request-ID (and correlation id) per request, so the duplicate-request rules do not fire. */
  freshIds: boolean;
}

function option(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(`--${name}`);
  return at < 0 ? fallback : Number(args[at + 1]);
}

/** The request mix: every fixture with its golden status, plus $validate and broken requests. */
function plan(): Planned[] {
  const planned: Planned[] = [];
  for (const fixture of listFixtures()) {
    const text = readFileSync(fixture.messagePath, 'utf8');
    const overrides = fixture.golden.headers ?? {};
    // Fixtures about duplicate requests need their pinned ids; their goldens are of the first attempt.
    const pinnedIds = 'X-Request-ID' in overrides || 'X-Correlation-ID' in overrides || fixture.golden.status === 409;
    if (pinnedIds) continue;
    planned.push({ name: `${fixture.application}/${fixture.name}`, path: '/$process-message', headers: headersFor(JSON.parse(text), overrides) as Record<string, string>, body: text, expected: fixture.golden.status, freshIds: true });
  }
  const referral = readFileSync(resolve(repoRoot, 'fixtures/111-ed/valid/referral-new.json'), 'utf8');
  const json = { 'Content-Type': 'application/fhir+json' };
  planned.push(
    { name: '$validate referral', path: '/$validate', headers: json, body: referral, expected: 200, freshIds: false },
    { name: '$validate malformed JSON', path: '/$validate', headers: json, body: '{"resourceType": "Bundle",', expected: 400, freshIds: false },
    { name: 'process-message malformed JSON', path: '/$process-message', headers: headersFor(JSON.parse(referral)), body: '{"resourceType": "Bundle",', expected: 400, freshIds: true },
    { name: 'process-message empty body', path: '/$process-message', headers: headersFor(JSON.parse(referral)), body: '', expected: 400, freshIds: true },
    { name: '$validate wrong content type', path: '/$validate', headers: { 'Content-Type': 'text/plain' }, body: referral, expected: 415, freshIds: false },
  );
  return planned;
}

interface Server {
  url: string;
  pid: number;
  stop(): Promise<number | null>;
}

function startServer(bin: string): Promise<Server> {
  return new Promise((resolveStart, reject) => {
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--host', '127.0.0.1'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start in 120 s; it printed: ${out}`)), 120_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolveStart({
          url,
          pid: child.pid!,
          stop: () => new Promise((resolveStop) => {
            child.once('exit', (code) => resolveStop(code));
            child.kill('SIGTERM');
          }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening: ${out}`)));
  });
}

/** Resident memory of a process in MiB (Linux /proc; the load machine is Linux). */
function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
  return Math.round((kb / 1024) * 10) / 10;
}

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

async function main(args: string[]): Promise<number> {
  const seconds = option(args, 'seconds', 120);
  const connections = option(args, 'connections', 32);
  const requests = plan();
  const binAt = args.indexOf('--bin');
  const server = await startServer(binAt >= 0 ? resolve(args[binAt + 1]) : resolve(repoRoot, 'bin/bars-validate.js'));
  const byStatus: Record<string, number> = {};
  const unexpected: Record<string, number> = {};
  const memory: Array<{ at: number; rss: number }> = [];
  const sentByMessage: Record<string, number> = {};
  let next = 0;

  // Each message sent alone first (this also compiles every profile): the status it gets alone is
  // the one it must get under load. Where that differs from the fixture golden (judged with a
  // pinned clock and receiver settings), the report says so.
  const aloneVsGolden: string[] = [];
  for (const r of requests) {
    const headers = r.freshIds ? { ...r.headers, 'X-Request-ID': randomUUID(), 'X-Correlation-ID': randomUUID() } : r.headers;
    const alone = await fetch(server.url + r.path, { method: 'POST', headers, body: r.body });
    await alone.arrayBuffer();
    if (alone.status >= 500) throw new Error(`${r.name} alone: ${alone.status}`);
    if (alone.status !== r.expected) aloneVsGolden.push(`${r.name}: golden ${r.expected}, served alone ${alone.status}`);
    r.expected = alone.status;
  }
  const started = Date.now();
  memory.push({ at: 0, rss: rssMiB(server.pid) });
  const sampler = setInterval(() => memory.push({ at: (Date.now() - started) / 1000, rss: rssMiB(server.pid) }), 2000);

  const result = await autocannon({
    url: server.url,
    connections,
    duration: seconds,
    timeout: 30,
    // One request definition that takes the messages in turn across all connections, so each
    // is sent about equally often; the connection's context remembers which one is in flight.
    requests: [
      {
        method: 'POST',
        setupRequest: (request: autocannon.Request, context: object) => {
          const index = next++ % requests.length;
          const r = requests[index];
          (context as { index?: number }).index = index;
          const headers = r.freshIds ? { ...r.headers, 'X-Request-ID': randomUUID(), 'X-Correlation-ID': randomUUID() } : r.headers;
          return { ...request, method: 'POST', path: r.path, headers, body: r.body };
        },
        onResponse: (status: number, _body: string, context: object) => {
          const r = requests[(context as { index: number }).index];
          byStatus[status] = (byStatus[status] ?? 0) + 1;
          sentByMessage[r.name] = (sentByMessage[r.name] ?? 0) + 1;
          if (status !== r.expected) {
            const key = `${r.name}: expected ${r.expected}, got ${status}`;
            unexpected[key] = (unexpected[key] ?? 0) + 1;
          }
        },
      },
    ],
  });
  clearInterval(sampler);
  memory.push({ at: (Date.now() - started) / 1000, rss: rssMiB(server.pid) });
  const exitCode = await server.stop();

  const firstMinute = memory.filter((m) => m.at <= 60).map((m) => m.rss);
  const lastMinute = memory.filter((m) => m.at >= seconds - 60).map((m) => m.rss);
  const growth = (mean(lastMinute) - mean(firstMinute)) / mean(firstMinute);
  const serverErrors = Object.entries(byStatus).filter(([s]) => Number(s) >= 500).reduce((n, [, c]) => n + c, 0);
  const report = {
    seconds,
    connections,
    messages: requests.length,
    messagesSent: Object.keys(sentByMessage).length,
    sendsPerMessage: { min: Math.min(...Object.values(sentByMessage)), max: Math.max(...Object.values(sentByMessage)) },
    requests: result.requests.total,
    throughputPerSecond: result.requests.average,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    byStatus,
    unexpected,
    aloneVsGolden,
    serverErrors,
    connectionErrors: result.errors,
    timeouts: result.timeouts,
    memoryMiB: { start: memory[0].rss, end: memory[memory.length - 1].rss, firstMinuteMean: Math.round(mean(firstMinute) * 10) / 10, lastMinuteMean: Math.round(mean(lastMinute) * 10) / 10, growthPercent: Math.round(growth * 1000) / 10, samples: memory.length },
    serverExit: exitCode,
    finishedAt: new Date().toISOString(),
  };
  console.log(JSON.stringify(report, null, 2));
  const failed = serverErrors > 0 || Object.keys(unexpected).length > 0 || Math.abs(growth) > 0.2 || result.errors > 0 || result.timeouts > 0;
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
}, (error) => {
  console.error(error);
  process.exitCode = 2;
});
