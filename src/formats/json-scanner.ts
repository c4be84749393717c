/**
 * Single-pass scanners over JSON text that JSON.parse has already accepted: one finds
 * duplicate keys (which JSON.parse silently collapses), one indexes where each element sits
 * by JSON path. Both walk the characters once, iteratively (no recursion, so deep input
 * cannot overflow the stack). `findJsonSyntaxError` is the strict one, run only when
 * JSON.parse has refused the text, to say where and why.
 *
 * Path convention (shared with the XML reader and the walker): properties joined by `.`,
 * array items as `[i]`, the root is `''`: `entry[2].resource.subject`, `name[0]._given[1]`.
 */

export interface DuplicateKey {
  /** Path of the repeated property (`entry[0].resource.id`). */
  path: string;
  key: string;
  /** Offset of the repeated (later) occurrence of the key. */
  offset: number;
}

/** Offsets of each element: for a property its key's opening quote, for an array item or the root its value. */
export interface JsonOffsets {
  element: Map<string, number>;
  /** Offset of the value itself (differs from `element` for properties). */
  value: Map<string, number>;
}

interface Frame {
  isObject: boolean;
  /** Path of this container (only built when offsets are recorded). */
  path: string;
  /** Keys seen so far in an object; a Set takes over once the object is large, to stay linear. */
  keys: string[];
  keySet: Set<string> | undefined;
  key: string;
  index: number;
  expectingKey: boolean;
}

const SMALL_OBJECT = 16;
/** Elements deeper than this get no position (FHIR resources nest a few dozen levels at most). */
export const MAX_INDEXED_DEPTH = 256;
/** Duplicate keys reported at most (beyond that they are noise, and each costs a path). */
export const MAX_DUPLICATES = 1000;

function childPath(frame: Frame | undefined): string {
  if (!frame) return '';
  if (frame.isObject) return frame.path === '' ? frame.key : `${frame.path}.${frame.key}`;
  return `${frame.path}[${frame.index}]`;
}

/** Path of the element being read, from the container stack (each frame's current key or index). */
function pathOfStack(stack: Frame[], depth: number): string {
  let path = '';
  for (let d = 0; d < depth; d++) {
    const frame = stack[d];
    if (frame.isObject) path = path === '' ? frame.key : `${path}.${frame.key}`;
    else path = `${path}[${frame.index}]`;
  }
  return path;
}

/** Index just past the closing quote of the string opening at `start`. */
export function stringEnd(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  while (end > 0) {
    if (text.charCodeAt(end - 1) !== 92) return end + 1;
    let backslashes = 1;
    for (let j = end - 2; text.charCodeAt(j) === 92; j--) backslashes++;
    if ((backslashes & 1) === 0) return end + 1;
    end = text.indexOf('"', end + 1);
  }
  return text.length;
}

export function keyText(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  return raw.indexOf('\\') < 0 ? raw : (JSON.parse(text.slice(start, end)) as string);
}

function isDelimiter(c: number): boolean {
  // , ] } and JSON whitespace end a number or literal.
  return c === 44 || c === 93 || c === 125 || c === 32 || c === 10 || c === 13 || c === 9;
}

/** Whether an object frame has seen `key` before; records it if not. */
function seenBefore(frame: Frame, key: string): boolean {
  if (frame.keySet) {
    if (frame.keySet.has(key)) return true;
    frame.keySet.add(key);
    return false;
  }
  const keys = frame.keys;
  for (let k = 0; k < keys.length; k++) if (keys[k] === key) return true;
  keys.push(key);
  if (keys.length > SMALL_OBJECT) frame.keySet = new Set(keys);
  return false;
}

/**
 * Walks valid JSON once. Reports duplicate keys always; records offsets by path only when
 * `offsets` is given (the path strings cost time, so that is done lazily by the reader).
 */
