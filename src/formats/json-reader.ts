/**
 * FHIR JSON reader: the value from JSON.parse, plus what FHIR needs and JSON.parse hides —
 * duplicate keys (FHIR JSON forbids them; JSON.parse keeps the last silently), with their
 * paths, and the line/column of any element by JSON path (`entry[2].resource.subject`).
 *
 * Cost: JSON.parse, plus a duplicate-key test that compares the number of keys in the text
 * (found by jumping from quote to quote) with the own properties of the parsed value; only
 * when they differ does a full scan name the paths. That count also records where each key
 * starts, so with unique keys a position is found from the parsed value (json-key-index.ts,
 * built on the first question); what it cannot answer (a primitive array item, the root) is
 * found by walking the text to that one element (json-locate.ts), remembering container ends
 * so later look-ups jump over them; past 256 such look-ups one full index answers the rest.
 * Measured with `npm run bench:formats` (test/formats/bench-json-reader.ts) on the project's
 * 2-core machine, on the three largest BaRS examples as JSON (42–46 kB, pretty-printed) and a
 * 131 kB Bundle of all their entries:
 *   parseFhirJson alone          1.2–1.4× JSON.parse   (e.g. 0.151 ms vs 0.106 ms for 46 kB)
 *   plus 5 positions near the end 1.9–2.6× JSON.parse
 *   plus 40 positions             1.8–2.9× JSON.parse
 *
 * `__proto__` keys stay plain own data properties (JSON.parse defines, never assigns, them;
 * nothing here copies keys into other objects). Malformed JSON gives line/column, never a throw.
 */
import type { SourcePosition } from '../model/issue.js';
import { createJsonKeyIndex, type JsonKeyIndex } from './json-key-index.js';
import { formatJsonPath, type LocatedElement, locateJson, parseJsonPath } from './json-locate.js';
import { type DuplicateKey, type JsonOffsets, MAX_INDEXED_DEPTH, countKeysInText, countKeysInValue, findJsonSyntaxError, scanJson } from './json-scanner.js';
import { createPositionIndex } from './text-position.js';

export interface JsonDuplicateKey {
  /** Path of the repeated property, e.g. `entry[0].resource.id`. */
  path: string;
  key: string;
  /** Where the repeated (later) occurrence is. */
  line: number;
  column: number;
}

export interface JsonReadSuccess {
  ok: true;
  value: unknown;
  duplicateKeys: JsonDuplicateKey[];
  /** Line/column of the element at a JSON path (a property's key, an array item's value); `''` = the root. */
  positionOf(path: string): SourcePosition | undefined;
  /** positionOf for a path already split (`['entry', 2, 'resource']`): no path text to read. */
  positionAt(segments: ReadonlyArray<string | number>): SourcePosition | undefined;
  /** The number at a path exactly as written (`1.50`), for decimal precision; undefined if not a number there. */
  numberText(path: string): string | undefined;
}

export interface JsonReadFailure {
  ok: false;
  error: { message: string; line: number; column: number };
}

export type JsonParseResult = JsonReadSuccess | JsonReadFailure;

const NUMBER_TEXT = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/;
const LOOKUPS_BEFORE_INDEX = 256;

export function parseFhirJson(text: string): JsonParseResult {
  // A byte order mark is not JSON; FHIR files sometimes start with one, so it is skipped.
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const positions = createPositionIndex(text);
  let value: unknown;
  try {
    value = JSON.parse(start === 0 ? text : text.slice(start));
  } catch (e) {
    return failure(text, start, positions, e);
  }

  let offsets: JsonOffsets | undefined;
  let duplicates: DuplicateKey[] = [];
  const index = (): JsonOffsets => {
    if (!offsets) {
      offsets = { element: new Map(), value: new Map() };
      duplicates = scanJson(text, start, offsets);
    }
    return offsets;
  };
  // Cheap test first; the full scan (which also names the paths) only when a key repeats.
  const keyOffsets: number[] = [];
  const valueKeys = { digitKey: false };
  if (countKeysInText(text, start, keyOffsets) !== countKeysInValue(value, valueKeys)) index();
  const keysAreUnique = duplicates.length === 0;
  // With unique keys, most positions come from the value and the key offsets (made on the first
  // question); a key that starts with a digit may be listed out of text order, so then none do.
  let keyIndex: JsonKeyIndex | null | undefined = offsets || valueKeys.digitKey ? null : undefined;
  const fromKeyIndex = (segments: ReadonlyArray<string | number> | undefined): number | undefined => {
    if (keyIndex === undefined) keyIndex = createJsonKeyIndex(text, value, keyOffsets, true) ?? null;
    if (keyIndex === null) return undefined;
    return segments ? keyIndex.elementOffset(segments) : undefined;
  };

  // Few look-ups (the usual case: a handful of issues) each walk straight to their element;
  // past LOOKUPS_BEFORE_INDEX, one full index answers the rest.
  const located = new Map<string, LocatedElement | null>();
  const containerEnds = new Map<number, number>();
  const locate = (path: string): LocatedElement | undefined => {
    if (offsets) {
      const element = offsets.element.get(path);
      const valueOffset = offsets.value.get(path);
      if (element !== undefined && valueOffset !== undefined) return { element, value: valueOffset };
      if (path.split(/[.[]/).length <= MAX_INDEXED_DEPTH) return undefined;
    }
    const cached = located.get(path);
    if (cached !== undefined) return cached ?? undefined;
    if (!offsets && located.size >= LOOKUPS_BEFORE_INDEX) {
      index();
      return locate(path);
    }
    const segments = parseJsonPath(path);
    const found = segments ? locateJson(text, start, segments, keysAreUnique, containerEnds) : undefined;
    located.set(path, found ?? null);
    return found;
  };

  return {
    ok: true,
    value,
    duplicateKeys: duplicates.map((d) => ({ path: d.path, key: d.key, ...positions.at(d.offset) })),
    positionOf(path) {
      const fast = fromKeyIndex(parseJsonPath(path));
      if (fast !== undefined) return positions.at(fast);
      const found = locate(path);
      return found === undefined ? undefined : positions.at(found.element);
    },
    positionAt(segments) {
      const fast = fromKeyIndex(segments);
      if (fast !== undefined) return positions.at(fast);
      const found = locate(formatJsonPath(segments));
      return found === undefined ? undefined : positions.at(found.element);
    },
    numberText(path) {
      const found = locate(path);
      if (found === undefined) return undefined;
      return NUMBER_TEXT.exec(text.slice(found.value, found.value + 400))?.[0];
    },
  };
}

function failure(text: string, start: number, positions: ReturnType<typeof createPositionIndex>, thrown: unknown): JsonReadFailure {
  const found = findJsonSyntaxError(text, start);
  if (found) return { ok: false, error: { message: `invalid JSON: ${found.message}`, ...positions.at(found.offset) } };
  // JSON.parse refused what the strict check accepts: keep its words, place it at the start.
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return { ok: false, error: { message: `invalid JSON: ${message}`, ...positions.at(start) } };
}
