/**
 * Compares two StructureDefinitions' (or MessageDefinitions') constraints, as the IG-equivalence
 * test needs: cardinality, types and profiles, fixed/pattern values, bindings, slicing, invariants,
 * extension context and message focus. Text (short, definition, comment) is not a constraint and is
 * ignored. min/max absent from a differential mean "as the base", so they are compared as the
 * effective value read from the base definitions.
 */
import type { DefinitionSet } from '../../../src/defs/types.js';

export interface ConstraintDifference {
  /** Canonical URL of the IG resource. */
  resource: string;
  /** Element id (StructureDefinition) or '' for resource-level aspects. */
  element: string;
  aspect: string;
  ig: string;
  fsh: string;
}

type Json = Record<string, unknown>;
interface ElementDefinitionLike extends Json {
  id: string;
  path: string;
  min?: number;
  max?: string;
  type?: Array<{ code: string; profile?: string[]; targetProfile?: string[] }>;
  slicing?: { discriminator?: Array<{ type: string; path: string }>; rules?: string; ordered?: boolean };
  binding?: { strength?: string; valueSet?: string };
  constraint?: Array<{ key: string }>;
}
interface StructureDefinitionLike extends Json {
  resourceType: string;
  url: string;
  baseDefinition?: string;
  differential?: { element: ElementDefinitionLike[] };
  snapshot?: { element: ElementDefinitionLike[] };
}

/** Stable text of a JSON value: object keys sorted, so equal values print equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Json).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function valueOfPrefix(element: Json, prefix: 'fixed' | 'pattern'): string {
  const key = Object.keys(element).find((k) => k.startsWith(prefix) && k.length > prefix.length && /[A-Z]/.test(k[prefix.length]));
  return key ? `${key}=${canonicalJson(element[key])}` : '';
}

function typesText(element: ElementDefinitionLike): string {
  if (!element.type) return '';
  return element.type
    .map((t) => `${t.code}${t.profile ? `(${[...t.profile].sort().join('|')})` : ''}${t.targetProfile ? `->(${[...t.targetProfile].sort().join('|')})` : ''}`)
    .sort()
    .join(' ');
}

function slicingText(element: ElementDefinitionLike): string {
  const s = element.slicing;
  if (!s) return '';
  const discriminators = (s.discriminator ?? []).map((d) => `${d.type}:${d.path}`).join(',');
  return `${discriminators} rules=${s.rules ?? ''} ordered=${s.ordered ?? false}`;
}

function bindingText(element: ElementDefinitionLike): string {
  return element.binding ? `${element.binding.strength ?? ''} ${element.binding.valueSet ?? ''}`.trim() : '';
}

function constraintText(element: ElementDefinitionLike): string {
  return (element.constraint ?? []).map((c) => c.key).sort().join(',');
}

/** The effective min/max of an element path, read from the parent's snapshot and, below it, from datatype snapshots. */
export class BaseCardinality {
  constructor(private readonly defs: DefinitionSet) {}

  of(sd: StructureDefinitionLike, elementId: string): { min?: number; max?: string } {
    const base = sd.baseDefinition ? this.defs.resolve<StructureDefinitionLike>(sd.baseDefinition) : undefined;
    if (!base) return {};
    return this.lookup(base, elementId);
  }

  private lookup(sd: StructureDefinitionLike, elementId: string): { min?: number; max?: string } {
    const elements = sd.snapshot?.element ?? [];
    const exact = elements.find((e) => e.id === elementId);
    if (exact) return { min: exact.min, max: exact.max };
    // A new slice starts with the cardinality of the element it slices.
    const unsliced = elementId.replace(/:[^.]+/g, '');
    const bySlice = elements.find((e) => e.id === unsliced);
    if (bySlice) return { min: bySlice.min, max: bySlice.max };
    // Below a datatype the base snapshot stops: continue in the datatype's own definition.
    const parts = unsliced.split('.');
    for (let i = parts.length - 1; i > 0; i--) {
      const prefix = parts.slice(0, i).join('.');
      const parent = elements.find((e) => e.id === prefix);
      const typeCode = parent?.type?.length === 1 ? parent.type[0].code : undefined;
      if (parent && typeCode) {
        const typeSd = this.defs.typeDefinition<StructureDefinitionLike>(typeCode);
        if (!typeSd) return {};
        return this.lookup(typeSd, [typeCode, ...parts.slice(i)].join('.'));
      }
    }
    return {};
  }
}

const RESOURCE_ASPECTS = ['url', 'type', 'baseDefinition', 'kind', 'derivation', 'abstract', 'fhirVersion'] as const;

