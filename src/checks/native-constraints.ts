/**
 * Exact native equivalents of constraints that occur on (nearly) every node, so that
 * fhirpath.js is not run for them. Each function answers "does the constraint hold?" for
 * the node, exactly as its FHIRPath expression would.
 */
import { evaluatedExpression } from '../compile/published-corrections.js';
import type { NodeVisit, ResourceFrame } from './check.js';

/** Answers whether the constraint holds; `undefined` = not decidable natively, use FHIRPath. */
type NativeConstraint = (visit: NodeVisit, frame: ResourceFrame) => boolean | undefined;

function hasOtherThanId(value: object): boolean {
  for (const key in value) if (key !== 'id') return true;
  return false;
}

/** ele-1: `hasValue() or (children().count() > id.count())`. */
function ele1(visit: NodeVisit): boolean {
  const { value, companion } = visit;
  if (value !== null && typeof value === 'object') {
    if (Array.isArray(value)) return true;
    // An empty object is the structure check's; one holding only an id fails (no key array is made: this runs on every node).
    let empty = true;
    for (const key in value) {
      if (key !== 'id') return true;
      empty = false;
    }
    return empty;
  }
  if (value !== undefined) return true; // null without a companion is the structure check's
  return companion !== null && typeof companion === 'object' && hasOtherThanId(companion);
}

/** ext-1: `extension.exists() != value.exists()`. */
function ext1(visit: NodeVisit): boolean {
  const value = visit.value as Record<string, unknown> | null;
  if (!value || typeof value !== 'object') return true;
  const hasExtensions = Array.isArray(value.extension) && value.extension.length > 0;
  let hasValue = false;
  for (const key in value) {
    if (key.length > 5 && key.startsWith('value') && key.charCodeAt(5) >= 65 && key.charCodeAt(5) <= 90) hasValue = true;
  }
  return hasExtensions !== hasValue;
}

