/**
 * Limits on what one validation will take on, so that any input — however large, deep or
 * costly — ends in an issue within bounded time and memory instead of a hang, a stack
 * overflow or an out-of-memory crash. Plain data: the readers, the walker and the receiver
 * each enforce the limits that concern them (see limit-issues in src/formats/value-limits.ts
 * and src/instance/walk-budget.ts).
 */

export interface ValidationLimits {
  /** Largest input accepted, in bytes (UTF-16 code units for text given as a string); refused before parsing. */
  maxBytes: number;
  /** Deepest nesting of JSON objects and arrays (XML: elements) accepted. */
  maxDepth: number;
  /** Most Bundle entries accepted (all Bundles of the input together). */
  maxEntries: number;
  /** Longest string value (or XML attribute value) accepted, in characters. */
  maxStringLength: number;
  /** Time budget of one validation in milliseconds; validation stops with an issue when it is spent. */
  maxMillis: number;
  /** Issues collected by one walk before validation stops (bounds memory on inputs that are wrong everywhere). */
  maxIssues: number;
}

/**
 * Defaults sized for BaRS messages (tens of kB, a few dozen entries, nesting below 30) with
 * ample room for attachments: a 3 MB base64 document fits in maxStringLength.
 */
export const DEFAULT_LIMITS: Readonly<ValidationLimits> = Object.freeze({
  maxBytes: 10 * 1024 * 1024,
  maxDepth: 200,
  maxEntries: 1000,
  maxStringLength: 4 * 1024 * 1024,
  maxMillis: 10_000,
  maxIssues: 1000,
});

const NAMES = Object.keys(DEFAULT_LIMITS) as Array<keyof ValidationLimits>;

/** The defaults overridden by `partial`; each limit must be a positive number (Infinity turns it off). */
export function resolveLimits(partial: Partial<ValidationLimits> = {}): ValidationLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const name of NAMES) {
    const value = partial[name];
    if (value === undefined) continue;
    if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) throw new RangeError(`limits.${name} must be a positive number (Infinity for no limit), not ${String(value)}`);
    limits[name] = value;
  }
  return limits;
}

/** Integers with thousands separators for messages ("10,485,760"). */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-GB') : String(n);
}
