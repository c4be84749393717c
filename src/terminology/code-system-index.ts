/**
 * An index over one CodeSystem resource: concepts by code (nested concepts flattened),
 * the is-a hierarchy (from nesting and from parent/child/subsumedBy properties),
 * property values, and the filters a ValueSet compose may apply to the system.
 */
import { regexComplexityProblem } from '../fhirpath/regex-guard.js';

export interface IndexedConcept {
  code: string;
  display?: string;
  /** The display and every designation value: any of them is an acceptable display. */
  displays: string[];
  /** Property code → values rendered as strings (codes, strings, booleans, numbers, Coding.code). */
  properties: Map<string, string[]>;
  parents: Set<string>;
  children: Set<string>;
  inactive: boolean;
  deprecated: boolean;
}

export type FilterResult = { codes: Set<string> } | { unsupported: string };

interface RawConcept {
  code?: string;
  display?: string;
  designation?: Array<{ value?: string }>;
  property?: Array<Record<string, unknown> & { code?: string }>;
  concept?: RawConcept[];
}

export interface RawCodeSystem {
  resourceType: string;
  url?: string;
  version?: string;
  content?: string;
  caseSensitive?: boolean;
  hierarchyMeaning?: string;
  concept?: RawConcept[];
}

const PARENT_PROPERTIES = new Set(['parent', 'subsumedBy']);
const INACTIVE_STATUSES = new Set(['retired', 'inactive']);

/** Collapses whitespace and case so "Male " and "male" compare equal. */
export function normaliseDisplay(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

function propertyValueAsString(property: Record<string, unknown>): string | undefined {
  for (const [key, value] of Object.entries(property)) {
    if (!key.startsWith('value')) continue;
    if (key === 'valueCoding') return (value as { code?: string } | undefined)?.code;
    if (value === null || typeof value === 'object') return undefined;
    return String(value);
  }
  return undefined;
}

/** A whole-string regex per the ValueSet `regex` filter; undefined when the pattern is not valid JS or could backtrack exponentially. */
function wholeStringRegex(pattern: string): RegExp | undefined {
  if (regexComplexityProblem(pattern)) return undefined;
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    try {
      return new RegExp(`^(?:${pattern})$`);
    } catch {
      return undefined;
    }
  }
}

export class CodeSystemIndex {
  readonly url: string;
  readonly version?: string;
  /** complete | fragment | example | not-present | supplement (R4 CodeSystem.content). */
  readonly content: string;
  /** FHIR leaves absence undefined; treated as case-sensitive so that a wrong case is never silently accepted. */
  readonly caseSensitive: boolean;
  readonly concepts = new Map<string, IndexedConcept>();
  private foldedCodes?: Map<string, IndexedConcept>;

  constructor(resource: RawCodeSystem) {
    this.url = resource.url ?? '';
    this.version = resource.version;
    this.content = resource.content ?? 'complete';
    this.caseSensitive = resource.caseSensitive !== false;
    this.addConcepts(resource.concept ?? [], undefined);
    this.linkPropertyHierarchy();
  }

  /** Only a complete code system can say that a code does not exist. */
  get isComplete(): boolean {
    return this.content === 'complete';
  }

  /** Exact lookup, or case-insensitive lookup when the system is not case-sensitive. */
  lookup(code: string): IndexedConcept | undefined {
    const exact = this.concepts.get(code);
    if (exact || this.caseSensitive) return exact;
    return this.folded().get(code.toLowerCase());
  }

  /** A concept whose code differs from `code` only in case (to explain a case-sensitive miss). */
  lookupIgnoringCase(code: string): IndexedConcept | undefined {
    return this.folded().get(code.toLowerCase());
  }

