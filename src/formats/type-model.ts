/**
 * What the FHIR formats need to know about types: for an element, its name, its type
 * codes, whether it repeats, whether it is a choice, and how XML represents it. Built only
 * from the core (base) StructureDefinitions of a DefinitionSet: array-ness and types come
 * from the base spec (JSON and XML shapes never depend on profiles).
 */
import type { ConformanceResource, DefinitionSet } from '../defs/types.js';

/** How XML carries an element when it is not an ordinary child element. */
export type XmlRepresentation = 'xmlAttr' | 'xhtml';

export interface ElementInfo {
  /** The element's name as it appears in JSON/XML (`valueQuantity` when a choice was resolved by name; `value[x]` when asked for the choice itself). */
  name: string;
  /** Type codes (FHIR type names: `string`, `HumanName`, `Resource`, `BackboneElement`, ...). */
  types: string[];
  /** Repeats (base max cardinality above 1): an array in JSON. */
  isArray: boolean;
  /** A choice element (`value[x]`), or one type of it when resolved by name (`valueQuantity`). */
  isChoice: boolean;
  /** For a choice, the element's name in the definitions (`value[x]`). */
  choiceName?: string;
  /** `xmlAttr` (Element.id, Extension.url, primitive value) or `xhtml` (Narrative.div). */
  representation?: XmlRepresentation;
  /** The element's path inside the type that defines it, without the type name (`contact.name`). */
  path: string;
  /** The type (or resource) whose definition holds this element. */
  definedIn: string;
  /** For an element defined by reference to another (Questionnaire.item.item), that element's path in `definedIn`. */
  contentReference?: string;
  /** Cardinality from the base definition. */
  min: number;
  max: string;
}

/** Where the children of an element are defined: a type and a path inside it (`''` = the type's own children). */
export interface ElementScope {
  typeName: string;
  path: string;
}

export interface FhirTypeModel {
  /**
   * Element info of `typeName` at `path` relative to the type, e.g. ('Patient','name.given'),
   * ('HumanName','given'), ('Observation','valueQuantity'); resolves BackboneElement children,
   * contentReference and complex types along the way; undefined when unknown.
   */
  element(typeName: string, path: string): ElementInfo | undefined;
  /** The child elements of `path` in `typeName`, in definition order (`''` = the type's own). */
  children(typeName: string, path: string): ElementInfo[];
  /**
   * Where the children of the element at `path` in `typeName` are defined: the same type for
   * a backbone element, the referenced element for a contentReference, else the element's
   * (single) type. Undefined for unknown elements, primitives' values and unresolved choices.
   */
  childScope(typeName: string, path: string): ElementScope | undefined;
  isPrimitive(typeName: string): boolean;
  isResource(typeName: string): boolean;
  /** A type or resource defined in the core definitions. */
  isKnownType(typeName: string): boolean;
}

interface StructureDefinitionLike extends ConformanceResource {
  kind?: string;
  type?: string;
  snapshot?: { element?: ElementDefinitionLike[] };
}

interface ElementDefinitionLike {
  path: string;
  min?: number;
  max?: string;
  base?: { max?: string; min?: number };
  type?: Array<{ code?: string; extension?: Array<{ url?: string; valueUrl?: string; valueUri?: string }> }>;
  representation?: string[];
  contentReference?: string;
}

interface TypeIndex {
  kind: string;
  /** Relative path (no type name) → element. */
  elements: Map<string, ElementInfo>;
  /** Relative parent path → children in definition order. */
  children: Map<string, ElementInfo[]>;
}

const FHIR_TYPE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type';
const FHIRPATH_SYSTEM_PREFIX = 'http://hl7.org/fhirpath/System.';

