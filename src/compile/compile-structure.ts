/**
 * Compiles one StructureDefinition snapshot into a StructurePlan: element nodes linked by
 * element id into a tree, with slices under their sliced element and choice elements
 * reachable by every typed property name.
 */
import type { Issue } from '../model/issue.js';
import type {
  BindingPlan,
  ConstraintPlan,
  DiscriminatorPlan,
  DurationLimit,
  ElementPlan,
  SlicingPlan,
  StructureInfo,
  StructurePlan,
  TypePlan,
} from '../model/plan.js';
import { evaluatedExpression, evaluatedRegex } from './published-corrections.js';
import { choicePropertyName, fhirTypeCode } from './type-codes.js';

const REGEX_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/regex';
const BEST_PRACTICE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/elementdefinition-bestpractice';

interface RawElement {
  id?: string;
  path: string;
  sliceName?: string;
  min?: number;
  max?: string;
  base?: { path?: string; min?: number; max?: string };
  type?: Array<{
    code?: string;
    profile?: string[];
    _profile?: Array<{ extension?: Array<{ url?: string; valueString?: string }> } | null>;
    targetProfile?: string[];
    aggregation?: string[];
    extension?: Array<{ url?: string; valueUrl?: string; valueUri?: string; valueString?: string }>;
  }>;
  constraint?: Array<{ key?: string; severity?: string; human?: string; expression?: string; source?: string; extension?: Array<{ url?: string; valueBoolean?: boolean }> }>;
  binding?: { strength?: string; valueSet?: string };
  slicing?: { discriminator?: Array<{ type?: string; path?: string }>; rules?: string; ordered?: boolean };
  isModifier?: boolean;
  maxLength?: number;
  contentReference?: string;
  [key: string]: unknown;
}

export interface RawStructureDefinition {
  resourceType: string;
  url?: string;
  version?: string;
  name?: string;
  type?: string;
  kind?: string;
  derivation?: string;
  baseDefinition?: string;
  snapshot?: { element?: RawElement[] };
  [key: string]: unknown;
}

export interface CompiledStructure extends StructurePlan {
  /** Regex that a primitive type's value must match (from the `.value` element's regex extension). */
  valueRegex?: RegExp;
}

function parseMax(max: string | undefined): number {
  if (max === undefined || max === '*') return Infinity;
  const n = Number(max);
  return Number.isFinite(n) ? n : Infinity;
}

function typedValue(element: RawElement, prefix: 'fixed' | 'pattern' | 'minValue' | 'maxValue'): { typeCode: string; value: unknown } | undefined {
  for (const key of Object.keys(element)) {
    if (key.startsWith(prefix) && key.length > prefix.length && element[key] !== undefined) {
      const suffix = key.slice(prefix.length);
      return { typeCode: suffix.charAt(0).toLowerCase() + suffix.slice(1), value: element[key] };
    }
  }
  return undefined;
}

/** min/maxValue of a primitive type (Quantity limits are not compared). */
function scalarOf(value: unknown): number | string | undefined {
  return typeof value === 'number' || typeof value === 'string' ? value : undefined;
}

const NARRATIVE_LANGUAGE_CONTROL = 'http://hl7.org/fhir/StructureDefinition/narrative-language-control';

function narrativeLanguageControl(element: RawElement): string | undefined {
  const extensions = Array.isArray(element.extension) ? (element.extension as Array<{ url?: unknown; valueCode?: unknown }>) : [];
  const code = extensions.find((e) => e?.url === NARRATIVE_LANGUAGE_CONTROL)?.valueCode;
  return typeof code === 'string' && code.trim() !== '' ? code.trim() : undefined;
}

const UCUM_TIME_UNITS = new Set(['a', 'mo', 'wk', 'd', 'h', 'min', 's', 'ms']);

/** A min/maxValueDuration with a numeric value and a UCUM time code (others are not compared). */
function durationOf(limit: { typeCode: string; value: unknown } | undefined): DurationLimit | undefined {
  if (limit?.typeCode !== 'duration' || limit.value === null || typeof limit.value !== 'object') return undefined;
  const { value, code, system } = limit.value as { value?: unknown; code?: unknown; system?: unknown };
  if (typeof value !== 'number' || typeof code !== 'string' || !UCUM_TIME_UNITS.has(code)) return undefined;
  if (system !== undefined && system !== 'http://unitsofmeasure.org') return undefined;
  return { value, code };
}

const PROFILE_ELEMENT_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/elementdefinition-profile-element';

function compileTypes(element: RawElement): TypePlan[] {
  return (element.type ?? []).map((type) => {
    const plan: TypePlan = {
      code: fhirTypeCode(type),
      profiles: type.profile ?? [],
      targetProfiles: type.targetProfile ?? [],
      aggregation: type.aggregation ?? [],
    };
    (type._profile ?? []).forEach((companion, i) => {
      const elementId = companion?.extension?.find((e) => e.url === PROFILE_ELEMENT_EXTENSION)?.valueString;
      if (elementId && plan.profiles[i]) (plan.profileElements ??= {})[plan.profiles[i]] = elementId;
    });
    return plan;
  });
}

