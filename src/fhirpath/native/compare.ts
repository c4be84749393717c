/**
 * Equality and ordering of primitive items, for the cases where FHIRPath's answer is plain:
 * strings with strings, numbers with numbers, booleans with booleans, and dates/dateTimes of
 * the same precision (timezone on both or on neither). Everything else (complex values,
 * mixed kinds, differing precision, times) is left to fhirpath.js.
 */
import { bail, type Item } from './items.js';
import { valueKind, type ValueKind } from './model-types.js';

const DATE_TIME = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

interface DateParts {
  precision: number;
  fraction: boolean;
  zone: string | undefined;
  /** Milliseconds since the epoch, read in UTC (then moved by the zone when there is one). */
  at: number;
}

function dateParts(text: string): DateParts {
  const m = DATE_TIME.exec(text);
  if (!m) return bail('a date that is not in the usual form');
  const [, y, mo, d, h, mi, s, f, zone] = m;
  const precision = s !== undefined ? 6 : mi !== undefined ? 5 : d !== undefined ? 3 : mo !== undefined ? 2 : 1;
  if (precision > 3 && precision < 6 && zone === undefined) return bail('a time without seconds or zone');
  let at = Date.UTC(Number(y), mo ? Number(mo) - 1 : 0, d ? Number(d) : 1, h ? Number(h) : 0, mi ? Number(mi) : 0, s ? Number(s) : 0, f ? Number(f.padEnd(3, '0')) : 0);
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    at -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  }
  return { precision, fraction: f !== undefined, zone, at };
}

/** -1, 0 or 1 for two dates or dateTimes read exactly; bails where FHIRPath's precision rules would matter. */
function compareDates(a: string, b: string): number {
  if (a === b) return 0;
  const x = dateParts(a);
  const y = dateParts(b);
  if (x.precision !== y.precision || x.fraction !== y.fraction) return bail('dates of different precision');
  if (x.precision > 3 && (x.zone === undefined) !== (y.zone === undefined)) return bail('a dateTime with a zone and one without');
  return x.at < y.at ? -1 : x.at > y.at ? 1 : 0;
}

function kindOf(item: Item): ValueKind {
  const kind = valueKind(item.type);
  const value = item.value;
  if (value === undefined || value === null) return bail('a primitive without a value');
  const actual = typeof value;
  const expected = kind === 'date' ? 'string' : kind;
  if (actual !== expected) return bail(`a ${item.type} whose JSON value is a ${actual}`);
  return kind;
}

function sameKind(a: Item, b: Item): ValueKind {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka !== kb) return bail(`a ${a.type} compared with a ${b.type}`);
  if (ka === 'date' && a.type !== b.type && (a.type === 'date' || b.type === 'date')) return bail('a date compared with a dateTime');
  return ka;
}

/** FHIRPath `=` of two single items. */
export function itemsEqual(a: Item, b: Item): boolean {
  const kind = sameKind(a, b);
  if (kind === 'date') return compareDates(a.value as string, b.value as string) === 0;
  return a.value === b.value;
}

/** FHIRPath ordering of two single items: negative, zero or positive. */
export function compareItems(a: Item, b: Item): number {
  const kind = sameKind(a, b);
  if (kind === 'date') return compareDates(a.value as string, b.value as string);
  if (kind === 'boolean') return bail('booleans have no order');
  const x = a.value as string | number;
  const y = b.value as string | number;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The JS value of a primitive item for set operations (distinct, union, in); bails for complex values. */
export function primitiveKey(item: Item): string | number | boolean {
  const kind = kindOf(item);
  if (kind === 'date' || kind === 'other' || kind === 'time') return bail('set operations on dates or complex values');
  return item.value as string | number | boolean;
}

/**
 * The item's value when it compares as a plain string (a FHIR string type, `System.String`):
 * two such items are equal exactly when their values are; undefined for any other item.
 */
export function plainStringValue(item: Item): string | undefined {
  return typeof item.value === 'string' && valueKind(item.type) === 'string' ? item.value : undefined;
}
