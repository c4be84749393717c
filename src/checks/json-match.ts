/** Comparisons of JSON values for fixed[x] (exact) and pattern[x] (contains) rules. */

/** Exactly equal JSON (object key order ignored). */
export function jsonEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => jsonEquals(x, bb[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => jsonEquals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * Whether `value` contains `pattern`: primitives equal; every property of a pattern object
 * present and matching; every item of a pattern array matched by some item of the value.
 */
export function jsonContains(value: unknown, pattern: unknown): boolean {
  if (pattern === value) return true;
  if (typeof pattern !== 'object' || pattern === null) return false;
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(pattern)) {
    const list = Array.isArray(value) ? value : [value];
    return pattern.every((p) => list.some((v) => jsonContains(v, p)));
  }
  if (Array.isArray(value)) return value.some((v) => jsonContains(v, pattern));
  for (const key of Object.keys(pattern)) {
    if (!jsonContains((value as Record<string, unknown>)[key], (pattern as Record<string, unknown>)[key])) return false;
  }
  return true;
}

export function describeJson(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
