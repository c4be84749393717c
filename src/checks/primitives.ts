/**
 * Primitive values: the JSON type each FHIR primitive takes, the type's regex from its
 * definition, and the rules a regex cannot express (real calendar dates, integer ranges,
 * base64 in linear time, string length and surrounding whitespace, empty strings).
 */
import { showValue } from '../formats/show-value.js';
import { PRIMITIVE_JSON_TYPES, isPrimitiveType } from '../compile/type-codes.js';
import type { DurationLimit } from '../model/plan.js';
import type { Check, CheckContext, NodeVisit } from './check.js';

const MAX_STRING_LENGTH = 1024 * 1024;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const DATE_PART = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/;
/** A code unit JavaScript's `\s` takes (the whitespace test runs on every string: no regex). */
export function isWhitespaceUnit(c: number): boolean {
  if (c > 32 && c < 160) return false;
  return c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 5760 || (c >= 8192 && c <= 8202) || c === 8232 || c === 8233 || c === 8239 || c === 8287 || c === 12288 || c === 65279;
}
/** FHIR strings may not hold characters below U+0020 other than tab, LF and CR (R4 datatypes, primitive types). */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const STRING_TYPES = new Set(['string', 'markdown']);
const XML_ENTITIES = /&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g;
const XHTML_ENTITY = /&[A-Za-z][A-Za-z0-9]*;/;
const XHTML_HREF = /<a\b[^>]*\bhref\s*=\s*(["'])(.*?)\1/gi;
/** Schemes a narrative link may use (a `urn:` is an identifier, not a link). */
const LINK_SCHEMES = new Set(['http', 'https', 'ftp', 'mailto', 'tel', 'data']);
const UUID_URN = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OID_URN = /^urn:oid:[0-2](\.(0|[1-9][0-9]*))+$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Gregorian month lengths by arithmetic (this runs for every date in a message; a Date each time showed). */
function daysInMonth(year: number, month: number): number {
  if (month < 1 || month > 12) return new Date(Date.UTC(year, month, 0)).getUTCDate();
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/** Whether the date part of a date/dateTime/instant is a real calendar day. */
export function isRealDate(text: string): boolean {
  // The usual full form YYYY-MM-DD..., read by position (this runs for every date in a message).
  if (text.length >= 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
    const year = digits(text, 0, 4);
    const month = digits(text, 5, 7);
    const day = digits(text, 8, 10);
    if (!Number.isNaN(year + month + day)) return day <= daysInMonth(year, month);
  }
  const match = DATE_PART.exec(text);
  if (!match || match[3] === undefined) return true;
  return Number(match[3]) <= daysInMonth(Number(match[1]), Number(match[2]));
}

/** The first instant a date, dateTime or instant covers, in ms (a date or partial date from its start, in UTC). */
function startOf(text: string): number | undefined {
  const full = text.length === 4 ? `${text}-01-01` : text.length === 7 ? `${text}-01` : text;
  const at = Date.parse(full);
  return Number.isNaN(at) ? undefined : at;
}

const FIXED_UNIT_MS: Readonly<Record<string, number>> = { wk: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, min: 60_000, s: 1000, ms: 1 };

/** `at` moved by the duration (sign 1: later, -1: earlier); years and months by the calendar. */
function shifted(at: number, duration: DurationLimit, sign: 1 | -1): number {
  const step = FIXED_UNIT_MS[duration.code];
  if (step !== undefined) return at + sign * duration.value * step;
  const date = new Date(at);
  if (duration.code === 'a') date.setUTCFullYear(date.getUTCFullYear() + sign * duration.value);
  else date.setUTCMonth(date.getUTCMonth() + sign * duration.value);
  return date.getTime();
}

export function isBase64(text: string): boolean {
  const compact = text.replace(/\s+/g, '');
  return compact.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(compact);
}

/** A `#fragment` link resolves to an id/name in the narrative or a contained resource's id. */
function fragmentResolves(fragment: string, div: string, ctx: CheckContext): boolean {
  if (div.includes(`id="${fragment}"`) || div.includes(`name="${fragment}"`) || div.includes(`id='${fragment}'`) || div.includes(`name='${fragment}'`)) return true;
  const container = ctx.resource.container ?? ctx.resource;
  const contained = container.resource.contained;
  return Array.isArray(contained) && contained.some((r) => (r as { id?: unknown } | null)?.id === fragment);
}

/** What is decided by the type alone: its JSON type, whether it is a string type, its value regex (read on first use). */
interface TypeFacts {
  expected: string;
  stringType: boolean;
  regex: RegExp | null | undefined;
}

export function createPrimitivesCheck(): Check {
  function invalid(ctx: CheckContext, ruleId: string, message: string): void {
    ctx.report({ severity: 'error', code: 'invalid', ruleId, message });
  }

  function typeFacts(typeCode: string): TypeFacts | undefined {
    const expected = PRIMITIVE_JSON_TYPES[typeCode];
    return expected === undefined ? undefined : { expected, stringType: STRING_TYPES.has(typeCode), regex: undefined };
  }

  return {
    name: 'primitives',
    prepareNode(_element, role, typeCode) {
      if (role !== 'element' || !isPrimitiveType(typeCode)) return undefined;
      const facts = typeFacts(typeCode);
      return facts ? (visit, ctx) => check(visit, ctx, facts) : undefined;
    },
    checkNode(visit: NodeVisit, ctx) {
      if (visit.role !== 'element') return;
      const facts = typeFacts(visit.typeCode);
      if (facts) check(visit, ctx, facts);
    },
  };

  function check(visit: NodeVisit, ctx: CheckContext, facts: TypeFacts): void {
    const expected = facts.expected;
    const value = visit.value;
    if (value === undefined || value === null) return;
    if (typeof value === 'object') {
      ctx.report({ severity: 'error', code: 'structure', ruleId: 'json-primitive-expected', message: `The property '${visit.key}' must be a JSON ${expected} (type ${visit.typeCode}), not ${Array.isArray(value) ? 'an Array' : 'an Object'}` });
      return;
    }
    if (typeof value !== expected) {
      ctx.report({ severity: 'error', code: 'structure', ruleId: 'json-type', message: `Error parsing JSON: the primitive value must be a ${expected} (type ${visit.typeCode}), but found the ${typeof value} ${showValue(value)}` });
      return;
    }
    const text = String(value);
    if (typeof value === 'string') {
      if (value.length === 0) {
        invalid(ctx, 'string-empty', `@value cannot be empty: the ${visit.typeCode} '${visit.key}' is an empty string`);
        return;
      }
      if (value.length > MAX_STRING_LENGTH) {
        invalid(ctx, 'string-too-long', `The ${visit.typeCode} value is ${value.length} characters long, more than the ${MAX_STRING_LENGTH} allowed`);
        return;
      }
      const control = CONTROL_CHARACTER.exec(value);
      if (control) {
        const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
        invalid(ctx, 'string-control-character', `The ${visit.typeCode} value contains the control character U+${code} at position ${control.index + 1}: FHIR strings may not hold characters below U+0020 other than tab, LF and CR`);
      }
      if (facts.stringType && (isWhitespaceUnit(value.charCodeAt(0)) || isWhitespaceUnit(value.charCodeAt(value.length - 1)))) {
        ctx.report({ severity: 'warning', code: 'invalid', ruleId: 'string-whitespace', message: `The value '${showValue(value)}' should not start or finish with whitespace` });
      }
      if (visit.element.maxLength !== undefined && value.length > visit.element.maxLength) {
        invalid(ctx, 'string-max-length', `The value '${showValue(value)}' is ${value.length} characters long, more than the maximum of ${visit.element.maxLength}`);
      }
    }
    const { minValue, maxValue } = visit.element;
    if (minValue !== undefined && typeof minValue === typeof value && value < minValue) {
      invalid(ctx, 'value-below-minimum', `The value ${text} is less than the permitted minimum value ${minValue}`);
    }
    if (maxValue !== undefined && typeof maxValue === typeof value && value > maxValue) {
      invalid(ctx, 'value-above-maximum', `The value ${text} is greater than the permitted maximum value ${maxValue}`);
    }
    switch (visit.typeCode) {
      case 'integer':
      case 'positiveInt':
      case 'unsignedInt': {
        const n = value as number;
        const min = visit.typeCode === 'positiveInt' ? 1 : visit.typeCode === 'unsignedInt' ? 0 : INT32_MIN;
        if (!Number.isInteger(n)) invalid(ctx, 'primitive-format', `The value ${text} is not a valid ${visit.typeCode}: it is not a whole number`);
        else if (n < min || n > INT32_MAX) invalid(ctx, 'integer-range', `The value ${text} is outside the range of ${visit.typeCode} (${min} to ${INT32_MAX})`);
        return;
      }
      case 'decimal':
        if (!Number.isFinite(value as number)) invalid(ctx, 'primitive-format', `The value ${text} is not a valid decimal`);
        return;
      case 'boolean':
        return;
      case 'base64Binary':
        if (!isBase64(text)) invalid(ctx, 'primitive-format', `The value '${showValue(text)}' is not a valid base64Binary`);
        return;
      case 'xhtml': {
        if (!/^\s*<div[\s>]/.test(text)) invalid(ctx, 'xhtml-div', 'The narrative must be XHTML whose root element is a <div>');
        else if (!text.includes('xmlns="http://www.w3.org/1999/xhtml"')) invalid(ctx, 'xhtml-namespace', 'The narrative <div> must declare the XHTML namespace (xmlns="http://www.w3.org/1999/xhtml")');
        const entity = XHTML_ENTITY.exec(text.replace(XML_ENTITIES, ''));
        if (entity) invalid(ctx, 'xhtml-entity', `Invalid entity in the XHTML ('${entity[0]}'): only the XML entities and numeric character references are allowed`);
        for (const link of text.matchAll(XHTML_HREF)) {
          const href = link[2];
          const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(href)?.[1]?.toLowerCase();
          if (scheme && !LINK_SCHEMES.has(scheme)) invalid(ctx, 'xhtml-link-scheme', `Hyperlink scheme '${scheme}' in '${showValue(href)}' is not a valid hyperlinkable scheme`);
          else if (href.startsWith('#') && href.length > 1 && !fragmentResolves(href.slice(1), text, ctx)) {
            invalid(ctx, 'xhtml-link-unresolved', `Hyperlink '${showValue(href)}' does not resolve: no element in the narrative has that id or name, and no contained resource that id`);
          }
        }
        return;
      }
      case 'uri':
      case 'url':
      case 'canonical':
        if (text.startsWith('urn:uuid:') && !UUID_URN.test(text)) invalid(ctx, 'uuid-format', `UUIDs must be valid and lowercase (${showValue(text.slice(9))})`);
        else if (text.startsWith('urn:oid:') && !OID_URN.test(text)) invalid(ctx, 'oid-format', `OIDs must be valid (${showValue(text.slice(8))})`);
        break;
    }
    if (facts.regex === undefined) facts.regex = ctx.services.plans.typePlan(visit.typeCode)?.valueRegex ?? null;
    const regex = facts.regex;
    if (regex && !regex.test(text)) {
      invalid(ctx, 'primitive-format', `The value '${showValue(text)}' is not a valid ${visit.typeCode}`);
      return;
    }
    if (visit.typeCode === 'date' || visit.typeCode === 'dateTime' || visit.typeCode === 'instant') {
      if (!isRealDate(text)) invalid(ctx, 'primitive-format', `The value '${showValue(text)}' is not a valid ${visit.typeCode}: that day does not exist`);
      else if (visit.element.minValueDuration || visit.element.maxValueDuration) checkRelativeLimits(text, visit, ctx);
    }
  }

  /** minValueDuration / maxValueDuration: the value's start no earlier than now minus, no later than now plus, the duration. */
  function checkRelativeLimits(text: string, visit: NodeVisit, ctx: CheckContext): void {
    const at = startOf(text);
    if (at === undefined) return;
    const now = (ctx.services.now ?? (() => new Date()))().getTime();
    const { minValueDuration: min, maxValueDuration: max } = visit.element;
    if (max) {
      const limit = shifted(now, max, 1);
      if (at > limit) invalid(ctx, 'value-above-maximum', `The date/time value '${showValue(text)}' is not legal: maxValue is ${max.value} ${max.code} after now (${new Date(limit).toISOString()})`);
    }
    if (min) {
      const limit = shifted(now, min, -1);
      if (at < limit) invalid(ctx, 'value-below-minimum', `The date/time value '${showValue(text)}' is not legal: minValue is ${min.value} ${min.code} before now (${new Date(limit).toISOString()})`);
    }
  }
}
