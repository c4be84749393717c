import { describe, expect, it } from 'vitest';
import { createMemoryStore, hashBody } from '../../src/bars/store.js';
import { buildOperationOutcome } from '../../src/bars/outcome.js';

const outcome = buildOperationOutcome('oo-1', []);

describe('in-memory idempotency store', () => {
  it('reports new, then in flight, then done with the stored answer', () => {
    const store = createMemoryStore();
    const attempt = { correlationId: 'c1', bodyHash: 'h1' };
    expect(store.begin('r1', attempt)).toEqual({ state: 'new' });
    expect(store.begin('r1', attempt)).toEqual({ state: 'in-flight', first: attempt });
    store.complete('r1', { status: 200, outcome });
    expect(store.begin('r1', { correlationId: 'c2', bodyHash: 'h2' })).toEqual({ state: 'done', first: attempt, result: { status: 200, outcome } });
  });

  it('keeps at most maxEntries ids, dropping the least recently used', () => {
    const store = createMemoryStore({ maxEntries: 2 });
    store.begin('a', { bodyHash: 'x' });
    store.begin('b', { bodyHash: 'x' });
    store.begin('a', { bodyHash: 'x' }); // touch a: b is now the oldest
    store.begin('c', { bodyHash: 'x' });
    expect(store.size).toBe(2);
    expect(store.begin('b', { bodyHash: 'x' }).state).toBe('new');
    expect(store.begin('c', { bodyHash: 'x' }).state).toBe('in-flight');
  });

  it('forgets answers after the TTL and lost in-flight attempts after their shorter TTL', () => {
    let now = 0;
    const store = createMemoryStore({ ttlMs: 1000, inFlightTtlMs: 100, now: () => now });
    store.begin('lost', { bodyHash: 'x' });
    store.begin('done', { bodyHash: 'x' });
    store.complete('done', { status: 400, outcome });
    now = 150;
    expect(store.begin('lost', { bodyHash: 'x' }).state).toBe('new');
    expect(store.begin('done', { bodyHash: 'x' }).state).toBe('done');
    now = 1200;
    expect(store.begin('done', { bodyHash: 'x' }).state).toBe('new');
  });

  it('fingerprints bodies', () => {
    expect(hashBody('{"a":1}')).toBe(hashBody('{"a":1}'));
    expect(hashBody('{"a":1}')).not.toBe(hashBody('{"a":2}'));
    expect(hashBody('')).toMatch(/^[0-9a-f]{16}$/);
  });
});