function compileConstraints(element: RawElement, owner: string): ConstraintPlan[] {
  const constraints: ConstraintPlan[] = [];
  for (const c of element.constraint ?? []) {
    if (!c.key || !c.expression) continue;
    const expression = evaluatedExpression(c.key, c.expression);
    constraints.push({
      key: c.key,
      severity: c.severity === 'warning' ? 'warning' : 'error',
      human: c.human ?? c.key,
      expression,
      source: c.source ?? owner,
      bestPractice: c.extension?.some((e) => e.url === BEST_PRACTICE_EXTENSION && e.valueBoolean === true) === true,
    });
  }
  return constraints;
}

function compileBinding(element: RawElement): BindingPlan | undefined {
  const strength = element.binding?.strength;
  if (strength !== 'required' && strength !== 'extensible' && strength !== 'preferred' && strength !== 'example') return undefined;
  return { strength, valueSet: element.binding?.valueSet };
}

function compileSlicing(element: RawElement): SlicingPlan | undefined {
  if (!element.slicing) return undefined;
  const discriminators: DiscriminatorPlan[] = [];
  for (const d of element.slicing.discriminator ?? []) {
    if (d.type === 'value' || d.type === 'exists' || d.type === 'pattern' || d.type === 'type' || d.type === 'profile') {
      discriminators.push({ type: d.type, path: d.path ?? '$this' });
    }
  }
  const rules = element.slicing.rules === 'closed' || element.slicing.rules === 'openAtEnd' ? element.slicing.rules : 'open';
  return { discriminators, rules, ordered: element.slicing.ordered === true, slices: [] };
}

/** `a.b:s.c` → ['a', 'b:s', 'c'] without splitting inside slice names that contain dots after a colon. */
function lastSegmentSplit(id: string): { parentId: string; segment: string } {
  const dot = id.lastIndexOf('.');
  // A dot inside the last slice name (`x:a.b`) would be mis-split; profiles rarely use one.
  return { parentId: id.slice(0, dot), segment: id.slice(dot + 1) };
}

/** Builds a synthetic id from a path when a (legacy) snapshot leaves ids out. */
function elementId(element: RawElement): string {
  if (element.id) return element.id;
  return element.sliceName ? `${element.path}:${element.sliceName}` : element.path;
}

export function compileStructure(sd: RawStructureDefinition): CompiledStructure {
  const info: StructureInfo = {
    url: sd.url ?? '',
    version: sd.version,
    type: sd.type ?? '',
    kind: sd.kind ?? '',
    derivation: sd.derivation,
  };
  const owner = sd.version ? `${info.url}|${sd.version}` : info.url;
  const profileIssues: Issue[] = [];
  const elements = sd.snapshot?.element ?? [];
  const byId = new Map<string, ElementPlan>();
  let root: ElementPlan | undefined;
  let valueRegex: RegExp | undefined;

  for (let i = 0; i < elements.length; i++) {
    const raw = elements[i];
    const id = elementId(raw);
    const isChoice = raw.path.endsWith('[x]');
    const lastPath = raw.path.slice(raw.path.lastIndexOf('.') + 1);
    const baseMax = raw.base?.max ?? raw.max;
    const minValue = typedValue(raw, 'minValue');
    const maxValue = typedValue(raw, 'maxValue');
    const plan: ElementPlan = {
      id,
      path: raw.path,
      name: isChoice ? lastPath.slice(0, -3) : lastPath,
      sliceName: raw.sliceName,
      min: raw.min ?? 0,
      max: parseMax(raw.max),
      isArray: i > 0 && baseMax !== '1' && baseMax !== '0',
      isChoice,
      isModifier: raw.isModifier === true,
      // Resource.id is declared System.String, but its values follow the id type.
      types: sd.kind === 'resource' && raw.path.indexOf('.') === raw.path.lastIndexOf('.') && raw.path.endsWith('.id')
        ? [{ code: 'id', profiles: [], targetProfiles: [], aggregation: [] } as TypePlan]
        : compileTypes(raw),
      children: new Map(),
      childElements: [],
      hasOwnChildren: false,
      choiceNames: [],
      fixed: typedValue(raw, 'fixed'),
      pattern: typedValue(raw, 'pattern'),
      binding: compileBinding(raw),
      constraints: compileConstraints(raw, owner),
      slicing: compileSlicing(raw),
      maxLength: raw.maxLength,
      minValue: scalarOf(minValue?.value),
      maxValue: scalarOf(maxValue?.value),
      minValueDuration: durationOf(minValue),
      maxValueDuration: durationOf(maxValue),
      narrativeLanguageControl: narrativeLanguageControl(raw),
      contentReference: raw.contentReference,
      structure: info,
    };
    byId.set(id, plan);
    if (i === 0) {
      root = plan;
      continue;
    }
    if (raw.path.endsWith('.value') && raw.path.split('.').length === 2) {
      const regex = raw.type?.[0]?.extension?.find((e) => e.url === REGEX_EXTENSION)?.valueString;
      if (regex) {
        try {
          valueRegex = new RegExp(`^(?:${evaluatedRegex(regex)})$`);
        } catch {
          profileIssues.push(profileIssue(owner, id, `The value regex '${regex}' of ${id} does not compile`));
        }
      }
    }
    attach(plan, id, byId, profileIssues, owner);
  }

  if (!root) {
    root = emptyRoot(info);
    profileIssues.push(profileIssue(owner, info.type, `StructureDefinition ${owner} has no snapshot elements`));
  }
  for (const plan of byId.values()) {
    if (plan.contentReference) resolveContentReference(plan, byId, profileIssues, owner);
    plan.hasOwnChildren = plan.childElements.length > 0;
  }
  return { info, root, byId, profileIssues, valueRegex };
}

