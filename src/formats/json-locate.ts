/**
 * Finds one element of valid JSON text by path (`entry[2].resource.subject`) without indexing
 * the rest: it walks down the path, stepping over the values before the wanted one (strings
 * by a jump to their closing quote, containers by counting brackets). No path strings are
 * built, so one look-up costs about a character scan of the text before the element; with a
 * shared `containerEnds` memo, later look-ups step over the same containers in one jump.
 */
import { keyText, stringEnd } from './json-scanner.js';

export interface LocatedElement {
  /** A property's key quote, or an array item's / the root's value. */
  element: number;
  value: number;
}

/** `['entry', 2, 'resource']` → `entry[2].resource` (parseJsonPath's inverse). */
export function formatJsonPath(parts: ReadonlyArray<string | number>): string {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

/** `entry[2].resource` → ['entry', 2, 'resource']; undefined when the path is not of that form. */
export function parseJsonPath(path: string): Array<string | number> | undefined {
  if (path === '') return [];
  const segments: Array<string | number> = [];
  const pattern = /([^.[\]]+)|\[(\d+)\]|(\.)/gy;
  let expectName = true;
  let last = 0;
  for (let m = pattern.exec(path); m; m = pattern.exec(path)) {
    last = pattern.lastIndex;
    if (m[1] !== undefined) {
      if (!expectName) return undefined;
      segments.push(m[1]);
      expectName = false;
    } else if (m[2] !== undefined) {
      if (expectName && segments.length > 0) return undefined;
      segments.push(Number(m[2]));
      expectName = false;
    } else {
      if (expectName) return undefined;
      expectName = true;
    }
  }
  return last === path.length && !expectName ? segments : undefined;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) i++;
    else break;
  }
  return i;
}

/** Index just past the value starting at `i`; container ends are remembered in `ends`. */
function skipValue(text: string, i: number, ends: Map<number, number> | undefined): number {
  const c = text.charCodeAt(i);
  if (c === 34) return stringEnd(text, i);
  if (c === 123 || c === 91) {
    const known = ends?.get(i);
    if (known !== undefined) return known;
    const end = containerEnd(text, i);
    ends?.set(i, end);
    return end;
  }
  let j = i + 1;
  while (j < text.length) {
    const d = text.charCodeAt(j);
    if (d === 44 || d === 93 || d === 125 || d === 32 || d === 10 || d === 13 || d === 9) break;
    j++;
  }
  return j;
}

function containerEnd(text: string, i: number): number {
  let depth = 0;
  let j = i;
  const length = text.length;
  while (j < length) {
    const d = text.charCodeAt(j);
    // Whitespace first: most of a pretty-printed text between strings is indentation.
    if (d <= 32) j++;
    else if (d === 34) j = stringEnd(text, j);
    else if (d === 123 || d === 91) {
      depth++;
      j++;
    } else if ((d === 125 || d === 93) && --depth === 0) return j + 1;
    else j++;
  }
  return length;
}

/** The key whose quotes are at `start` and `end - 1` is `name` (compared in place unless it has escapes). */
function keyIs(text: string, start: number, end: number, name: string): boolean {
  for (let i = start + 1; i < end - 1; i++) if (text.charCodeAt(i) === 92) return keyText(text, start, end) === name;
  return end - start - 2 === name.length && text.startsWith(name, start + 1);
}

/**
 * Offsets of the element at `segments` in valid JSON starting at `start`, or undefined.
 * With repeated keys the last one wins, as in JSON.parse's value; pass `keysAreUnique` when
 * the text is known to have none, to stop at the first match.
 */
export function locateJson(
  text: string,
  start: number,
  segments: ReadonlyArray<string | number>,
  keysAreUnique = false,
  containerEnds?: Map<number, number>,
): LocatedElement | undefined {
  let value = skipSpace(text, start);
  let element = value;
  for (const segment of segments) {
    const open = text.charCodeAt(value);
    if (typeof segment === 'number') {
      if (open !== 91) return undefined;
      let i = skipSpace(text, value + 1);
      if (text.charCodeAt(i) === 93) return undefined;
      for (let index = 0; index < segment; index++) {
        i = skipSpace(text, skipValue(text, i, containerEnds));
        if (text.charCodeAt(i) !== 44) return undefined; // ']' : fewer items
        i = skipSpace(text, i + 1);
      }
      element = value = i;
    } else {
      if (open !== 123) return undefined;
      let i = skipSpace(text, value + 1);
      let found: LocatedElement | undefined;
      while (text.charCodeAt(i) === 34) {
        const keyEnd = stringEnd(text, i);
        const valueStart = skipSpace(text, skipSpace(text, keyEnd) + 1); // past ':'
        if (keyIs(text, i, keyEnd, segment)) {
          found = { element: i, value: valueStart };
          if (keysAreUnique) break;
        }
        i = skipSpace(text, skipValue(text, valueStart, containerEnds));
        if (text.charCodeAt(i) !== 44) break;
        i = skipSpace(text, i + 1);
      }
      if (!found) return undefined;
      element = found.element;
      value = found.value;
    }
  }
  return { element, value };
}