/** Every constraint difference between the IG's StructureDefinition and the generated one. */
export function structureDefinitionDifferences(ig: StructureDefinitionLike, fsh: StructureDefinitionLike, base: BaseCardinality): ConstraintDifference[] {
  const out: ConstraintDifference[] = [];
  const add = (element: string, aspect: string, a: string, b: string): void => {
    if (a !== b) out.push({ resource: ig.url, element, aspect, ig: a, fsh: b });
  };
  for (const aspect of RESOURCE_ASPECTS) add('', aspect, String(ig[aspect] ?? ''), String(fsh[aspect] ?? ''));
  add('', 'context', canonicalJson(ig.context ?? []), canonicalJson(fsh.context ?? []));

  const igElements = new Map((ig.differential?.element ?? []).map((e) => [e.id, e]));
  const fshElements = new Map((fsh.differential?.element ?? []).map((e) => [e.id, e]));
  const ids = [...new Set([...igElements.keys(), ...fshElements.keys()])];
  for (const id of ids) {
    const a = igElements.get(id);
    const b = fshElements.get(id);
    const baseCard = (a?.min === undefined || a?.max === undefined || b?.min === undefined || b?.max === undefined) ? base.of(ig, id) : {};
    add(id, 'min', String(a?.min ?? baseCard.min ?? ''), String(b?.min ?? baseCard.min ?? ''));
    add(id, 'max', String(a?.max ?? baseCard.max ?? ''), String(b?.max ?? baseCard.max ?? ''));
    add(id, 'sliceName', String(a?.sliceName ?? ''), String(b?.sliceName ?? ''));
    add(id, 'type', a ? typesText(a) : '', b ? typesText(b) : '');
    add(id, 'fixed', a ? valueOfPrefix(a, 'fixed') : '', b ? valueOfPrefix(b, 'fixed') : '');
    add(id, 'pattern', a ? valueOfPrefix(a, 'pattern') : '', b ? valueOfPrefix(b, 'pattern') : '');
    add(id, 'binding', a ? bindingText(a) : '', b ? bindingText(b) : '');
    add(id, 'slicing', a ? slicingText(a) : '', b ? slicingText(b) : '');
    add(id, 'constraint', a ? constraintText(a) : '', b ? constraintText(b) : '');
    add(id, 'contentReference', String(a?.contentReference ?? ''), String(b?.contentReference ?? ''));
  }
  return out;
}

interface MessageDefinitionLike extends Json {
  resourceType: string;
  url: string;
  id?: string;
  eventCoding?: { system?: string; code?: string };
  focus?: Array<{ code: string; profile?: string; min?: number; max?: string }>;
  allowedResponse?: Array<{ message: string; situation?: string }>;
}

function focusText(md: MessageDefinitionLike): string[] {
  return (md.focus ?? []).map((f) => `${f.code} ${f.profile ?? '-'} ${f.min ?? ''}..${f.max ?? ''}`).sort();
}

/** Every difference in what a message may carry (focus), its event, id and responses. */
export function messageDefinitionDifferences(ig: MessageDefinitionLike, fsh: MessageDefinitionLike): ConstraintDifference[] {
  const out: ConstraintDifference[] = [];
  const add = (element: string, aspect: string, a: string, b: string): void => {
    if (a !== b) out.push({ resource: ig.url, element, aspect, ig: a, fsh: b });
  };
  add('', 'url', ig.url, fsh.url);
  add('', 'id', ig.id ?? '', fsh.id ?? '');
  add('', 'eventCoding', `${ig.eventCoding?.system}#${ig.eventCoding?.code}`, `${fsh.eventCoding?.system}#${fsh.eventCoding?.code}`);
  add('', 'responseRequired', String(ig.responseRequired ?? ''), String(fsh.responseRequired ?? ''));
  add('', 'category', String(ig.category ?? ''), String(fsh.category ?? ''));
  add('', 'base', String(ig.base ?? ''), String(fsh.base ?? ''));
  add('', 'useContext', canonicalJson(ig.useContext ?? []), canonicalJson(fsh.useContext ?? []));
  add('', 'allowedResponse', (ig.allowedResponse ?? []).map((r) => r.message).sort().join(' '), (fsh.allowedResponse ?? []).map((r) => r.message).sort().join(' '));
  const igFocus = focusText(ig);
  const fshFocus = focusText(fsh);
  const missing = igFocus.filter((f) => !fshFocus.includes(f));
  const extra = fshFocus.filter((f) => !igFocus.includes(f));
  if (missing.length > 0 || extra.length > 0 || igFocus.length !== fshFocus.length) {
    out.push({ resource: ig.url, element: '', aspect: 'focus', ig: missing.join('; '), fsh: extra.join('; ') });
  }
  return out;
}