function attach(plan: ElementPlan, id: string, byId: Map<string, ElementPlan>, issues: Issue[], owner: string): void {
  const { parentId, segment } = lastSegmentSplit(id);
  const colon = segment.indexOf(':');
  if (colon >= 0) {
    const name = segment.slice(0, colon);
    const sliceName = segment.slice(colon + 1);
    const slash = sliceName.lastIndexOf('/');
    // Re-slices (`a:s/r`) belong to the slice `a:s`; plain slices to the element `a`.
    const slicedId = slash >= 0 ? `${parentId}.${name}:${sliceName.slice(0, slash)}` : `${parentId}.${name}`;
    const sliced = byId.get(slicedId);
    if (!sliced) {
      issues.push(profileIssue(owner, id, `Slice ${id} has no sliced element ${slicedId}`));
      return;
    }
    if (!sliced.slicing) {
      // A choice element narrowed by type (`value[x]:valueQuantity`) is a type constraint, not a slice.
      if (sliced.isChoice && plan.types.length === 1) {
        const parent = byId.get(parentId);
        plan.slicedFrom = sliced;
        parent?.children.set(choicePropertyName(sliced.name, plan.types[0].code), { element: plan, typeCode: plan.types[0].code });
        return;
      }
      sliced.slicing = { discriminators: [], rules: 'open', ordered: false, slices: [] };
    }
    sliced.slicing.slices.push(plan);
    plan.slicedFrom = sliced;
    if (sliced.isChoice && plan.types.length === 1) {
      const parent = byId.get(parentId);
      parent?.children.set(choicePropertyName(sliced.name, plan.types[0].code), { element: plan, typeCode: plan.types[0].code });
    }
    return;
  }
  const parent = byId.get(parentId);
  if (!parent) {
    issues.push(profileIssue(owner, id, `Element ${id} has no parent element ${parentId} in the snapshot`));
    return;
  }
  if (plan.isChoice) {
    parent.choiceNames.push(plan.name);
    for (const type of plan.types) {
      parent.children.set(choicePropertyName(plan.name, type.code), { element: plan, typeCode: type.code });
    }
  } else if (!parent.children.has(plan.name) || parent.children.get(plan.name)?.element.isChoice !== true) {
    parent.children.set(plan.name, { element: plan, typeCode: plan.types.length === 1 ? plan.types[0].code : undefined });
  } else {
    // A renamed choice (`valueQuantity` listed as its own element) narrows the choice to one type.
    const choice = parent.children.get(plan.name)?.element;
    if (choice && choice !== plan && choice.isChoice) plan.slicedFrom = choice;
    parent.children.set(plan.name, { element: plan, typeCode: plan.types[0]?.code });
    return;
  }
  if (!plan.isChoice || !parent.childElements.includes(plan)) parent.childElements.push(plan);
}

function resolveContentReference(plan: ElementPlan, byId: Map<string, ElementPlan>, issues: Issue[], owner: string): void {
  const ref = plan.contentReference ?? '';
  const targetId = ref.slice(ref.indexOf('#') + 1);
  const target = byId.get(targetId);
  if (!target) {
    issues.push(profileIssue(owner, plan.id, `contentReference ${ref} of ${plan.id} does not resolve`));
    return;
  }
  plan.children = target.children;
  plan.childElements = target.childElements;
  plan.choiceNames = target.choiceNames;
  if (plan.types.length === 0) plan.types = target.types;
  if (plan.constraints.length === 0) plan.constraints = target.constraints;
}

function emptyRoot(info: StructureInfo): ElementPlan {
  return {
    id: info.type,
    path: info.type,
    name: info.type,
    min: 0,
    max: Infinity,
    isArray: false,
    isChoice: false,
    isModifier: false,
    types: [],
    children: new Map(),
    childElements: [],
    hasOwnChildren: false,
    choiceNames: [],
    constraints: [],
    structure: info,
  };
}

export function profileIssue(owner: string, elementId: string, message: string): Issue {
  return { severity: 'error', code: 'invalid', ruleId: 'profile-invalid', message, location: elementId, definition: owner };
}
