/**
 * The Redis IdempotencyStore against a real redis-server (see support/redis.ts for where it is
 * found): the first attempt is recorded, a repeat sees it in flight and then done with the stored
 * answer, in-flight attempts expire, racing instances get exactly one 'new', and a Redis that is
 * gone is reported as unavailable (the handler's 503), not as a crash.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore, connectRedisStore, type ConnectedRedisStore } from '../../src/http/redis-store.js';
import { StoreUnavailableError } from '../../src/http/store-errors.js';
import type { StoredResult } from '../../src/bars/store.js';
import { describeWithRedis, REDIS_URL, uniquePrefix } from './support/redis.js';

const result: StoredResult = {
  status: 200,
  outcome: { resourceType: 'OperationOutcome', id: 'o-1', meta: { profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-OperationOutcome'] }, issue: [{ severity: 'information', code: 'informational', diagnostics: 'The message was accepted.' }] },
};

describeWithRedis('createRedisStore (real redis-server)', () => {
  const stores: ConnectedRedisStore[] = [];
  const connect = async (options: Parameters<typeof connectRedisStore>[1]) => {
    const store = await connectRedisStore(REDIS_URL, options);
    stores.push(store);
    return store;
  };
  afterAll(async () => {
    for (const store of stores) await store.close();
  });

  it('records the first attempt, reports it in flight, then done with the stored answer', async () => {
    const store = await connect({ keyPrefix: uniquePrefix('store') });
    const id = crypto.randomUUID();
    expect(await store.begin(id, { correlationId: 'c-1', bodyHash: 'h-1' })).toEqual({ state: 'new' });
    expect(await store.begin(id, { correlationId: 'c-2', bodyHash: 'h-2' })).toEqual({ state: 'in-flight', first: { correlationId: 'c-1', bodyHash: 'h-1' } });
    await store.complete(id, result);
    expect(await store.begin(id, { correlationId: 'c-3', bodyHash: 'h-3' })).toEqual({ state: 'done', first: { correlationId: 'c-1', bodyHash: 'h-1' }, result });
    expect(await store.begin(crypto.randomUUID(), { bodyHash: 'h' })).toEqual({ state: 'new' });
  });

  it('an attempt left in flight expires after inFlightTtlMs; a completed one is kept for ttlMs', async () => {
    const store = await connect({ keyPrefix: uniquePrefix('ttl'), inFlightTtlMs: 100, ttlMs: 60_000 });
    const lost = crypto.randomUUID();
    expect((await store.begin(lost, { bodyHash: 'a' })).state).toBe('new');
    const finished = crypto.randomUUID();
    expect((await store.begin(finished, { bodyHash: 'b' })).state).toBe('new');
    await store.complete(finished, result);
    await new Promise((r) => setTimeout(r, 300));
    expect((await store.begin(lost, { bodyHash: 'a' })).state).toBe('new');
    expect((await store.begin(finished, { bodyHash: 'b' })).state).toBe('done');
  });

  it('complete() after the in-flight entry expired does not bring it back', async () => {
    const store = await connect({ keyPrefix: uniquePrefix('late'), inFlightTtlMs: 50 });
    const id = crypto.randomUUID();
    await store.begin(id, { bodyHash: 'a' });
    await new Promise((r) => setTimeout(r, 200));
    await store.complete(id, result);
    expect(await store.begin(id, { bodyHash: 'a' })).toEqual({ state: 'new' });
  });

  it('two instances racing on one id: exactly one begin is new', async () => {
    const keyPrefix = uniquePrefix('race');
    const [a, b] = [await connect({ keyPrefix }), await connect({ keyPrefix })];
    const id = crypto.randomUUID();
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).begin(id, { bodyHash: String(i) })));
    expect(answers.filter((x) => x.state === 'new')).toHaveLength(1);
    expect(answers.filter((x) => x.state === 'in-flight')).toHaveLength(39);
  });

  it('keys are kept apart by prefix', async () => {
    const id = crypto.randomUUID();
    const one = await connect({ keyPrefix: uniquePrefix('one') });
    const two = await connect({ keyPrefix: uniquePrefix('two') });
    expect((await one.begin(id, { bodyHash: 'x' })).state).toBe('new');
    expect((await two.begin(id, { bodyHash: 'x' })).state).toBe('new');
  });

  it('ping() answers; after close() commands fail as StoreUnavailableError', async () => {
    const store = await connectRedisStore(REDIS_URL, { keyPrefix: uniquePrefix('closed') });
    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
    await expect(store.begin(crypto.randomUUID(), { bodyHash: 'x' })).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});

describe('Redis store failures (no server needed)', () => {
  let unusedPort: number;
  beforeAll(async () => {
    const { createServer } = await import('node:net');
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    unusedPort = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
  });

  it('connecting to a port where nothing listens fails with StoreUnavailableError naming the URL', async () => {
    const url = `redis://127.0.0.1:${unusedPort}`;
    const attempt = connectRedisStore(url, { connectTimeoutMs: 1_000 });
    await expect(attempt).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(attempt).rejects.toThrow(url);
  });

  it('a client error becomes StoreUnavailableError; unreadable stored data too', async () => {
    const failing = createRedisStore({ eval: async () => { throw new Error('READONLY You can\'t write against a read only replica.'); } });
    await expect(failing.begin('id', { bodyHash: 'x' })).rejects.toThrow(/READONLY/);
    await expect(failing.begin('id', { bodyHash: 'x' })).rejects.toBeInstanceOf(StoreUnavailableError);
    const garbled = createRedisStore({ eval: async () => ['not json', null] });
    await expect(garbled.begin('id', { bodyHash: 'x' })).rejects.toThrow(/unreadable first attempt/);
  });
});