export function scanJson(text: string, start: number, offsets?: JsonOffsets): DuplicateKey[] {
  const duplicates: DuplicateKey[] = [];
  // Frames are reused by depth: no allocation per object or array on the hot path.
  const stack: Frame[] = [];
  let depth = 0;
  let top: Frame | undefined;
  const length = text.length;
  let i = start;
  let pendingKeyOffset = -1;

  const record = (offset: number): string => {
    // Paths grow with depth, so indexing every level of absurdly deep input would be quadratic.
    if (depth > MAX_INDEXED_DEPTH) return '';
    const path = childPath(top);
    offsets!.value.set(path, offset);
    offsets!.element.set(path, top?.isObject ? pendingKeyOffset : offset);
    return path;
  };

  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9 || c === 58) {
      // whitespace, ':'
      i++;
    } else if (c === 34) {
      // '"'
      const end = stringEnd(text, i);
      if (top !== undefined && top.expectingKey) {
        const key = keyText(text, i, end);
        top.key = key;
        top.expectingKey = false;
        pendingKeyOffset = i;
        if (seenBefore(top, key) && duplicates.length < MAX_DUPLICATES) duplicates.push({ path: pathOfStack(stack, depth), key, offset: i });
      } else if (offsets) {
        record(i);
      }
      i = end;
    } else if (c === 44) {
      // ','
      if (top !== undefined) {
        if (top.isObject) top.expectingKey = true;
        else top.index++;
      }
      i++;
    } else if (c === 123 || c === 91) {
      // '{' or '['
      const path = offsets ? record(i) : '';
      let frame = stack[depth];
      if (frame === undefined) {
        frame = { isObject: false, path: '', keys: [], keySet: undefined, key: '', index: 0, expectingKey: false };
        stack.push(frame);
      }
      frame.isObject = c === 123;
      frame.path = path;
      frame.keys.length = 0;
      frame.keySet = undefined;
      frame.key = '';
      frame.index = 0;
      frame.expectingKey = c === 123;
      depth++;
      top = frame;
      i++;
    } else if (c === 125 || c === 93) {
      // '}' or ']'
      depth--;
      top = depth > 0 ? stack[depth - 1] : undefined;
      i++;
    } else {
      // number, true, false, null
      if (offsets) record(i);
      i++;
      while (i < length && !isDelimiter(text.charCodeAt(i))) i++;
    }
  }
  return duplicates;
}

/**
 * The fast path for duplicate keys. JSON.parse keeps one property per distinct key, so valid
 * JSON has a repeated key exactly when the text holds more keys than the parsed value has
 * own properties (a repeat also drops whatever the earlier value held). Counting keys in the
 * text needs only a jump from quote to quote (native indexOf), far cheaper than a scanner
 * visiting every character; the full scan (`scanJson`) runs only when the counts differ.
 * `keyOffsets`, when given, receives each key's opening-quote offset in text order (json-key-index.ts).
 */
export function countKeysInText(text: string, start: number, keyOffsets?: number[]): number {
  const length = text.length;
  let keys = 0;
  let quote = text.indexOf('"', start);
  while (quote >= 0) {
    let after = stringEnd(text, quote);
    const next = after;
    while (after < length) {
      const ch = text.charCodeAt(after);
      if (ch === 32 || ch === 10 || ch === 13 || ch === 9) after++;
      else break;
    }
    if (text.charCodeAt(after) === 58) {
      keys++;
      keyOffsets?.push(quote);
    }
    quote = text.indexOf('"', next);
  }
  return keys;
}

/** A key V8 may treat as an array index (it lists those first, out of text order). */
export function startsWithDigit(key: string): boolean {
  const c = key.charCodeAt(0);
  return c >= 48 && c <= 57;
}

/**
 * The own keys of every object in a JSON.parse result (iterative: depth is no risk).
 * `found.digitKey` is set when a key starts with a digit (V8 may list such a key out of text
 * order, see json-key-index.ts).
 */
