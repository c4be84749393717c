/**
 * Mutations of valid BaRS messages for the fuzzer: structure-aware ones on the JSON tree
 * (remove, duplicate, retype, swap, move and rename elements, change primitives, hostile
 * keys) and byte-level ones on the text (flip, insert, delete, repeat, truncate, NUL and
 * invalid UTF-8). Every choice comes from a seeded generator, so one (seed, iteration) pair
 * always gives the same input.
 */

export type Random = () => number;

/** mulberry32: small, fast, good enough to spread mutations; seeded from (seed, iteration). */
export function randomFor(seed: number, iteration: number): Random {
  let state = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(iteration + 1, 0xc2b2ae35)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const intBelow = (random: Random, n: number): number => Math.floor(random() * n);
export const pick = <T>(random: Random, items: readonly T[]): T => items[intBelow(random, items.length)];

type Json = unknown;
type Container = Record<string, Json> | Json[];

/** A place in the tree: the container and the key or index there. */
interface Slot {
  parent: Container;
  key: string | number;
  /** Path from the root, to tell ancestors from descendants. */
  path: string;
}

function isContainer(value: Json): value is Container {
  return typeof value === 'object' && value !== null;
}

/** Every slot of the tree (iterative; inputs are valid messages, a few hundred nodes). */
function slotsOf(root: Container): Slot[] {
  const slots: Slot[] = [];
  const pending: Array<{ node: Container; path: string }> = [{ node: root, path: '' }];
  while (pending.length > 0) {
    const { node, path } = pending.pop()!;
    const keys: Array<string | number> = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    for (const key of keys) {
      const childPath = `${path}/${key}`;
      slots.push({ parent: node, key, path: childPath });
      const child = (node as Record<string, Json>)[key as string];
      if (isContainer(child)) pending.push({ node: child, path: childPath });
    }
  }
  return slots;
}

const get = (slot: Slot): Json => (slot.parent as Record<string, Json>)[slot.key as string];
const set = (slot: Slot, value: Json): void => {
  // defineProperty keeps `__proto__` an own data property, as JSON.parse makes it.
  if (Array.isArray(slot.parent)) slot.parent[slot.key as number] = value;
  else Object.defineProperty(slot.parent, slot.key, { value, writable: true, enumerable: true, configurable: true });
};
const remove = (slot: Slot): void => {
  if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
  else delete slot.parent[slot.key as string];
};
const related = (a: Slot, b: Slot): boolean => a.path === b.path || a.path.startsWith(b.path + '/') || b.path.startsWith(a.path + '/');

const RESOURCE_TYPES = ['Bundle', 'Patient', 'ServiceRequest', 'MessageHeader', 'Encounter', 'Observation', 'OperationOutcome', 'Flag', 'Appointment', 'Nope', '', 'constructor', '__proto__', 'toString'];
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__', ''];
const FUNNY_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\ud800', '\udfff\ud800', '😀'.repeat(50), '\u202e', 'null', 'true', '0', '-0', '1e400', 'NaN', 'Infinity',
  'urn:uuid:', 'urn:uuid:ZZZ', 'urn:oid:1..2', '#', '#x', 'http://', 'Patient/', '../../etc/passwd', '2025-02-30', '2025-13-01T25:61:61Z',
  '9999-12-31T23:59:59.9999999999+14:00', '0000-00-00', '<div xmlns="http://www.w3.org/1999/xhtml">x</div>', '<div>&nbsp;</div>', '<script>x</script>',
  '%s%n%x', '${constructor}', '{{7*7}}', "' OR 1=1 --", 'a'.repeat(70), '\\', '"', '&amp;&lt;&#0;&#x110000;',
];
const FUNNY_NUMBERS = [0, -1, 1, -0, 0.1, 1.5, 2147483647, 2147483648, -2147483649, Number.MAX_SAFE_INTEGER + 2, 1e21, 1e308, 5e-324, -1e308];

function funnyString(random: Random): string {
  const r = random();
  if (r < 0.7) return pick(random, FUNNY_STRINGS);
  if (r < 0.8) return 'x'.repeat(1 + intBelow(random, 20_000));
  if (r < 0.9) return ('ab '.repeat(1 + intBelow(random, 2000))) + '!';
  return String.fromCharCode(...Array.from({ length: 1 + intBelow(random, 30) }, () => intBelow(random, 0x10000)));
}

function randomValue(random: Random, like?: Json): Json {
  switch (intBelow(random, 9)) {
    case 0: return funnyString(random);
    case 1: return pick(random, FUNNY_NUMBERS);
    case 2: return random() < 0.5;
    case 3: return null;
    case 4: return {};
    case 5: return [];
    case 6: return like === undefined ? [funnyString(random)] : [like];
    case 7: return { resourceType: pick(random, RESOURCE_TYPES) };
    default: return { value: funnyString(random), url: funnyString(random) };
  }
}