/** bdl-7: `(type = 'history') or entry.where(fullUrl.exists()).select(fullUrl&resource.meta.versionId).isDistinct()`. */
function bdl7(visit: NodeVisit): boolean {
  const bundle = visit.value as { type?: unknown; entry?: unknown } | null;
  if (!bundle || typeof bundle !== 'object' || bundle.type === 'history' || !Array.isArray(bundle.entry)) return true;
  const seen = new Set<string>();
  for (const entry of bundle.entry as Array<{ fullUrl?: unknown; resource?: { meta?: { versionId?: unknown } } } | null>) {
    if (!entry || typeof entry.fullUrl !== 'string') continue;
    const versionId = entry.resource?.meta?.versionId;
    const key = entry.fullUrl + (typeof versionId === 'string' ? versionId : '');
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return true;
}

function has(object: Record<string, unknown>, key: string): boolean {
  const value = object[key];
  return value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
}

/** `A.empty() or B.exists()` for two properties of an object node (cpt-2, qty-3, att-1). */
function emptyOrExists(a: string, b: string): NativeConstraint {
  const bCompanion = `_${b}`;
  return (visit) => {
    const value = visit.value as Record<string, unknown> | null;
    if (!value || typeof value !== 'object') return true;
    return !has(value, a) || has(value, b) || has(value, bCompanion);
  };
}

/** ref-1 as the Java validator evaluates it: `reference.exists() implies (reference = '#' or reference.startsWith('#').not() or reference.substring(1) in %rootResource.contained.id)`. */
function ref1(visit: NodeVisit, frame: ResourceFrame): boolean {
  const reference = (visit.value as { reference?: unknown } | null)?.reference;
  // '#' alone names the containing resource (ref-1 as the Java validator evaluates it, see published-corrections.ts).
  if (typeof reference !== 'string' || !reference.startsWith('#') || reference === '#') return true;
  const root = frame.container?.resource ?? frame.resource;
  const contained = root.contained;
  return Array.isArray(contained) && contained.some((r) => (r as { id?: unknown } | null)?.id === reference.slice(1));
}

/** per-1: `start.hasValue().not() or end.hasValue().not() or (start <= end)`; comparing needs FHIRPath date semantics. */
function per1(visit: NodeVisit): boolean | undefined {
  const value = visit.value as { start?: unknown; end?: unknown } | null;
  if (!value || typeof value !== 'object' || typeof value.start !== 'string' || typeof value.end !== 'string') return true;
  return undefined;
}

const NATIVE: Record<string, { expression: string; holds: NativeConstraint }> = {
  'ele-1': { expression: 'hasValue() or (children().count() > id.count())', holds: ele1 },
  'ext-1': { expression: 'extension.exists() != value.exists()', holds: ext1 },
  'cpt-2': { expression: 'value.empty() or system.exists()', holds: emptyOrExists('value', 'system') },
  'qty-3': { expression: 'code.empty() or system.exists()', holds: emptyOrExists('code', 'system') },
  'att-1': { expression: 'data.empty() or contentType.exists()', holds: emptyOrExists('data', 'contentType') },
  'ref-1': { expression: evaluatedExpression('ref-1', "reference.startsWith('#').not() or (reference.substring(1).trace('url') in %rootResource.contained.id.trace('ids'))"), holds: ref1 },
  'per-1': { expression: 'start.hasValue().not() or end.hasValue().not() or (start <= end)', holds: per1 },
  'dom-3': {
    expression: "contained.where((('#'+id in (%resource.descendants().reference | %resource.descendants().as(canonical) | %resource.descendants().as(uri) | %resource.descendants().as(url))) or descendants().where(reference = '#').exists() or descendants().where(as(canonical) = '#').exists() or descendants().where(as(canonical) = '#').exists()).not()).trace('unmatched', id).empty()",
    holds: dom3,
  },
  'txt-1': { expression: 'htmlChecks()', holds: txt1 },
  'txt-2': { expression: 'htmlChecks()', holds: txt2 },
  'bdl-1': { expression: "total.empty() or (type = 'searchset') or (type = 'history')", holds: bdl1 },
  'bdl-2': { expression: "entry.search.empty() or (type = 'searchset')", holds: bdl2 },
  'bdl-3': {
    expression: "entry.all(request.exists() = (%resource.type = 'batch' or %resource.type = 'transaction' or %resource.type = 'history'))",
    holds: entriesAll('request', ['batch', 'transaction', 'history']),
  },
  'bdl-4': {
    expression: "entry.all(response.exists() = (%resource.type = 'batch-response' or %resource.type = 'transaction-response' or %resource.type = 'history'))",
    holds: entriesAll('response', ['batch-response', 'transaction-response', 'history']),
  },
  'bdl-11': { expression: "type = 'document' implies entry.first().resource.is(Composition)", holds: firstEntryIs('document', 'Composition') },
  'bdl-12': { expression: "type = 'message' implies entry.first().resource.is(MessageHeader)", holds: firstEntryIs('message', 'MessageHeader') },
  'bdl-8': { expression: "fullUrl.exists() implies fullUrl.contains('/_history/').not()", holds: bdl8 },
  'bdl-7': { expression: "(type = 'history') or entry.where(fullUrl.exists()).select(fullUrl&resource.meta.versionId).isDistinct()", holds: bdl7 },
};

interface BundleJson {
  type?: unknown;
  total?: unknown;
  entry?: Array<{ resource?: { resourceType?: unknown }; request?: unknown; response?: unknown; search?: unknown } | null>;
}

function bundleOf(visit: NodeVisit): BundleJson | undefined {
  return objectOf(visit) as BundleJson | undefined;
}

/** bdl-1: `total.empty() or (type = 'searchset') or (type = 'history')`. */
function bdl1(visit: NodeVisit): boolean {
  const b = bundleOf(visit);
  return !b || b.total === undefined || b.type === 'searchset' || b.type === 'history';
}

/** bdl-2: `entry.search.empty() or (type = 'searchset')`. */
function bdl2(visit: NodeVisit): boolean {
  const b = bundleOf(visit);
  if (!b || !Array.isArray(b.entry) || !b.entry.some((e) => e && e.search !== undefined)) return true;
  return b.type === 'searchset';
}

/**
 * bdl-3/bdl-4: `entry.all(request.exists() = (%resource.type = ... ))`. With no type the
 * comparison is empty, which all() does not count as true.
 */
function entriesAll(property: 'request' | 'response', types: string[]): NativeConstraint {
  return (visit) => {
    const b = bundleOf(visit);
    if (!b || !Array.isArray(b.entry) || b.entry.length === 0) return true;
    if (typeof b.type !== 'string') return false;
    const wanted = types.includes(b.type);
    return b.entry.every((e) => (e !== null && typeof e === 'object' && e[property] !== undefined) === wanted);
  };
}

/** bdl-11/bdl-12: `type = 'T' implies entry.first().resource.is(R)` (an empty side behaves as FHIRPath's three-valued logic). */
function firstEntryIs(bundleType: string, resourceType: string): NativeConstraint {
  return (visit) => {
    const b = bundleOf(visit);
    if (!b) return true;
    if (typeof b.type === 'string' && b.type !== bundleType) return true;
    const first = Array.isArray(b.entry) ? b.entry[0] : undefined;
    const resource = first && typeof first === 'object' ? first.resource : undefined;
    return resource !== undefined && resource !== null && resource.resourceType === resourceType;
  };
}

/** bdl-8: `fullUrl.exists() implies fullUrl.contains('/_history/').not()`. */
function bdl8(visit: NodeVisit): boolean {
  const fullUrl = (visit.value as { fullUrl?: unknown } | null)?.fullUrl;
  return typeof fullUrl !== 'string' || !fullUrl.includes('/_history/');
}

const FORBIDDEN_XHTML_ELEMENT = /<\s*(script|object|applet|embed|form|input|button|iframe|frame|frameset|base|link|meta|style|head|body|html)\b/i;
const EVENT_ATTRIBUTE = /<[^>]*\s on[a-z]+\s*=/i;
const SCRIPT_URL = /(href|src)\s*=\s*["']\s*javascript:/i;

/** txt-1 (`htmlChecks()`): only basic formatting — no active content, forms, frames or event handlers. */
function txt1(visit: NodeVisit): boolean {
  const div = visit.value;
  if (typeof div !== 'string') return true;
  return !FORBIDDEN_XHTML_ELEMENT.test(div) && !EVENT_ATTRIBUTE.test(div.replace(/\s+/g, '  ')) && !SCRIPT_URL.test(div);
}

/** txt-2 (`htmlChecks()`): some non-whitespace content (text, or an image). */
function txt2(visit: NodeVisit): boolean {
  const div = visit.value;
  if (typeof div !== 'string') return true;
  if (/<img\b/i.test(div)) return true;
  return /\S/.test(div.replace(/<[^>]*>/g, '').replace(/&nbsp;|&#160;|&#xa0;/gi, ''));
}

/** Whether a JSON value holds `target` as a string (reference, canonical, uri) or as a link in a narrative. */
function mentions(value: unknown, target: string, skip: unknown): boolean {
  if (value === skip) return false;
  if (typeof value === 'string') return value === target || (value.startsWith('<div') && (value.includes(`"${target}"`) || value.includes(`'${target}'`)));
  if (Array.isArray(value)) return value.some((v) => mentions(v, target, skip));
  if (value && typeof value === 'object') {
    for (const key in value) if (mentions((value as Record<string, unknown>)[key], target, skip)) return true;
  }
  return false;
}

/**
 * dom-3: each contained resource is referred to from elsewhere in the resource (a reference,
 * canonical or uri `#id`, or — as the Java validator also counts — a link in the narrative),
 * or refers to its container (`#`).
 */
function dom3(visit: NodeVisit): boolean {
  const resource = visit.value as { contained?: unknown; text?: { div?: unknown } } | null;
  if (!resource || typeof resource !== 'object' || !Array.isArray(resource.contained)) return true;
  for (const contained of resource.contained) {
    const id = (contained as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') continue;
    if (mentions(resource, `#${id}`, undefined)) continue;
    if (mentions(contained, '#', undefined)) continue;
    return false;
  }
  return true;
}

const NAME = '[A-Za-z][A-Za-z0-9]*';
const EMPTY_OR_EXISTS = new RegExp(`^(${NAME})\\.empty\\(\\) or (${NAME})\\.exists\\(\\)$`);
const EXISTS_ANY = new RegExp(`^${NAME}\\.exists\\(\\)( or ${NAME}\\.exists\\(\\))+$`);

/** `name.exists()` on a JSON object: the property, its `_name` companion, or a choice form `nameType`. */
function present(object: Record<string, unknown>, name: string): boolean {
  if (has(object, name) || has(object, `_${name}`)) return true;
  for (const key in object) {
    if (key.length > name.length && key.startsWith(name)) {
      const c = key.charCodeAt(name.length);
      if (c >= 65 && c <= 90 && has(object, key)) return true;
    }
  }
  return false;
}

/**
 * Constraints written only as `a.empty() or b.exists()` or `a.exists() or b.exists() or ...`
 * over direct properties (many in R4 core, e.g. bdl-5, tim-*), answered from the JSON.
 */
function simpleForm(expression: string): NativeConstraint | undefined {
  const emptyOrExists = EMPTY_OR_EXISTS.exec(expression);
  if (emptyOrExists) {
    const [, a, b] = emptyOrExists;
    return (visit) => {
      const value = visit.value as Record<string, unknown> | null;
      return !value || typeof value !== 'object' || !present(value, a) || present(value, b);
    };
  }
  if (EXISTS_ANY.test(expression)) {
    const names = expression.split(' or ').map((part) => part.slice(0, part.indexOf('.')));
    return (visit) => {
      const value = visit.value as Record<string, unknown> | null;
      return !value || typeof value !== 'object' || names.some((name) => present(value, name));
    };
  }
  return undefined;
}

const EMPTY_ONLY = new RegExp(`^(${NAME})\\.empty\\(\\)$`);
const BOTH_EMPTY = new RegExp(`^(${NAME})\\.empty\\(\\) or (${NAME})\\.empty\\(\\)$`);
const COUNT_SUM = new RegExp(`^\\((${NAME})\\.count\\(\\) \\+ (${NAME})\\.count\\(\\)\\) > 0$`);

function objectOf(visit: NodeVisit): Record<string, unknown> | undefined {
  const value = visit.value;
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** More exact forms: `a.empty()`, `a.empty() or b.empty()`, `(a.count() + b.count()) > 0`. */
function moreForms(expression: string): NativeConstraint | undefined {
  let m = EMPTY_ONLY.exec(expression);
  if (m) {
    const [, a] = m;
    return (visit) => { const o = objectOf(visit); return !o || !present(o, a); };
  }
  m = BOTH_EMPTY.exec(expression);
  if (m) {
    const [, a, b] = m;
    return (visit) => { const o = objectOf(visit); return !o || !present(o, a) || !present(o, b); };
  }
  m = COUNT_SUM.exec(expression);
  if (m) {
    const [, a, b] = m;
    return (visit) => { const o = objectOf(visit); return !o || present(o, a) || present(o, b); };
  }
  return undefined;
}

const EMPTY_OR_PREFIX = new RegExp(`^(${NAME})\\.empty\\(\\) or `);
const EXISTS_OR_PREFIX = new RegExp(`^(${NAME})\\.exists\\(\\) or `);
const EQUALS_IMPLIES_PREFIX = new RegExp(`^(${NAME}) = '([^']*)' implies `);
const EXISTS_IMPLIES_PREFIX = new RegExp(`^(${NAME})\\.exists\\(\\) implies `);

/**
 * A cheap sufficient condition for a constraint to hold, read from the start of its
 * expression (`a.empty() or ...`, `a.exists() or ...`, `a = 'x' implies ...`, `a.exists() implies ...`):
 * true means the constraint holds; undefined means FHIRPath must decide.
 */
function shortcut(expression: string): NativeConstraint | undefined {
  // `implies` and `xor` bind looser than (or as loose as) `or`: with either later on, a true prefix decides nothing.
  const implies = expression.split(' implies ').length - 1;
  if (expression.includes(' xor ') || implies > 1) return undefined;
  let m = implies === 0 ? EMPTY_OR_PREFIX.exec(expression) : null;
  if (m) {
    const [, a] = m;
    return (visit) => { const o = objectOf(visit); return !o || !present(o, a) ? true : undefined; };
  }
  m = implies === 0 ? EXISTS_OR_PREFIX.exec(expression) : null;
  if (m) {
    const [, a] = m;
    return (visit) => { const o = objectOf(visit); return o && present(o, a) ? true : undefined; };
  }
  m = EQUALS_IMPLIES_PREFIX.exec(expression);
  if (m) {
    const [, a, literal] = m;
    // Only a present value that differs makes the left side false (an absent one makes it empty).
    return (visit) => { const v = objectOf(visit)?.[a]; return typeof v === 'string' && v !== literal ? true : undefined; };
  }
  m = EXISTS_IMPLIES_PREFIX.exec(expression);
  if (m) {
    const [, a] = m;
    return (visit) => { const o = objectOf(visit); return !o || !present(o, a) ? true : undefined; };
  }
  return undefined;
}

/**
 * The native implementation of a constraint: exact for known keys and simple forms, or a
 * shortcut that answers true when it can and leaves the rest to FHIRPath (undefined).
 */
export function nativeConstraint(key: string, expression: string): NativeConstraint | undefined {
  const native = NATIVE[key];
  if (native && native.expression === expression) return native.holds;
  return simpleForm(expression) ?? moreForms(expression) ?? shortcut(expression);
}

/**
 * Constraints on a resource's `contained` (dom-2..dom-5) hold trivially when there is none;
 * this saves four FHIRPath evaluations per resource.
 */
export function triviallyHolds(expression: string, value: unknown): boolean {
  return isAboutContained(expression) && holdsWithoutContained(value);
}

/** The constraint is about the node's `contained` resources only (decided once per constraint). */
export function isAboutContained(expression: string): boolean {
  return expression.startsWith('contained.');
}

/** The node has no `contained`, so a constraint about them holds. */
export function holdsWithoutContained(value: unknown): boolean {
  return value === null || typeof value !== 'object' || !('contained' in value);
}
