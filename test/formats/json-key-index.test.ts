import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJsonKeyIndex } from '../../src/formats/json-key-index.js';
import { locateJson } from '../../src/formats/json-locate.js';
import { countKeysInText } from '../../src/formats/json-scanner.js';
import { projectRoot } from '../../src/defs/project-paths.js';

/** Every element path of a JSON value, as segments (properties and array items, not the root). */
function allPaths(value: unknown, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      out.push([...prefix, i]);
      allPaths(item, [...prefix, i], out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      out.push([...prefix, key]);
      allPaths((value as Record<string, unknown>)[key], [...prefix, key], out);
    }
  }
  return out;
}

/** Checks every path the index answers against the text stepper; returns how many it answered. */
function agreeWithStepper(text: string): { answered: number; paths: number } {
  const offsets: number[] = [];
  countKeysInText(text, 0, offsets);
  const value = JSON.parse(text);
  const index = createJsonKeyIndex(text, value, offsets);
  expect(index).toBeDefined();
  const paths = allPaths(value);
  let answered = 0;
  for (const segments of paths) {
    const fast = index!.elementOffset(segments);
    if (fast === undefined) continue;
    answered++;
    expect({ segments, offset: fast }).toEqual({ segments, offset: locateJson(text, 0, segments, true)?.element });
  }
  return { answered, paths: paths.length };
}

describe('JSON key index (positions from the parsed value)', () => {
  it('gives the same offsets as stepping through the text, on a pretty-printed BaRS referral', () => {
    const text = readFileSync(join(projectRoot(), 'fixtures', '111-ed', 'valid', 'referral-new.json'), 'utf8');
    const { answered, paths } = agreeWithStepper(text);
    // Every property and every object array item is answered; only primitive array items are left to the stepper.
    expect(answered).toBeGreaterThan(paths * 0.9);
  });

  it('answers look-ups into a long array in any order (the keys before each item are summed once, then extended)', () => {
    const entries = Array.from({ length: 300 }, (_, i) => ({ fullUrl: `urn:uuid:${i}`, resource: { resourceType: i % 2 ? 'Patient' : 'Flag', id: String(i), ...(i % 3 ? { meta: { lastUpdated: 'x' } } : {}) } }));
    const text = JSON.stringify({ resourceType: 'Bundle', entry: entries }, null, 1);
    const offsets: number[] = [];
    countKeysInText(text, 0, offsets);
    const index = createJsonKeyIndex(text, JSON.parse(text), offsets)!;
    // Far first, then near, then in between: each answer is the stepper's.
    for (const i of [299, 3, 150, 0, 298, 151, 7]) {
      for (const segments of [['entry', i], ['entry', i, 'resource', 'id']]) {
        expect({ segments, offset: index.elementOffset(segments) }).toEqual({ segments, offset: locateJson(text, 0, segments, true)?.element });
      }
    }
  });

  it('agrees on minified text, odd whitespace, escaped keys, __proto__, empty containers and strings holding brackets', () => {
    const value = { resourceType: 'Patient', __proto__x: 1, name: [{ given: ['a', 'b'], text: '{"not":"a key"}' }, {}], extension: [], b: { c: [[{ d: 1 }], { e: '[' }] } };
    for (const text of [JSON.stringify(value), JSON.stringify(value, null, 2), JSON.stringify(value, null, '\t').replace(/\n/g, '\r\n')]) {
      const { answered } = agreeWithStepper(text);
      expect(answered).toBeGreaterThan(10);
    }
    const escaped = '{ "a\\u0062" : { "c" : 1 } , "__proto__" : [ { "d" : "}" } ] }';
    const { answered } = agreeWithStepper(escaped);
    expect(answered).toBe(5); // ab (written with an escape), ab.c, __proto__, __proto__[0], __proto__[0].d
  });

  it('declines (so the stepper answers) where the value cannot be lined up with the text', () => {
    const indexOf = (text: string) => {
      const offsets: number[] = [];
      countKeysInText(text, 0, offsets);
      return createJsonKeyIndex(text, JSON.parse(text), offsets);
    };
    expect(indexOf('{"b":1,"1":2}')).toBeUndefined(); // V8 lists the array-index key "1" first
    expect(indexOf('{"a":1,"a":2}')).toBeUndefined(); // a repeated key: fewer keys in the value than in the text
    expect(indexOf('"text"')).toBeUndefined();
    const index = indexOf('{"a":[1,{},[2]],"b":{}}')!;
    expect(index.elementOffset([])).toBeUndefined(); // the root
    expect(index.elementOffset(['a', 0])).toBeUndefined(); // a primitive item
    expect(index.elementOffset(['a', 1])).toBeUndefined(); // an empty object
    expect(index.elementOffset(['a', 2])).toBeUndefined(); // an array item
    expect(index.elementOffset(['a', 3])).toBeUndefined(); // not there
    expect(index.elementOffset(['c'])).toBeUndefined();
    expect(index.elementOffset(['b'])).toBe(16);
  });
});
