/**
 * Reading and comparing the typed values a Questionnaire and its responses carry in choice
 * properties (`answer.valueCoding`, `answerOption.valueInteger`, `enableWhen.answerDate`,
 * `extension.valueQuantity`). Quantities in different UCUM units are converted (with the
 * UCUM library fhirpath.js bundles) before they are compared.
 */
import { showValue } from '../../formats/show-value.js';
import { ucumUtils } from 'fhirpath';

const UCUM = 'http://unitsofmeasure.org';

interface UcumUtils {
  convertUnitTo(fromUnit: string, fromValue: number, toUnit: string): { status: string; toVal: number | null };
  validateUnitString(unit: string, suggest: boolean): { status: string };
}
const ucum = ucumUtils as unknown as UcumUtils;

export type JsonObject = Record<string, unknown>;

/** A choice property's value with its FHIR type (`valueDateTime` → `dateTime`). */
export interface TypedValue {
  /** The JSON property name (`valueCoding`). */
  key: string;
  type: string;
  value: unknown;
}

/** Choice suffixes whose FHIR type name starts with a lower-case letter. */
const PRIMITIVE_SUFFIXES = new Set(['Boolean', 'Decimal', 'Integer', 'Date', 'DateTime', 'Time', 'String', 'Uri', 'Url', 'Canonical', 'Code', 'Instant', 'Id', 'Oid', 'Uuid', 'Markdown', 'PositiveInt', 'UnsignedInt', 'Base64Binary']);

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function objectsOf(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The first `prefix[X]` property of an object (`value` → `valueString`), typed by its suffix. */
export function choiceValue(object: JsonObject, prefix: string): TypedValue | undefined {
  for (const key of Object.keys(object)) {
    if (key.length <= prefix.length || !key.startsWith(prefix)) continue;
    const suffix = key.slice(prefix.length);
    if (suffix.charAt(0) < 'A' || suffix.charAt(0) > 'Z') continue;
    const type = PRIMITIVE_SUFFIXES.has(suffix) ? suffix.charAt(0).toLowerCase() + suffix.slice(1) : suffix;
    return { key, type, value: object[key] };
  }
  return undefined;
}

/** Values of the item's extensions with this url, typed. */
export function extensionValues(element: JsonObject, url: string): TypedValue[] {
  const out: TypedValue[] = [];
  for (const extension of objectsOf(element.extension)) {
    if (extension.url !== url) continue;
    const value = choiceValue(extension, 'value');
    if (value) out.push(value);
  }
  return out;
}

export function firstExtensionValue(element: JsonObject, url: string): TypedValue | undefined {
  return extensionValues(element, url)[0];
}

/** Codings match on code, and on system when both give one. */
export function sameCoding(a: unknown, b: unknown): boolean {
  if (!isObject(a) || !isObject(b)) return false;
  if (typeof a.code !== 'string' || a.code !== b.code) return false;
  return typeof a.system !== 'string' || typeof b.system !== 'string' || a.system === b.system;
}

export function describeCoding(coding: unknown): string {
  if (!isObject(coding)) return String(coding);
  const code = stringOf(coding.code) ?? '';
  const system = stringOf(coding.system);
  return system ? `${system}#${code}` : `'${code}'`;
}

/** Splits a date/dateTime into numeric year, month, day parts (as many as given). */
function dateParts(value: string): number[] {
  return value.slice(0, 10).split('-').map(Number);
}

/**
 * Compares two date/dateTime/time strings. Values of different precision are compared on the
 * precision they share, so that '2022-06-30' is neither before nor after '2022-06'; with
 * `firstDay`, a date of lower precision stands for its first day instead (then '2022-06-30' is
 * after '2022-06', '2022-06-01' equal to it, '2022' before it). Undefined when one cannot be read.
 */
export function compareTemporal(type: string, a: string, b: string, firstDay = false): number | undefined {
  if (type === 'time') return a < b ? -1 : a > b ? 1 : 0;
  const aHasTime = a.includes('T');
  const bHasTime = b.includes('T');
  if (aHasTime && bHasTime) {
    const x = Date.parse(withZone(a));
    const y = Date.parse(withZone(b));
    if (Number.isNaN(x) || Number.isNaN(y)) return undefined;
    return Math.sign(x - y);
  }
  const pa = dateParts(a);
  const pb = dateParts(b);
  if (pa.some(Number.isNaN) || pb.some(Number.isNaN)) return undefined;
  for (let i = 0; i < (firstDay ? 3 : Math.min(pa.length, pb.length)); i++) {
    const x = pa[i] ?? 1;
    const y = pb[i] ?? 1;
    if (x !== y) return Math.sign(x - y);
  }
  return 0;
}

/** A dateTime without a zone is read as UTC (the Java validator assumes the same for comparisons). */
function withZone(value: string): string {
  return /(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`;
}

/**
 * Ordering of two values of comparable types; undefined when they cannot be ordered. `asLimit`:
 * `b` is a Questionnaire's minValue/maxValue, where a date of lower precision stands for its
 * first day, as the HL7 Java validator reads it ('2022-06-30' is after a maximum of '2022-06',
 * fhir-test-cases date-time-min-max-qr).
 */
export function compareValues(a: TypedValue, b: TypedValue, asLimit = false): number | undefined {
  const numeric = (t: string) => t === 'integer' || t === 'decimal';
  if (numeric(a.type) && numeric(b.type) && typeof a.value === 'number' && typeof b.value === 'number') {
    return Math.sign(a.value - b.value);
  }
  const temporal = (t: string) => t === 'date' || t === 'dateTime';
  if (((temporal(a.type) && temporal(b.type)) || (a.type === 'time' && b.type === 'time')) && typeof a.value === 'string' && typeof b.value === 'string') {
    return compareTemporal(a.type, a.value, b.value, asLimit);
  }
  if (a.type === 'string' && b.type === 'string' && typeof a.value === 'string' && typeof b.value === 'string') {
    return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  }
  if (a.type === 'Quantity' && b.type === 'Quantity' && isObject(a.value) && isObject(b.value)) {
    const order = compareQuantities(a.value, b.value);
    return typeof order === 'number' ? order : undefined;
  }
  return undefined;
}

/**
 * Orders two quantities: directly when their units are the same, after conversion when both
 * are in UCUM units. `incompatible` when both are valid UCUM units that measure different
 * things; undefined when the units cannot be related (uncoded, unknown, another system).
 */
export function compareQuantities(a: JsonObject, b: JsonObject): number | 'incompatible' | undefined {
  const x = a.value;
  const y = b.value;
  if (typeof x !== 'number' || typeof y !== 'number') return undefined;
  if (sameUnits(a, b)) return Math.sign(x - y);
  if (a.system !== UCUM || b.system !== UCUM || typeof a.code !== 'string' || typeof b.code !== 'string') return undefined;
  const converted = ucum.convertUnitTo(a.code, x, b.code);
  if (converted.status === 'succeeded' && typeof converted.toVal === 'number') return Math.sign(converted.toVal - y);
  const valid = (code: string) => ucum.validateUnitString(code, false).status === 'valid';
  return valid(a.code) && valid(b.code) ? 'incompatible' : undefined;
}

/** Two quantities have the same units: the same coded unit, or (when neither is coded) the same unit text. */
export function sameUnits(a: JsonObject, b: JsonObject): boolean {
  if (typeof a.code === 'string' && typeof b.code === 'string') {
    return a.code === b.code && (a.system === undefined || b.system === undefined || a.system === b.system);
  }
  if (a.code === undefined && b.code === undefined && typeof a.unit === 'string' && typeof b.unit === 'string') {
    return a.unit.trim().toLowerCase() === b.unit.trim().toLowerCase();
  }
  return false;
}

/** Whether two typed values are the same answer. */
export function valuesEqual(a: TypedValue, b: TypedValue): boolean {
  if (a.type === 'Coding' || b.type === 'Coding') return a.type === b.type && sameCoding(a.value, b.value);
  if (a.type === 'Reference' || b.type === 'Reference') {
    return a.type === b.type && isObject(a.value) && isObject(b.value) && typeof a.value.reference === 'string' && a.value.reference === b.value.reference;
  }
  if (a.type === 'boolean' || b.type === 'boolean') return a.type === b.type && a.value === b.value;
  const order = compareValues(a, b);
  if (order !== undefined) {
    // Dates of different precision compare as 0 without being the same value.
    if ((a.type === 'date' || a.type === 'dateTime') && a.value !== b.value && order === 0) return String(a.value).length === String(b.value).length;
    return order === 0;
  }
  return a.type === b.type && JSON.stringify(a.value) === JSON.stringify(b.value);
}

export function describeValue(value: TypedValue): string {
  if (value.type === 'Coding') return describeCoding(value.value);
  if (value.type === 'Quantity' && isObject(value.value)) {
    const unit = stringOf(value.value.unit) ?? stringOf(value.value.code) ?? '';
    return `${showValue(value.value.value)}${unit ? ` ${unit}` : ''}`;
  }
  if (value.type === 'Reference' && isObject(value.value)) return `'${stringOf(value.value.reference) ?? stringOf(value.value.display) ?? ''}'`;
  return typeof value.value === 'string' ? `'${value.value}'` : String(value.value);
}