/** System.* type codes (used for ids, urls and primitive values) name their FHIR type in an extension. */
function typeCode(type: NonNullable<ElementDefinitionLike['type']>[number]): string | undefined {
  const code = type.code;
  if (code && !code.startsWith(FHIRPATH_SYSTEM_PREFIX)) return code;
  const fhirType = type.extension?.find((e) => e.url === FHIR_TYPE_EXTENSION);
  return fhirType?.valueUrl ?? fhirType?.valueUri ?? code;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function isRepeating(max: string | undefined): boolean {
  return max !== undefined && max !== '0' && max !== '1';
}

function indexType(sd: StructureDefinitionLike): TypeIndex | undefined {
  const typeName = sd.type;
  const snapshot = sd.snapshot?.element;
  if (!typeName || !snapshot) return undefined;
  const elements = new Map<string, ElementInfo>();
  const children = new Map<string, ElementInfo[]>();
  for (const ed of snapshot) {
    const dot = ed.path.indexOf('.');
    if (dot < 0) continue; // the type's own root element
    const path = ed.path.slice(dot + 1);
    const lastDot = path.lastIndexOf('.');
    const parent = lastDot < 0 ? '' : path.slice(0, lastDot);
    const name = lastDot < 0 ? path : path.slice(lastDot + 1);
    const max = ed.base?.max ?? ed.max ?? '1';
    const info: ElementInfo = {
      name,
      types: (ed.type ?? []).map(typeCode).filter((c): c is string => c !== undefined),
      isArray: isRepeating(max),
      isChoice: name.endsWith('[x]'),
      path,
      definedIn: typeName,
      min: ed.base?.min ?? ed.min ?? 0,
      max,
    };
    if (info.isChoice) info.choiceName = name;
    const representation = ed.representation?.find((r) => r === 'xmlAttr');
    if (representation) info.representation = 'xmlAttr';
    else if (info.types.length === 1 && info.types[0] === 'xhtml') info.representation = 'xhtml';
    if (ed.contentReference) {
      // '#Questionnaire.item' → 'item' (R4 core only refers within the same type).
      const ref = ed.contentReference.replace(/^#/, '');
      const refDot = ref.indexOf('.');
      info.contentReference = refDot < 0 ? '' : ref.slice(refDot + 1);
    }
    elements.set(path, info);
    const siblings = children.get(parent) ?? [];
    siblings.push(info);
    children.set(parent, siblings);
  }
  return { kind: sd.kind ?? '', elements, children };
}

export function createTypeModel(defs: DefinitionSet): FhirTypeModel {
  // Indexed lazily per type: most messages touch a few dozen of the ~200 core types.
  const indexes = new Map<string, TypeIndex | null>();
  const elementCache = new Map<string, ElementInfo | null>();

  function typeIndex(typeName: string): TypeIndex | undefined {
    let index = indexes.get(typeName);
    if (index === undefined) {
      const sd = defs.typeDefinition<StructureDefinitionLike>(typeName);
      index = (sd && sd.resourceType === 'StructureDefinition' ? indexType(sd) : undefined) ?? null;
      indexes.set(typeName, index);
    }
    return index ?? undefined;
  }

  /** A direct child of `parent` in one type's index, resolving `valueQuantity` against `value[x]`. */
  function directChild(index: TypeIndex, parent: string, name: string): ElementInfo | undefined {
    const exact = index.elements.get(parent ? `${parent}.${name}` : name);
    if (exact) return exact;
    for (const candidate of index.children.get(parent) ?? []) {
      if (!candidate.isChoice) continue;
      const stem = candidate.name.slice(0, -3);
      if (name === stem) return candidate;
      if (!name.startsWith(stem) || name.length === stem.length) continue;
      const suffix = name.slice(stem.length);
      const type = candidate.types.find((t) => capitalise(t) === suffix);
      if (type) return { ...candidate, name, types: [type], choiceName: candidate.name };
    }
    return undefined;
  }

  function scopeOf(index: TypeIndex, typeName: string, info: ElementInfo): ElementScope | undefined {
    if (info.contentReference !== undefined) return { typeName, path: info.contentReference };
    // Backbone elements (and Element-typed groups such as Timing.repeat) have their children inline.
    if (index.children.has(info.path)) return { typeName, path: info.path };
    if (info.types.length === 1) return { typeName: info.types[0], path: '' };
    return undefined;
  }

  function resolve(typeName: string, path: string): { info: ElementInfo; index: TypeIndex; typeName: string } | undefined {
    const segments = path.split('.');
    let scope: ElementScope = { typeName, path: '' };
    for (let i = 0; i < segments.length; i++) {
      const index = typeIndex(scope.typeName);
      if (!index) return undefined;
      const info = directChild(index, scope.path, segments[i]);
      if (!info) return undefined;
      if (i === segments.length - 1) return { info, index, typeName: scope.typeName };
      const next = scopeOf(index, scope.typeName, info);
      if (!next) return undefined;
      scope = next;
    }
    return undefined;
  }

  const model: FhirTypeModel = {
    element(typeName, path) {
      const key = `${typeName}|${path}`;
      const cached = elementCache.get(key);
      if (cached !== undefined) return cached ?? undefined;
      const found = path === '' ? undefined : resolve(typeName, path)?.info;
      elementCache.set(key, found ?? null);
      return found;
    },
    children(typeName, path) {
      if (path === '') return [...(typeIndex(typeName)?.children.get('') ?? [])];
      const scope = model.childScope(typeName, path);
      if (!scope) return [];
      return [...(typeIndex(scope.typeName)?.children.get(scope.path) ?? [])];
    },
    childScope(typeName, path) {
      if (path === '') return typeIndex(typeName) ? { typeName, path: '' } : undefined;
      const found = resolve(typeName, path);
      if (!found) return undefined;
      return scopeOf(found.index, found.typeName, found.info);
    },
    isPrimitive(typeName) {
      return typeIndex(typeName)?.kind === 'primitive-type';
    },
    isResource(typeName) {
      return typeIndex(typeName)?.kind === 'resource';
    },
    isKnownType(typeName) {
      return typeIndex(typeName) !== undefined;
    },
  };
  return model;
}
