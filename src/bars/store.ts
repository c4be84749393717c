/**
 * Idempotency store for X-Request-ID (CORE-TI-01…05). The interface may answer synchronously
 * (the in-memory default) or with Promises (e.g. a Redis adapter); the receiver awaits either.
 */
import type { OperationOutcome } from './outcome.js';

export interface AttemptInfo {
  correlationId?: string;
  /** Hash of the request body, to tell a retry from a reuse of the id for other content. */
  bodyHash: string;
}

export interface StoredResult {
  status: number;
  outcome: OperationOutcome;
}

export type BeginResult =
  | { state: 'new' }
  | { state: 'in-flight'; first: AttemptInfo }
  | { state: 'done'; first: AttemptInfo; result: StoredResult };

export interface IdempotencyStore {
  /** Records the attempt if the id is new; otherwise reports the earlier attempt. Atomic per id. */
  begin(requestId: string, attempt: AttemptInfo): BeginResult | Promise<BeginResult>;
  /** Stores the answer given to the first attempt. */
  complete(requestId: string, result: StoredResult): void | Promise<void>;
}

export interface MemoryStoreOptions {
  /** Most request ids kept; the least recently used goes first. Default 10 000. */
  maxEntries?: number;
  /** How long a completed answer is kept, in ms. Default 24 h. */
  ttlMs?: number;
  /** How long an attempt may stay in flight before it is presumed lost, in ms. Default 30 s. */
  inFlightTtlMs?: number;
  now?: () => number;
}

interface Entry {
  first: AttemptInfo;
  result?: StoredResult;
  expiresAt: number;
}

export interface MemoryIdempotencyStore extends IdempotencyStore {
  begin(requestId: string, attempt: AttemptInfo): BeginResult;
  complete(requestId: string, result: StoredResult): void;
  readonly size: number;
}

/** Bounded LRU + TTL store held by the instance (no module state): one per receiver. */
export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryIdempotencyStore {
  const maxEntries = Math.max(1, options.maxEntries ?? 10_000);
  const ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
  const inFlightTtlMs = options.inFlightTtlMs ?? 30_000;
  const now = options.now ?? (() => Date.now());
  const entries = new Map<string, Entry>();

  const live = (requestId: string): Entry | undefined => {
    const entry = entries.get(requestId);
    if (!entry) return undefined;
    if (entry.expiresAt <= now()) {
      entries.delete(requestId);
      return undefined;
    }
    // Map keeps insertion order: re-inserting marks the entry most recently used.
    entries.delete(requestId);
    entries.set(requestId, entry);
    return entry;
  };

  return {
    begin(requestId, attempt) {
      const entry = live(requestId);
      if (entry) return entry.result ? { state: 'done', first: entry.first, result: entry.result } : { state: 'in-flight', first: entry.first };
      entries.set(requestId, { first: attempt, expiresAt: now() + inFlightTtlMs });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value as string;
        entries.delete(oldest);
      }
      return { state: 'new' };
    },
    complete(requestId, result) {
      const entry = entries.get(requestId);
      if (!entry) return;
      entry.result = result;
      entry.expiresAt = now() + ttlMs;
    },
    get size() {
      return entries.size;
    },
  };
}

/** Two FNV-1a 32-bit hashes with different offsets: a cheap body fingerprint, not a security hash. */
export function hashBody(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