export function countKeysInValue(value: unknown, found?: { digitKey: boolean }): number {
  let keys = 0;
  let digitKey = false;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item !== 'object' || item === null) continue;
    if (Array.isArray(item)) {
      for (let i = 0; i < item.length; i++) {
        const child = item[i];
        if (typeof child === 'object' && child !== null) pending.push(child);
      }
    } else {
      const record = item as Record<string, unknown>;
      for (const key in record) {
        keys++;
        if (startsWithDigit(key)) digitKey = true;
        const child = record[key];
        if (typeof child === 'object' && child !== null) pending.push(child);
      }
    }
  }
  if (found) found.digitKey = digitKey;
  return keys;
}

export interface JsonSyntaxError {
  message: string;
  offset: number;
}

const NUMBER_SOURCE = '-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?';

function describeAt(text: string, offset: number): string {
  if (offset >= text.length) return 'the end of the text';
  const c = text.codePointAt(offset) ?? 0;
  return c < 0x20 ? `control character U+${c.toString(16).toUpperCase().padStart(4, '0')}` : `'${String.fromCodePoint(c)}'`;
}

/** Strict JSON grammar check (RFC 8259), iterative; the first error and its offset, or undefined. */
export function findJsonSyntaxError(text: string, start = 0): JsonSyntaxError | undefined {
  const length = text.length;
  const number = new RegExp(NUMBER_SOURCE, 'y');
  const containers: number[] = []; // 123 '{' or 91 '['
  let openedAndNotEmpty = false;
  let i = start;
  const skipSpace = (): void => {
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
  };
  const fail = (expected: string): JsonSyntaxError => ({ message: `expected ${expected} but found ${describeAt(text, i)}`, offset: i });

  const readString = (): JsonSyntaxError | undefined => {
    i++; // opening quote
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return undefined;
      }
      if (c < 0x20) return { message: `${describeAt(text, i)} must be escaped inside a string`, offset: i };
      if (c === 92) {
        const e = text.charCodeAt(i + 1);
        if (e === 117) {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { message: 'invalid \\u escape (four hex digits expected)', offset: i };
          i += 6;
        } else if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) {
          i += 2;
        } else {
          return { message: `invalid escape '\\${text.charAt(i + 1)}' in a string`, offset: i };
        }
      } else {
        i++;
      }
    }
    return { message: 'string is not closed', offset: length };
  };

  /** Reads one scalar or opens a container; returns an error or undefined. */
  const readValue = (): JsonSyntaxError | undefined => {
    skipSpace();
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) {
      containers.push(c);
      i++;
      skipSpace();
      const close = c === 123 ? 125 : 93;
      if (text.charCodeAt(i) === close) {
        containers.pop();
        i++;
      } else {
        openedAndNotEmpty = true; // the main loop reads the first member: no recursion
      }
      return undefined;
    }
    if (c === 34) return readString();
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return undefined;
      }
    }
    number.lastIndex = i;
    const found = number.exec(text);
    if (found && found[0].length > 0) {
      i += found[0].length;
      return undefined;
    }
    return fail('a value');
  };

  const readKey = (): JsonSyntaxError | undefined => {
    skipSpace();
    if (text.charCodeAt(i) !== 34) return fail("a property name in double quotes");
    const error = readString();
    if (error) return error;
    skipSpace();
    if (text.charCodeAt(i) !== 58) return fail("':'");
    i++;
    return readValue();
  };

  let error = readValue();
  while (!error) {
    skipSpace();
    if (containers.length === 0) break;
    const container = containers[containers.length - 1];
    if (openedAndNotEmpty) {
      openedAndNotEmpty = false;
      error = container === 123 ? readKey() : readValue();
      continue;
    }
    const c = text.charCodeAt(i);
    if (c === 44) {
      i++;
      error = container === 123 ? readKey() : readValue();
    } else if ((container === 123 && c === 125) || (container === 91 && c === 93)) {
      containers.pop();
      i++;
    } else {
      error = fail(container === 123 ? "',' or '}'" : "',' or ']'");
    }
  }
  if (error) return error;
  if (i < length) return { message: `unexpected ${describeAt(text, i)} after the JSON value`, offset: i };
  return undefined;
}
