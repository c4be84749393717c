/**
 * Decides whether an instance item belongs to a slice, by the slicing's discriminators
 * (value, pattern, exists, type, profile) evaluated on the item and on the slice's definition.
 * Discriminator paths are the restricted FHIRPath the spec allows: names, `$this`,
 * `extension('url')`, `resolve()` and `ofType(T)`.
 */
import { choicePropertyName } from '../compile/type-codes.js';
import type { DiscriminatorPlan, ElementPlan } from '../model/plan.js';
import type { CheckContext, ChildItem } from './check.js';
import { jsonContains, jsonEquals } from './json-match.js';

interface TypedValue {
  value: unknown;
  type?: string;
}

/**
 * What slice matching decides once per validator (plans belong to it): each slice's target element
 * per discriminator, and each discriminator path read into steps.
 */
export interface SliceTargets {
  bySlice: WeakMap<ElementPlan, Map<DiscriminatorPlan, SliceTarget>>;
  paths: Map<string, PathStep[]>;
}

export function createSliceTargets(): SliceTargets {
  return { bySlice: new WeakMap(), paths: new Map() };
}

/** One step of a discriminator path: `$this`, `resolve()`, `extension('url')`, `ofType(T)` or a name. */
type PathStep = { kind: 'resolve' } | { kind: 'extension'; url: string } | { kind: 'ofType'; type: string } | { kind: 'name'; name: string };

function pathSteps(path: string): PathStep[] {
  const steps: PathStep[] = [];
  for (const segment of splitPath(path)) {
    if (segment === '$this' || segment === '') continue;
    const ext = EXTENSION_CALL.exec(segment);
    const ofType = OF_TYPE_CALL.exec(segment);
    if (segment === 'resolve()') steps.push({ kind: 'resolve' });
    else if (ext) steps.push({ kind: 'extension', url: ext[1] });
    else if (ofType) steps.push({ kind: 'ofType', type: ofType[1] });
    else steps.push({ kind: 'name', name: segment });
  }
  return steps;
}

function stepsOf(path: string, targets: SliceTargets): PathStep[] {
  let steps = targets.paths.get(path);
  if (!steps) {
    steps = pathSteps(path);
    targets.paths.set(path, steps);
  }
  return steps;
}

interface SliceTarget {
  element?: ElementPlan;
  /** After `resolve()`: the resource types / profiles the reference must point to. */
  resolvedProfiles?: string[];
  /** For a type discriminator: the type names the slice allows (decided on first use). */
  allowedTypes?: string[];
}

function splitPath(path: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '.' && depth === 0) {
      out.push(path.slice(start, i));
      start = i + 1;
    }
  }
  out.push(path.slice(start));
  return out;
}

const EXTENSION_CALL = /^extension\(\s*'([^']*)'\s*\)$/;
const OF_TYPE_CALL = /^ofType\(\s*([A-Za-z]+)\s*\)$/;

function resolveReference(value: unknown, ctx: CheckContext): unknown {
  const reference = (value as { reference?: unknown } | null)?.reference;
  if (typeof reference !== 'string') return undefined;
  if (reference.startsWith('#')) {
    const container = ctx.resource.container ?? ctx.resource;
    const contained = container.resource.contained;
    return Array.isArray(contained) ? contained.find((r) => (r as { id?: unknown })?.id === reference.slice(1)) : undefined;
  }
  const found = ctx.resource.bundle?.resolve(reference, ctx.resource.fullUrl);
  return found && found.matches.length === 1 ? found.matches[0].resource : undefined;
}

/** The FHIR type a choice property suffix names (`DateTime` → `dateTime`, `Quantity` → `Quantity`). */
function choiceSuffixType(suffix: string, ctx: CheckContext): string {
  const lower = suffix.charAt(0).toLowerCase() + suffix.slice(1);
  return ctx.services.defs.typeDefinition(lower) ? lower : suffix;
}

