/**
 * Positions without reading the text again. The duplicate-key test already finds every key of
 * the text, in order; when the keys are unique and none is an array index (V8 lists those
 * first, out of text order), the n-th key of the text is the n-th key met walking JSON.parse's
 * value in document order. So the offset of `entry[14].resource.code` is found by walking the
 * value down that path, counting the keys before it from the sizes of the containers it steps
 * over (each counted on first need, then kept).
 * Undefined wherever that does not answer (an array item that is not a non-empty object, the
 * root, a path not in the value): the caller then steps through the text (json-locate.ts).
 */
import { startsWithDigit } from './json-scanner.js';

export interface JsonKeyIndex {
  /** Offset of the element at the path: a property's key quote, an object array item's `{`. */
  elementOffset(segments: ReadonlyArray<string | number>): number | undefined;
}

/** Deeper than this the index is not built (the text stepper answers instead). */
const MAX_DEPTH = 256;

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `keyOffsets`: the offset of each key's opening quote, in text order. Undefined when the value
 * cannot be lined up with them (a key that may be an array index, too deep, counts that differ).
 * `linedUp`: the caller has already found the value to hold as many keys as the offsets, none
 * of them starting with a digit (countKeysInValue), so that walk is not made again.
 */
export function createJsonKeyIndex(text: string, value: unknown, keyOffsets: readonly number[], linedUp = false): JsonKeyIndex | undefined {
  // The keys inside a container; `failed` notes what keeps the value from lining up with the
  // key offsets (too deep, a key that may be an array index).
  let failed = false;
  const count = (node: Container, depth: number): number => {
    if (depth > MAX_DEPTH) {
      failed = true;
      return 0;
    }
    let keys = 0;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item = node[i];
        if (isContainer(item)) keys += count(item, depth + 1);
      }
    } else {
      for (const key in node) {
        if (startsWithDigit(key)) failed = true;
        keys++;
        const child = node[key];
        if (isContainer(child)) keys += count(child, depth + 1);
      }
    }
    return keys;
  };
  if (!isContainer(value)) return undefined;
  if (!linedUp && (count(value, 0) !== keyOffsets.length || failed)) return undefined;

  // The number of keys inside a container, kept only for those a path steps over or into:
  // a look-up needs the sizes of the siblings before it, not of every container in the text.
  const keysInside = new Map<Container, number>();
  const keysOf = (child: unknown): number => {
    if (!isContainer(child)) return 0;
    let keys = keysInside.get(child);
    if (keys === undefined) {
      keys = count(child, 0);
      keysInside.set(child, keys);
    }
    return keys;
  };
  // Per array a look-up stepped into: the keys inside its items before each index, extended as
  // far as asked (issues at entries 10, 500 and 900 of a large Bundle count the entries once, not
  // once per issue).
  const keysBeforeItem = new Map<unknown[], number[]>();
  const keysBefore = (array: unknown[], index: number): number => {
    let sums = keysBeforeItem.get(array);
    if (!sums) keysBeforeItem.set(array, (sums = [0]));
    for (let i = sums.length; i <= index; i++) sums.push(sums[i - 1] + keysOf(array[i - 1]));
    return sums[index];
  };
  /** The `{` before an object's first key (only whitespace lies between). */
  const openingBrace = (firstKeyOffset: number): number | undefined => {
    let i = firstKeyOffset - 1;
    while (i >= 0) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i--;
      else break;
    }
    return text.charCodeAt(i) === 123 ? i : undefined;
  };

  return {
    elementOffset(segments) {
      if (segments.length === 0) return undefined;
      let node: unknown = value;
      // The ordinal of the first key inside `node`, in text order.
      let cursor = 0;
      let offset: number | undefined;
      for (const segment of segments) {
        if (typeof segment === 'string') {
          if (!isPlainObject(node) || !Object.hasOwn(node, segment)) return undefined;
          let at = cursor;
          for (const key in node) {
            if (key === segment) break;
            at += 1 + keysOf(node[key]);
          }
          offset = keyOffsets[at];
          node = node[segment];
          cursor = at + 1;
        } else {
          if (!Array.isArray(node) || segment >= node.length) return undefined;
          const at = cursor + keysBefore(node, segment);
          const item: unknown = node[segment];
          // An empty object, an array or a primitive item has no key of its own to start from.
          if (!isPlainObject(item) || keysOf(item) === 0 || at >= keyOffsets.length) return undefined;
          offset = openingBrace(keyOffsets[at]);
          if (offset === undefined) return undefined;
          node = item;
          cursor = at;
        }
      }
      return offset;
    },
  };
}
