/**
 * A Redis IdempotencyStore, for receivers that run several instances behind one address: every
 * instance sees the same X-Request-IDs. Each id is one hash (`first`: the first attempt's
 * correlation id and body hash; `result`: the answer given to it) whose TTL is the in-flight
 * window until the answer is stored, then the retention period. `begin` and `complete` are Lua
 * scripts, so "look, and record if new" is one atomic step however many instances race.
 */
import { createClient } from '@redis/client';
import type { AttemptInfo, BeginResult, IdempotencyStore, StoredResult } from '../bars/store.js';
import { StoreUnavailableError } from './store-errors.js';

/** The one command the store needs; a node-redis client (`createClient()`) has it. */
export interface RedisScriptClient {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

export interface RedisStoreOptions {
  /** Prefix of every key, to share a Redis with other uses. Default `bars:request-id:`. */
  keyPrefix?: string;
  /** How long a completed answer is kept, in ms. Default 24 h (as the in-memory store). */
  ttlMs?: number;
  /** How long an attempt may stay in flight before it is presumed lost, in ms. Default 30 s. */
  inFlightTtlMs?: number;
}

// KEYS[1] the id's key; ARGV[1] the attempt (JSON), ARGV[2] the in-flight TTL in ms.
const BEGIN_SCRIPT = `
local found = redis.call('HMGET', KEYS[1], 'first', 'result')
if found[1] then return found end
redis.call('HSET', KEYS[1], 'first', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return false
`;

// KEYS[1] the id's key; ARGV[1] the result (JSON), ARGV[2] the retention TTL in ms. A key that
// expired in flight is not brought back: a later retry has already been told to go ahead.
const COMPLETE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'result', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

function parseJson<T>(text: unknown, what: string): T {
  if (typeof text !== 'string') throw new StoreUnavailableError(`The Redis store returned no ${what}.`);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new StoreUnavailableError(`The Redis store holds an unreadable ${what}.`);
  }
}

async function run(client: RedisScriptClient, script: string, key: string, args: string[]): Promise<unknown> {
  try {
    return await client.eval(script, { keys: [key], arguments: args });
  } catch (error) {
    throw new StoreUnavailableError(`The Redis store failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** A store over a client the caller owns (and connects and closes). */
export function createRedisStore(client: RedisScriptClient, options: RedisStoreOptions = {}): IdempotencyStore {
  const prefix = options.keyPrefix ?? 'bars:request-id:';
  const ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
  const inFlightTtlMs = options.inFlightTtlMs ?? 30_000;
  return {
    async begin(requestId: string, attempt: AttemptInfo): Promise<BeginResult> {
      const reply = await run(client, BEGIN_SCRIPT, prefix + requestId, [JSON.stringify(attempt), String(inFlightTtlMs)]);
      if (reply === null || reply === undefined) return { state: 'new' };
      const [first, result] = reply as [unknown, unknown];
      const firstAttempt = parseJson<AttemptInfo>(first, 'first attempt');
      if (result === null || result === undefined) return { state: 'in-flight', first: firstAttempt };
      return { state: 'done', first: firstAttempt, result: parseJson<StoredResult>(result, 'stored result') };
    },
    async complete(requestId: string, result: StoredResult): Promise<void> {
      await run(client, COMPLETE_SCRIPT, prefix + requestId, [JSON.stringify(result), String(ttlMs)]);
    },
  };
}

export interface ConnectedRedisStore extends IdempotencyStore {
  /** Answers when Redis does (GET /_status uses it); rejects otherwise. */
  ping(): Promise<void>;
  /** Closes the connection (after pending commands). */
  close(): Promise<void>;
}

export interface ConnectRedisOptions extends RedisStoreOptions {
  /** How long to wait for the connection, in ms. Default 5 s. */
  connectTimeoutMs?: number;
  /** Told of connection errors after start-up (requests then get 503 until Redis is back). */
  onError?: (error: unknown) => void;
}

/** Connects to `url` (redis://host:port/db) and returns a store that owns the connection. */
export async function connectRedisStore(url: string, options: ConnectRedisOptions = {}): Promise<ConnectedRedisStore> {
  const connectTimeout = options.connectTimeoutMs ?? 5_000;
  let connected = false;
  const client = createClient({
    url,
    // Fail fast while disconnected (503 to the sender) instead of queueing requests behind a dead link.
    disableOfflineQueue: true,
    socket: { connectTimeout, reconnectStrategy: (retries: number) => (connected ? Math.min(retries * 100, 2_000) : false) },
  });
  let lastError: unknown;
  client.on('error', (error: unknown) => {
    lastError = error;
    if (connected) options.onError?.(error);
  });
  try {
    await client.connect();
  } catch (error) {
    client.destroy();
    const reason = error instanceof Error ? error.message : String(lastError ?? error);
    throw new StoreUnavailableError(`Cannot connect to Redis at ${url}: ${reason}`, { cause: error });
  }
  connected = true;
  const store = createRedisStore({ eval: (script, evalOptions) => client.eval(script, evalOptions) }, options);
  return {
    begin: store.begin,
    complete: store.complete,
    async ping() {
      await client.ping();
    },
    async close() {
      connected = false;
      if (client.isOpen) await client.close();
    },
  };
}