/** The values a discriminator path selects from an item. */
export function selectValues(item: ChildItem, steps: readonly PathStep[], ctx: CheckContext): TypedValue[] {
  let current: TypedValue[] = [{ value: item.value, type: item.typeCode }];
  for (const step of steps) {
    const next: TypedValue[] = [];
    for (const { value, type } of current) {
      if (value === null || typeof value !== 'object') {
        if (step.kind === 'ofType' && type === step.type) next.push({ value, type });
        continue;
      }
      const object = value as Record<string, unknown>;
      if (step.kind === 'resolve') {
        const target = resolveReference(object, ctx);
        if (target) next.push({ value: target, type: (target as { resourceType?: string }).resourceType });
      } else if (step.kind === 'extension') {
        const list = Array.isArray(object.extension) ? object.extension : [];
        for (const e of list) if ((e as { url?: unknown })?.url === step.url) next.push({ value: e, type: 'Extension' });
      } else if (step.kind === 'ofType') {
        const actual = type ?? (typeof object.resourceType === 'string' ? object.resourceType : undefined);
        if (actual === step.type) next.push({ value, type: actual });
      } else if (step.name in object) {
        const child = object[step.name];
        for (const v of Array.isArray(child) ? child : [child]) next.push({ value: v });
      } else {
        // A choice element named without its type (`value` for valueQuantity).
        const segment = step.name;
        for (const key of Object.keys(object)) {
          if (key.length > segment.length && key.startsWith(segment) && /^[A-Z]/.test(key.charAt(segment.length))) {
            const t = key.slice(segment.length);
            const child = object[key];
            const typeName = choiceSuffixType(t, ctx);
            for (const v of Array.isArray(child) ? child : [child]) next.push({ value: v, type: typeName });
          }
        }
      }
    }
    current = next;
  }
  return current;
}

function childIn(scope: ElementPlan, name: string): ElementPlan | undefined {
  const direct = scope.children.get(name)?.element;
  if (direct) return direct;
  const choice = scope.childElements.find((c) => c.name === name);
  if (choice?.isChoice && !choice.fixed && !choice.pattern) {
    // A choice narrowed to one type (`value[x]:valueCodeableConcept`) may carry the fixed/pattern value.
    for (const entry of scope.children.values()) {
      if (entry.element.slicedFrom === choice && (entry.element.fixed || entry.element.pattern)) return entry.element;
    }
  }
  return choice;
}

/** A child by name, from the element itself, then its type profiles, then its type; preferring one that fixes a value. */
function childByName(element: ElementPlan, name: string, ctx: CheckContext): ElementPlan | undefined {
  let first: ElementPlan | undefined;
  for (const scope of definitionScopes(element, ctx)) {
    const child = childIn(scope, name);
    if (!child) continue;
    if (child.fixed || child.pattern) return child;
    first ??= child;
  }
  return first;
}

/** The elements whose children describe `element`'s content: itself, its type profiles (or their named element), its type. */
function definitionScopes(element: ElementPlan, ctx: CheckContext): ElementPlan[] {
  const scopes: ElementPlan[] = [];
  if (element.hasOwnChildren) scopes.push(element);
  const type = element.types[0];
  if (!type) return scopes;
  for (const profile of type.profiles) {
    const plan = ctx.services.plans.plan(profile);
    const fromElement = type.profileElements?.[profile];
    const scope = fromElement ? plan?.byId.get(fromElement) : plan?.root;
    if (scope) scopes.push(scope);
  }
  const typeRoot = ctx.services.plans.typePlan(type.code)?.root;
  if (typeRoot && scopes.length === 0) scopes.push(typeRoot);
  return scopes;
}

/** Where a discriminator path leads in a slice's definition. */
export function sliceTarget(slice: ElementPlan, steps: readonly PathStep[], ctx: CheckContext): SliceTarget {
  let element: ElementPlan | undefined = slice;
  for (const step of steps) {
    if (!element) return {};
    if (step.kind === 'resolve') {
      const profiles = element.types.flatMap((t) => t.targetProfiles);
      return { resolvedProfiles: profiles };
    }
    if (step.kind === 'extension') {
      const extensions: ElementPlan | undefined = childByName(element, 'extension', ctx);
      element = extensions?.slicing?.slices.find((s) => s.types.some((t) => t.profiles.includes(step.url)) || s.sliceName === step.url);
      if (!element) {
        const definition = ctx.services.plans.plan(step.url);
        element = definition?.root;
      }
      continue;
    }
    if (step.kind === 'ofType') continue;
    element = childByName(element, step.name, ctx);
  }
  return { element };
}

