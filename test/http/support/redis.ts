/**
 * Where the Redis tests find a redis-server: BARS_TEST_REDIS_URL (set by .ci/run, which starts
 * one on loopback), else redis://127.0.0.1:6379 when something answers PING there. With the
 * variable set, an unreachable server fails the tests; without it, they skip and say why.
 */
import { connect } from 'node:net';
import { describe } from 'vitest';

export const REDIS_URL = process.env.BARS_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const required = process.env.BARS_TEST_REDIS_URL !== undefined;

/** Undefined when Redis at `url` answers PING; otherwise why not. */
export function probeRedis(url: string = REDIS_URL, timeoutMs = 1_000): Promise<string | undefined> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port || 6379) });
    const done = (reason: string | undefined): void => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(timeoutMs, () => done(`no answer from ${url} within ${timeoutMs} ms`));
    socket.once('error', (error) => done(`${url}: ${error.message}`));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString('utf8').startsWith('+PONG') ? undefined : `${url} answered PING with ${JSON.stringify(data.toString('utf8').slice(0, 40))}`));
  });
}

const unreachable = await probeRedis();

/** describe() that runs when Redis is reachable (or required), and otherwise skips saying so. */
export function describeWithRedis(name: string, body: () => void): void {
  if (unreachable === undefined || required) {
    describe(name, body);
  } else {
    const message = `no redis-server reachable (${unreachable}); set BARS_TEST_REDIS_URL or run one on 127.0.0.1:6379 — skipping the Redis store tests`;
    console.warn(`[bars-validator tests] ${message}`);
    describe.skip(`${name} [skipped: ${message}]`, body);
  }
}

/** A key prefix no other test run uses, so tests can share one Redis. */
export function uniquePrefix(label: string): string {
  return `bars-test:${label}:${crypto.randomUUID()}:`;
}
