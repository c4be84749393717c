import { describe, expect, it } from 'vitest';
import { parseFhirJson, type JsonReadSuccess } from '../../src/formats/json-reader.js';
import { locateJson, parseJsonPath } from '../../src/formats/json-locate.js';
import { countKeysInText, countKeysInValue, findJsonSyntaxError, scanJson, type JsonOffsets } from '../../src/formats/json-scanner.js';

function readOk(text: string): JsonReadSuccess {
  const result = parseFhirJson(text);
  if (!result.ok) throw new Error(`expected success: ${result.error.message}`);
  return result;
}

function readError(text: string): { message: string; line: number; column: number } {
  const result = parseFhirJson(text);
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

const bundle = `{
  "resourceType": "Bundle",
  "type": "message",
  "entry": [
    { "fullUrl": "urn:uuid:1", "resource": { "resourceType": "MessageHeader", "eventCoding": { "code": "x" } } },
    {
      "fullUrl": "urn:uuid:2",
      "resource": {
        "resourceType": "Patient",
        "name": [ { "given": [ "A", "B" ] } ],
        "birthDate": "2000-01-01"
      }
    },
    {
      "resource": {
        "resourceType": "Observation",
        "subject": { "reference": "urn:uuid:2" },
        "valueQuantity": { "value": 1.50, "unit": "mg" }
      }
    }
  ]
}`;

describe('FHIR JSON reader', () => {
  it('returns the same value as JSON.parse and no duplicates for clean input', () => {
    const result = readOk(bundle);
    expect(result.value).toEqual(JSON.parse(bundle));
    expect(result.duplicateKeys).toEqual([]);
  });

  it('gives line and column of elements by JSON path', () => {
    const result = readOk(bundle);
    expect(result.positionOf('')).toEqual({ line: 1, column: 1 });
    expect(result.positionOf('type')).toEqual({ line: 3, column: 3 });
    expect(result.positionOf('entry[0]')).toEqual({ line: 5, column: 5 });
    expect(result.positionOf('entry[0].resource.eventCoding.code')).toEqual({ line: 5, column: 96 });
    expect(result.positionOf('entry[1].resource.name[0].given[1]')).toEqual({ line: 10, column: 37 });
    expect(result.positionOf('entry[2].resource.subject')).toEqual({ line: 17, column: 9 });
    expect(result.positionOf('entry[2].resource.subject.reference')).toEqual({ line: 17, column: 22 });
    expect(result.positionOf('entry[3]')).toBeUndefined();
    expect(result.positionOf('entry[2].resource.nothing')).toBeUndefined();
  });

  it('gives the same positions for a path already split, and for keys the path text cannot spell', () => {
    const result = readOk(bundle);
    for (const path of ['', 'type', 'entry[0]', 'entry[0].resource.eventCoding.code', 'entry[1].resource.name[0].given[1]', 'entry[2].resource.subject', 'entry[3]']) {
      const segments = parseJsonPath(path)!;
      expect({ path, at: result.positionAt(segments) }).toEqual({ path, at: result.positionOf(path) });
    }
    // An unknown key with a dot in it: 'a.b' as text is two steps; split, it is one key.
    const dotted = readOk('{\n  "resourceType": "Patient",\n  "a.b": 1\n}');
    expect(dotted.positionOf('a.b')).toBeUndefined();
    expect(dotted.positionAt(['a.b'])).toEqual({ line: 3, column: 3 });
  });

  it('keeps the text of numbers for decimal precision', () => {
    const result = readOk(bundle);
    expect(result.numberText('entry[2].resource.valueQuantity.value')).toBe('1.50');
    expect(result.numberText('entry[2].resource.valueQuantity.unit')).toBeUndefined();
  });

  it('finds duplicate keys with their paths and positions', () => {
    const text = '{\n  "resourceType": "Patient",\n  "id": "a",\n  "name": [{ "family": "x", "family": "y" }],\n  "id": "b"\n}';
    const result = readOk(text);
    expect(result.value).toEqual({ resourceType: 'Patient', id: 'b', name: [{ family: 'y' }] });
    expect(result.duplicateKeys).toEqual([
      { path: 'name[0].family', key: 'family', line: 4, column: 29 },
      { path: 'id', key: 'id', line: 5, column: 3 },
    ]);
  });

  it('finds a duplicate whose first value held objects, and escaped keys', () => {
    const text = '{"a":{"b":{"c":1,"d":2}},"a":{"e":1},"k\\u0065y":1,"key":2}';
    const result = readOk(text);
    expect(result.duplicateKeys.map((d) => d.path)).toEqual(['a', 'key']);
    expect(countKeysInText(text, 0)).toBe(8);
    expect(countKeysInValue(result.value)).toBe(3);
  });

  it('counts keys in text and value alike when nothing repeats, with quotes and braces inside strings', () => {
    const text = '{"div":"<p>\\"{not a key\\": }</p>","a":[{"b":"x:y"},{"c":{}}],"d":"\\\\"}';
    expect(countKeysInText(text, 0)).toBe(countKeysInValue(JSON.parse(text)));
    expect(readOk(text).duplicateKeys).toEqual([]);
  });

  it('places elements of an object whose keys start with digits (listed out of text order by V8) from the text', () => {
    const found = { digitKey: false };
    const text = '{\n  "b": {"x": 1},\n  "1": {"y": 2},\n  "c": [{"z": 3}]\n}';
    expect(countKeysInValue(JSON.parse(text), found)).toBe(6);
    expect(found.digitKey).toBe(true);
    const result = readOk(text);
    // Object.keys gives "1" first: positions counted from the value's key order would be off by one key.
    expect(Object.keys(result.value as object)).toEqual(['1', 'b', 'c']);
    expect(result.positionAt(['b', 'x'])).toEqual({ line: 2, column: 9 });
    expect(result.positionAt(['1', 'y'])).toEqual({ line: 3, column: 9 });
    expect(result.positionAt(['c', 0, 'z'])).toEqual({ line: 4, column: 10 });
    countKeysInValue({ b: { x: 1 } }, found);
    expect(found.digitKey).toBe(false);
  });

  it('keeps __proto__ as plain own data, never as a prototype', () => {
    const result = readOk('{"resourceType":"Patient","__proto__":{"polluted":true},"name":[{"__proto__":{"x":1}}]}');
    const value = result.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(value, '__proto__')).toBe(true);
    expect((value as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(result.duplicateKeys).toEqual([]);
    expect(result.positionOf('__proto__')).toEqual({ line: 1, column: 27 });
    const twice = readOk('{"__proto__":1,"__proto__":2}');
    expect(twice.duplicateKeys.map((d) => d.key)).toEqual(['__proto__']);
  });

  it('skips a byte order mark and counts positions in the text as given', () => {
    const result = readOk('\uFEFF{\n"a": 1}');
    expect(result.value).toEqual({ a: 1 });
    expect(result.positionOf('a')).toEqual({ line: 2, column: 1 });
  });

  it('finds a key written with escapes, and does not take a key of the same length for it', () => {
    const result = readOk('{"bb":0,"\\u0062":{"c":[1,{"d":"x}"}]},"ab":2}');
    expect(result.positionOf('b')).toEqual({ line: 1, column: 9 });
    expect(result.positionOf('b.c[1].d')).toEqual({ line: 1, column: 27 });
    expect(result.positionOf('ab')).toEqual({ line: 1, column: 39 });
  });
});

describe('JSON element look-up', () => {
  it('parses paths and rejects malformed ones', () => {
    expect(parseJsonPath('')).toEqual([]);
    expect(parseJsonPath('entry[2].resource.name[0]._given[1]')).toEqual(['entry', 2, 'resource', 'name', 0, '_given', 1]);
    expect(parseJsonPath('a..b')).toBeUndefined();
    expect(parseJsonPath('a.')).toBeUndefined();
    expect(parseJsonPath('a[x]')).toBeUndefined();
  });

  it('finds every element where the full index puts it', () => {
    const offsets: JsonOffsets = { element: new Map(), value: new Map() };
    scanJson(bundle, 0, offsets);
    expect(offsets.element.size).toBe(28);
    for (const [path, element] of offsets.element) {
      expect(locateJson(bundle, 0, parseJsonPath(path)!, true), path).toEqual({ element, value: offsets.value.get(path) });
    }
  });

  it('takes the last of repeated keys, like JSON.parse, and answers many look-ups alike', () => {
    const text = '{"a": {"x": 1}, "b": 2, "a": {"x": 3}}';
    expect(locateJson(text, 0, ['a', 'x'])).toEqual({ element: 30, value: 35 });
    const read = readOk(bundle);
    const paths = [...Array(40).keys()].map((i) => (i % 2 === 0 ? `entry[${i % 3}]` : 'entry[1].resource.name[0].given[0]'));
    const first = paths.map((p) => read.positionOf(p));
    expect(first[0]).toEqual({ line: 5, column: 5 });
    expect(first[1]).toEqual({ line: 10, column: 32 });
    expect(paths.map((p) => read.positionOf(p))).toEqual(first);
    // Past 256 distinct look-ups the reader indexes everything once; answers stay the same.
    for (let i = 0; i < 300; i++) read.positionOf(`entry[${i}].resource`);
    expect(read.positionOf('entry[2].resource.subject')).toEqual({ line: 17, column: 9 });
    expect(read.positionOf('entry[1].resource.name[0].given[0]')).toEqual({ line: 10, column: 32 });
    expect(read.numberText('entry[2].resource.valueQuantity.value')).toBe('1.50');
  });
});

describe('FHIR JSON reader on malformed input', () => {
  it('reports where the JSON breaks', () => {
    expect(readError('{\n  "a": 1,\n  "b": }')).toMatchObject({ line: 3, column: 8, message: expect.stringMatching(/expected a value/) });
    expect(readError('{"a": 1,}')).toMatchObject({ line: 1, column: 9 });
    expect(readError('{"a": [1, 2}')).toMatchObject({ line: 1, column: 12, message: expect.stringMatching(/',' or '\]'/) });
    expect(readError('{"a": "x\ny"}')).toMatchObject({ line: 1, column: 9, message: expect.stringMatching(/U\+000A must be escaped/) });
    expect(readError('{"a": 01}')).toMatchObject({ line: 1, column: 8 });
    expect(readError('{"a": tru}')).toMatchObject({ line: 1, column: 7 });
    expect(readError('{"a": "\\q"}').message).toMatch(/invalid escape/);
    expect(readError('{"a": 1} x')).toMatchObject({ line: 1, column: 10, message: expect.stringMatching(/after the JSON value/) });
    expect(readError('')).toMatchObject({ line: 1, column: 1 });
    expect(readError('{"a": "unclosed').message).toMatch(/not closed/);
    expect(readError("{'a': 1}").message).toMatch(/property name in double quotes/);
  });

  it('handles very deep nesting without overflowing the stack', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(199_999);
    expect(findJsonSyntaxError(deep)?.message).toMatch(/expected/);
    expect(readError(deep).line).toBe(1);
    const deepValid = '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000);
    const result = readOk(deepValid);
    expect(result.duplicateKeys).toEqual([]);
    expect(result.positionOf('a.a.a')).toEqual({ line: 1, column: 12 });
    // A single look-up walks to any depth (the full index stops at 256 levels, to stay linear).
    expect(result.positionOf(Array(300).fill('a').join('.'))).toEqual({ line: 1, column: 1497 });
  });
});