function typeNameOf(value: TypedValue): string | undefined {
  if (value.type) return value.type;
  const resourceType = (value.value as { resourceType?: unknown } | null)?.resourceType;
  return typeof resourceType === 'string' ? resourceType : undefined;
}

function matchesDiscriminator(item: ChildItem, slice: ElementPlan, d: DiscriminatorPlan, ctx: CheckContext, targets: SliceTargets, values: TypedValue[]): boolean {
  let bySlice = targets.bySlice.get(slice);
  if (!bySlice) {
    bySlice = new Map();
    targets.bySlice.set(slice, bySlice);
  }
  let target = bySlice.get(d);
  if (!target) {
    target = sliceTarget(slice, stepsOf(d.path, targets), ctx);
    bySlice.set(d, target);
  }
  switch (d.type) {
    case 'value':
    case 'pattern': {
      const element = target.element;
      const expected = element?.fixed?.value ?? element?.pattern?.value;
      if (expected === undefined) {
        // The slice does not fix this discriminator: it only requires absence when it forbids the element.
        if (element && element.max === 0) return values.length === 0;
        return element !== undefined;
      }
      const exact = d.type === 'value' && element?.fixed !== undefined;
      for (let i = 0; i < values.length; i++) if (exact ? jsonEquals(values[i].value, expected) : jsonContains(values[i].value, expected)) return true;
      return false;
    }
    case 'exists': {
      const element = target.element;
      if (!element) return false;
      if (element.max === 0) return values.length === 0;
      if (element.min >= 1) return values.length > 0;
      return true;
    }
    case 'type': {
      const allowed = (target.allowedTypes ??= target.resolvedProfiles
        ? target.resolvedProfiles.map((p) => ctx.services.defs.resolve<{ resourceType: string; type?: string }>(p, 'StructureDefinition')?.type ?? p.slice(p.lastIndexOf('/') + 1))
        : (target.element?.types.map((t) => t.code) ?? []));
      if (allowed.length === 0) return false;
      for (let i = 0; i < values.length; i++) {
        const name = typeNameOf(values[i]);
        if (name !== undefined && allowed.includes(name)) return true;
      }
      return false;
    }
    case 'profile': {
      const profiles = target.resolvedProfiles ?? target.element?.types.flatMap((t) => t.profiles) ?? [];
      if (profiles.length === 0) return false;
      return values.some((v) => {
        const type = typeNameOf(v) ?? target!.element?.types[0]?.code ?? '';
        return profiles.some((p) => ctx.conformsTo(v.value, type, p));
      });
    }
  }
}

/**
 * What each discriminator selects from one item, asked for once however many slices are tried
 * (the item's values do not depend on the slice).
 */
export type ItemValues = Map<DiscriminatorPlan, TypedValue[]>;

/** Whether an item belongs to a slice (undefined discriminators: extensions by url, else by name of a choice type). */
export function itemMatchesSlice(item: ChildItem, slice: ElementPlan, discriminators: DiscriminatorPlan[], ctx: CheckContext, targets: SliceTargets, itemValues?: ItemValues): boolean {
  if (discriminators.length === 0) {
    if (item.typeCode === 'Extension') {
      const url = (item.value as { url?: unknown } | null)?.url;
      return typeof url === 'string' && slice.types.some((t) => t.profiles.includes(url));
    }
    if (item.element.isChoice && slice.types.length === 1) return item.key === choicePropertyName(item.element.name, slice.types[0].code);
    return false;
  }
  for (let i = 0; i < discriminators.length; i++) {
    const d = discriminators[i];
    let values = itemValues?.get(d);
    if (!values) {
      values = selectValues(item, stepsOf(d.path, targets), ctx);
      itemValues?.set(d, values);
    }
    if (!matchesDiscriminator(item, slice, d, ctx, targets, values)) return false;
  }
  return true;
}
