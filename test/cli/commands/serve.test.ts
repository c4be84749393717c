/**
 * `bars-validate serve` as a spawned process: it listens, answers over a real socket (with the
 * Redis store when one is reachable), and on SIGTERM finishes and exits 0. Usage errors and an
 * unreachable Redis are checked in-process (they fail before the definitions load).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/command.js';
import { main } from '../../../src/cli/main.js';
import { headersFor } from '../../bars/support/harness.js';
import { probeRedis, REDIS_URL } from '../../http/support/redis.js';
import { describeWithShared, repoRoot } from '../../support/shared.js';

function captureIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => '', isTty: false, env: {}, cwd: repoRoot };
}

async function unusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

describe('bars-validate serve: arguments', () => {
  it('rejects bad options with exit 2 and the usage', async () => {
    for (const args of [['--port', 'abc'], ['--port', '70000'], ['--max-body', '0'], ['--bogus'], ['--redis']]) {
      const io = captureIo();
      expect(await main(['serve', ...args], io)).toBe(2);
      expect(io.err.join('')).toContain('Usage: bars-validate serve');
    }
  });

  it('--help lists the endpoints and options', async () => {
    const io = captureIo();
    expect(await main(['serve', '--help'], io)).toBe(0);
    for (const text of ['POST /$validate', 'POST /$process-message', 'GET  /metadata', 'GET  /_status', '--redis URL', '--max-body BYTES']) expect(io.out.join('')).toContain(text);
  });

  it('exits 1 and says why when the Redis store cannot be reached', async () => {
    const io = captureIo();
    const url = `redis://127.0.0.1:${await unusedPort()}`;
    expect(await main(['serve', '--port', '0', '--redis', url], io)).toBe(1);
    expect(io.err.join('')).toContain(`Cannot connect to Redis at ${url}`);
  });
});

describeWithShared('bars-validate serve: as a process', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('listens, answers $process-message and /_status, and exits 0 on SIGTERM', async () => {
    const redis = (await probeRedis()) === undefined ? ['--redis', REDIS_URL] : [];
    const script = `import('./src/cli/main.ts').then(async (cli) => { process.exitCode = await cli.main(${JSON.stringify(['serve', '--port', '0', '--max-body', '100000', ...redis])}); })`;
    child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child!.stdout!.on('data', (d: Buffer) => {
        stdout += d.toString();
        const found = /listening on (http:\/\/\S+)/.exec(stdout);
        if (found) resolve(found[1]);
      });
      child!.once('exit', (code) => reject(new Error(`serve exited ${code} before listening: ${stderr}`)));
    });
    expect(stdout).toContain(redis.length > 0 ? 'in Redis' : 'in memory');

    const status = await fetch(`${url}/_status`);
    expect(status.status).toBe(200);
    expect(((await status.json()) as { status: string }).status).toBe('pass');

    const body = readFileSync(join(repoRoot, 'fixtures/111-ed/valid/referral-new.json'), 'utf8');
    const headers = headersFor(JSON.parse(body), { 'X-Request-ID': crypto.randomUUID() });
    const first = await fetch(`${url}/$process-message`, { method: 'POST', headers, body });
    expect(first.status).toBe(200); // the real clock: the fixture's times are in the past, which BaRS allows
    expect(first.headers.get('x-request-id')).toBe(headers['X-Request-ID']);
    expect((await fetch(`${url}/$process-message`, { method: 'POST', headers, body })).status).toBe(409);
    expect((await fetch(`${url}/$validate`, { method: 'POST', headers: { 'Content-Type': 'application/fhir+json' }, body: 'x'.repeat(100_001) })).status).toBe(413);

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('SIGTERM: finishing requests in flight, then stopping');
    expect(stderr).toContain('stopped');
  });
});