  /** `code` and every concept below it. */
  descendantsAndSelf(code: string): Set<string> {
    const out = new Set<string>();
    const stack = [code];
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (out.has(current)) continue;
      out.add(current);
      for (const child of this.concepts.get(current)?.children ?? []) stack.push(child);
    }
    return out;
  }

  /** `code` and every concept above it. */
  ancestorsAndSelf(code: string): Set<string> {
    const out = new Set<string>();
    const stack = [code];
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (out.has(current)) continue;
      out.add(current);
      for (const parent of this.concepts.get(current)?.parents ?? []) stack.push(parent);
    }
    return out;
  }

  /** Applies one ValueSet.compose.include.filter to this system. */
  filter(property: string, op: string, value: string): FilterResult {
    const all = [...this.concepts.keys()];
    const resolve = (code: string): string => this.lookup(code)?.code ?? code;
    const isConcept = property === 'concept' || property === 'code';
    if (isConcept) {
      switch (op) {
        case 'is-a':
          return { codes: this.lookup(value) ? this.descendantsAndSelf(resolve(value)) : new Set() };
        case 'descendent-of': {
          const codes = this.lookup(value) ? this.descendantsAndSelf(resolve(value)) : new Set<string>();
          codes.delete(resolve(value));
          return { codes };
        }
        case 'is-not-a': {
          const excluded = this.lookup(value) ? this.descendantsAndSelf(resolve(value)) : new Set<string>();
          return { codes: new Set(all.filter((c) => !excluded.has(c))) };
        }
        case 'generalizes':
          return { codes: this.lookup(value) ? this.ancestorsAndSelf(resolve(value)) : new Set() };
        case '=':
          return { codes: new Set(this.lookup(value) ? [resolve(value)] : []) };
        case 'in':
        case 'not-in': {
          const listed = new Set(value.split(',').map((v) => v.trim()).filter((v) => this.lookup(v)).map(resolve));
          return { codes: op === 'in' ? listed : new Set(all.filter((c) => !listed.has(c))) };
        }
        case 'regex': {
          const regex = wholeStringRegex(value);
          if (!regex) return { unsupported: `regex filter '${value}' is not a valid or safe regular expression here` };
          return { codes: new Set(all.filter((c) => regex.test(c))) };
        }
        default:
          return { unsupported: `filter op '${op}' on '${property}' is not supported locally` };
      }
    }
    const valuesOf = (concept: IndexedConcept): string[] =>
      property === 'display' ? (concept.display === undefined ? [] : [concept.display]) : concept.properties.get(property) ?? [];
    if (property === 'parent' && op === '=') {
      return { codes: new Set(this.lookup(value)?.children ?? []) };
    }
    if (property === 'child' && op === '=') {
      return { codes: new Set(this.lookup(value)?.parents ?? []) };
    }
    const select = (test: (values: string[]) => boolean): FilterResult => ({
      codes: new Set([...this.concepts.values()].filter((c) => test(valuesOf(c))).map((c) => c.code)),
    });
    switch (op) {
      case '=':
        return select((values) => values.includes(value));
      case 'in': {
        const wanted = new Set(value.split(',').map((v) => v.trim()));
        return select((values) => values.some((v) => wanted.has(v)));
      }
      case 'not-in': {
        const unwanted = new Set(value.split(',').map((v) => v.trim()));
        return select((values) => !values.some((v) => unwanted.has(v)));
      }
      case 'regex': {
        const regex = wholeStringRegex(value);
        if (!regex) return { unsupported: `regex filter '${value}' is not a valid or safe regular expression here` };
        return select((values) => values.some((v) => regex.test(v)));
      }
      case 'exists': {
        const wanted = value === 'true';
        return select((values) => values.length > 0 === wanted);
      }
      default:
        return { unsupported: `filter op '${op}' on property '${property}' is not supported locally` };
    }
  }

  private folded(): Map<string, IndexedConcept> {
    if (!this.foldedCodes) {
      this.foldedCodes = new Map();
      for (const concept of this.concepts.values()) {
        const key = concept.code.toLowerCase();
        if (!this.foldedCodes.has(key)) this.foldedCodes.set(key, concept);
      }
    }
    return this.foldedCodes;
  }

  private addConcepts(raw: RawConcept[], parent: string | undefined): void {
    for (const item of raw) {
      if (typeof item.code !== 'string') continue;
      const properties = new Map<string, string[]>();
      for (const property of item.property ?? []) {
        if (typeof property.code !== 'string') continue;
        const value = propertyValueAsString(property);
        if (value === undefined) continue;
        properties.set(property.code, [...(properties.get(property.code) ?? []), value]);
      }
      const status = properties.get('status') ?? [];
      const concept: IndexedConcept = {
        code: item.code,
        display: item.display,
        displays: [item.display, ...(item.designation ?? []).map((d) => d.value)].filter(
          (d): d is string => typeof d === 'string',
        ),
        properties,
        parents: new Set(parent === undefined ? [] : [parent]),
        children: new Set(),
        inactive: (properties.get('inactive') ?? []).includes('true') || status.some((s) => INACTIVE_STATUSES.has(s)),
        deprecated: status.includes('deprecated') || properties.has('deprecationDate') || properties.has('deprecated'),
      };
      const existing = this.concepts.get(item.code);
      if (existing) {
        // The same code listed under two parents (polyhierarchy by repetition): merge the links.
        if (parent !== undefined) existing.parents.add(parent);
      } else {
        this.concepts.set(item.code, concept);
      }
      if (parent !== undefined) this.concepts.get(parent)?.children.add(item.code);
      this.addConcepts(item.concept ?? [], item.code);
    }
  }

  private linkPropertyHierarchy(): void {
    for (const concept of this.concepts.values()) {
      for (const [property, values] of concept.properties) {
        for (const other of values) {
          const target = this.concepts.get(other);
          if (!target) continue;
          if (PARENT_PROPERTIES.has(property)) {
            concept.parents.add(other);
            target.children.add(concept.code);
          } else if (property === 'child') {
            concept.children.add(other);
            target.parents.add(concept.code);
          }
        }
      }
    }
  }
}
