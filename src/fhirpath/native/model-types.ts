/**
 * What the native evaluator needs from fhirpath.js's R4 model, asked once per (type, name)
 * and kept by the evaluator that owns this table: where a member's values sit in the JSON
 * (one key, or one key per type of a choice) and which FHIR type each value has; the parent
 * of a type, for ofType()/is(); which types are primitives and how their values compare.
 */
import { model } from '../typing.js';

export interface MemberKey {
  /** The JSON key: `subject`, or for a choice `occurrencePeriod`. */
  key: string;
  /** Type name (`Reference`, `dateTime`), or the model path of a backbone element (`Bundle.entry`). */
  type: string;
  /** The value is a primitive (FHIR or System type). */
  primitive: boolean;
  /** The value may have a `_key` sibling (FHIR primitives, not System types). */
  companion: boolean;
  /** That sibling's JSON key (`_status`), spelled once. */
  companionKey: string;
}

export type ValueKind = 'string' | 'number' | 'boolean' | 'date' | 'time' | 'other';

const NUMERIC = new Set(['decimal', 'integer', 'positiveInt', 'unsignedInt', 'System.Decimal', 'System.Integer']);
const DATES = new Set(['date', 'dateTime', 'instant']);
const ABSTRACT_ELEMENTS = new Set(['BackboneElement', 'Element']);

const parents = model.type2Parent as Record<string, string | undefined>;
const path2Type = model.path2Type as Record<string, string | undefined>;
const choices = model.choiceTypePaths as Record<string, string[] | undefined>;
const elsewhere = model.pathsDefinedElsewhere as Record<string, string | undefined>;

function isFhirPrimitiveName(type: string): boolean {
  const first = type.charCodeAt(0);
  return first >= 97 && first <= 122 && !type.includes('.') && parents[type] !== undefined;
}

/** The model's FHIR primitive type names (lower-case first letter), computed once from it (it never changes). */
const FHIR_PRIMITIVES: ReadonlySet<string> = new Set(Object.keys(parents).filter(isFhirPrimitiveName));

/** A FHIR primitive type name (lower-case first letter, in the model), or a System type. */
export function isPrimitiveType(type: string): boolean {
  return FHIR_PRIMITIVES.has(type) || type.startsWith('System.');
}

function kindOf(type: string): ValueKind {
  if (type === 'boolean' || type === 'System.Boolean') return 'boolean';
  if (NUMERIC.has(type)) return 'number';
  if (DATES.has(type)) return 'date';
  if (type === 'time') return 'time';
  if (type === 'xhtml') return 'other';
  return isPrimitiveType(type) ? 'string' : 'other';
}

/** Each primitive type's kind, decided once (the comparisons ask for every item they compare). */
const KINDS: ReadonlyMap<string, ValueKind> = new Map(
  [...FHIR_PRIMITIVES, 'System.Boolean', 'System.String', 'System.Integer', 'System.Decimal', 'System.Date', 'System.DateTime', 'System.Time', 'System.Quantity'].map((type) => [type, kindOf(type)]),
);

/** How values of a primitive type compare: strings, numbers, booleans, dates, times. */
export function valueKind(type: string): ValueKind {
  return KINDS.get(type) ?? kindOf(type);
}

/** Is `name` a FHIR type the model knows (for ofType/is/as)? */
export function isKnownType(name: string): boolean {
  return parents[name] !== undefined || name === 'Resource' || name === 'Element';
}

function descendsFromResource(name: string): boolean {
  for (let type: string | undefined = name; type; type = parents[type]) if (type === 'Resource') return true;
  return false;
}

/** Every resource type of the model, computed once from it (it never changes). */
const RESOURCE_TYPES: ReadonlySet<string> = new Set(['Resource', ...Object.keys(parents).filter(descendsFromResource)]);

/** Is `name` a resource type (Patient, Bundle, DomainResource, Resource)? */
export function isResourceType(name: string): boolean {
  return RESOURCE_TYPES.has(name);
}

function choiceTypeName(suffix: string): string {
  const lowered = suffix.charAt(0).toLowerCase() + suffix.slice(1);
  return parents[lowered] !== undefined && isPrimitiveType(lowered) ? lowered : suffix;
}

export interface ModelTypes {
  /** The JSON keys and types of `name` on a value of `type`; undefined when the model has no such member. */
  member(type: string, name: string): readonly MemberKey[] | undefined;
  /** The parent type (`code` → `string`, `Bundle.entry` → `BackboneElement`). */
  parent(type: string): string | undefined;
  /** Does a value of `type` satisfy the type specifier `wanted`? */
  conforms(type: string, wanted: string): boolean;
}

export function createModelTypes(): ModelTypes {
  const members = new Map<string, readonly MemberKey[] | null>();
  // Backbone elements are typed by their model path; what kind of element each path is.
  const pathParents = new Map<string, string>();
  const conformance = new Map<string, Map<string, boolean>>();

  function parent(type: string): string | undefined {
    const known = parents[type] ?? pathParents.get(type);
    if (known !== undefined || !type.includes('.')) return known;
    const declared = path2Type[type];
    return declared !== undefined && ABSTRACT_ELEMENTS.has(declared) ? declared : undefined;
  }

  function find(type: string, name: string): readonly MemberKey[] | null {
    for (let owner: string | undefined = type; owner; owner = parent(owner)) {
      const path = elsewhere[`${owner}.${name}`] ?? `${owner}.${name}`;
      const declared = path2Type[path];
      if (declared) {
        if (ABSTRACT_ELEMENTS.has(declared)) {
          pathParents.set(path, declared);
          return [{ key: name, type: path, primitive: false, companion: false, companionKey: `_${name}` }];
        }
        const primitive = isPrimitiveType(declared);
        return [{ key: name, type: declared, primitive, companion: primitive && !declared.startsWith('System.'), companionKey: `_${name}` }];
      }
      const options = choices[path];
      if (options) {
        return options.map((suffix) => {
          const member = choiceTypeName(suffix);
          const primitive = isPrimitiveType(member);
          return { key: name + suffix, type: member, primitive, companion: primitive, companionKey: `_${name}${suffix}` };
        });
      }
    }
    return null;
  }

  return {
    member(type, name) {
      const key = `${type}|${name}`;
      let found = members.get(key);
      if (found === undefined) {
        found = find(type, name);
        members.set(key, found);
      }
      return found ?? undefined;
    },
    parent,
    conforms(type, wanted) {
      let byWanted = conformance.get(type);
      if (!byWanted) {
        byWanted = new Map();
        conformance.set(type, byWanted);
      }
      let answer = byWanted.get(wanted);
      if (answer === undefined) {
        answer = false;
        for (let t: string | undefined = type; t; t = parent(t)) if (t === wanted) answer = true;
        byWanted.set(wanted, answer);
      }
      return answer;
    },
  };
}