/** One structure-aware mutation; returns its name. */
export function mutateTree(root: Record<string, Json>, random: Random): string {
  const slots = slotsOf(root);
  if (slots.length === 0) {
    root.resourceType = pick(random, RESOURCE_TYPES);
    return 'retype-root';
  }
  const slot = pick(random, slots);
  const value = get(slot);
  switch (intBelow(random, 12)) {
    case 0:
    case 1:
      remove(slot);
      return 'remove';
    case 2: {
      // duplicate: an array item again, or a property's value copied next to another element
      if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 0, structuredClone(value));
      else set(pick(random, slots), structuredClone(value));
      return 'duplicate';
    }
    case 3:
      set(slot, randomValue(random, value));
      return 'retype';
    case 4: {
      const other = pick(random, slots);
      if (related(slot, other)) return 'swap-skipped';
      const theirs = get(other);
      set(other, value);
      set(slot, theirs);
      return 'swap';
    }
    case 5: {
      // change a primitive in place
      if (typeof value === 'string') set(slot, random() < 0.5 ? funnyString(random) : value.slice(0, intBelow(random, value.length + 1)) + funnyString(random));
      else if (typeof value === 'number') set(slot, pick(random, FUNNY_NUMBERS));
      else if (typeof value === 'boolean') set(slot, !value);
      else set(slot, randomValue(random));
      return 'change-primitive';
    }
    case 6: {
      // move a subtree elsewhere
      const target = pick(random, slots);
      if (related(slot, target) || !isContainer(get(target))) return 'move-skipped';
      const container = get(target) as Container;
      if (Array.isArray(container)) container.push(value);
      else set({ parent: container, key: typeof slot.key === 'string' ? slot.key : 'item', path: '' }, value);
      remove(slot);
      return 'move';
    }
    case 7: {
      // rename a key: typo, companion, choice suffix, other case
      if (Array.isArray(slot.parent)) return 'rename-skipped';
      const key = slot.key as string;
      const renamed = pick(random, [`_${key}`, key.toUpperCase(), `${key}x`, key.replace(/[A-Z][a-z]+$/, 'Integer'), key.slice(1), `${key}[x]`, key.replace(/^_/, '')]);
      remove(slot);
      set({ parent: slot.parent, key: renamed, path: '' }, value);
      return 'rename';
    }
    case 8: {
      // a hostile key beside real ones
      const target = pick(random, slots.map(get).filter((v): v is Record<string, Json> => isContainer(v) && !Array.isArray(v)).concat([root]));
      set({ parent: target, key: pick(random, HOSTILE_KEYS), path: '' }, random() < 0.5 ? { polluted: true, resourceType: 'Patient' } : randomValue(random));
      return 'hostile-key';
    }
    case 9:
      root.resourceType = pick(random, RESOURCE_TYPES);
      return 'retype-root';
    case 10: {
      // wrap in / unwrap from an array
      set(slot, Array.isArray(value) ? value[0] : [value, structuredClone(value)]);
      return 'array-shape';
    }
    default: {
      // nest deeper: the value inside itself a few times
      let nested: Json = value;
      for (let i = intBelow(random, 40); i >= 0; i--) nested = random() < 0.5 ? [nested] : { extension: [{ url: 'x', extension: [nested] }] };
      set(slot, nested);
      return 'nest';
    }
  }
}

const SPECIAL = ['{', '}', '[', ']', '"', ',', ':', '<', '>', '/', '&', '\\', '\u0000', '\n', ' ', '-', '.', 'e', '0', '&amp;', '<!DOCTYPE x [<!ENTITY a "b">]>', '<![CDATA[', '\\u0000', '\\ud800'];

/** One byte-level (character-level) mutation of text; returns the new text and its name. */
export function mutateText(text: string, random: Random): { text: string; name: string } {
  const at = intBelow(random, text.length + 1);
  const span = 1 + intBelow(random, Math.min(200, text.length + 1));
  switch (intBelow(random, 7)) {
    case 0:
      return { text: text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ (1 << intBelow(random, 7))) + text.slice(at + 1), name: 'flip' };
    case 1:
      return { text: text.slice(0, at) + pick(random, SPECIAL) + text.slice(at), name: 'insert' };
    case 2:
      return { text: text.slice(0, at) + text.slice(at + span), name: 'delete' };
    case 3:
      return { text: text.slice(0, at) + text.slice(at, at + span).repeat(2 + intBelow(random, 3)) + text.slice(at), name: 'repeat' };
    case 4:
      return { text: text.slice(0, at), name: 'truncate' };
    case 5: {
      const other = intBelow(random, text.length + 1);
      const [a, b] = at < other ? [at, other] : [other, at];
      const len = Math.min(span, b - a);
      return { text: text.slice(0, a) + text.slice(b, b + len) + text.slice(a + len, b) + text.slice(a, a + len) + text.slice(b + len), name: 'swap-ranges' };
    }
    default:
      return { text: text.slice(0, at) + '\u0000' + text.slice(at), name: 'nul' };
  }
}

const BAD_UTF8 = [[0xff], [0xfe], [0xc0, 0x80], [0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0xef, 0xbb, 0xbf]];

/** Bytes of the text with an invalid (or, for the BOM, unusual) UTF-8 sequence put in. */
export function withBadUtf8(text: string, random: Random): Uint8Array {
  const bytes = new TextEncoder().encode(text);
  const at = intBelow(random, bytes.length + 1);
  const bad = pick(random, BAD_UTF8);
  const out = new Uint8Array(bytes.length + bad.length);
  out.set(bytes.subarray(0, at), 0);
  out.set(bad, at);
  out.set(bytes.subarray(at), at + bad.length);
  return out;
}
