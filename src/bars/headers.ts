/** HTTP headers with case-insensitive names, from a plain record or a Headers-like object. */
export type HeaderInput = Record<string, string | string[] | undefined> | { forEach(cb: (value: string, name: string) => void): void };

export type HeaderMap = ReadonlyMap<string, string>;

/** Lower-cases names; repeated values are joined with ", " as HTTP does. */
export function normalizeHeaders(input: HeaderInput | undefined): HeaderMap {
  const map = new Map<string, string>();
  if (!input) return map;
  const add = (name: string, value: string): void => {
    const key = name.toLowerCase();
    const prior = map.get(key);
    map.set(key, prior === undefined ? value : `${prior}, ${value}`);
  };
  if (typeof (input as { forEach?: unknown }).forEach === 'function' && !Array.isArray(input)) {
    (input as { forEach(cb: (value: string, name: string) => void): void }).forEach((value, name) => add(name, value));
    return map;
  }
  for (const [name, value] of Object.entries(input as Record<string, string | string[] | undefined>)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) add(name, v);
  }
  return map;
}
