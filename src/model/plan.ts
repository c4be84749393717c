/**
 * The validation plan: a StructureDefinition snapshot compiled into a tree of element
 * nodes, each carrying what the checks need (cardinality, types, fixed/pattern values,
 * binding, slicing, constraints). Plans are built once per canonical|version by a
 * PlanCompiler and never mutated after compilation (except their lazily filled caches).
 */
import type { Issue } from './issue.js';

export interface TypePlan {
  /** FHIR type code (`string`, `Reference`, `Patient`, ...); System.* codes are mapped to FHIR names. */
  code: string;
  /** Profiles the value must conform to (`type.profile`). */
  profiles: string[];
  /** For a profile that applies from one of its elements (elementdefinition-profile-element): that element's id, by profile. */
  profileElements?: Record<string, string>;
  /** For Reference/canonical: allowed target profiles (`type.targetProfile`). */
  targetProfiles: string[];
  /** `type.aggregation` (contained | referenced | bundled). */
  aggregation: string[];
}

export interface ConstraintPlan {
  key: string;
  severity: 'error' | 'warning';
  human: string;
  /** The expression evaluated: as published, or as the HL7 Java validator corrects it (compile/published-corrections.ts). */
  expression: string;
  /** The canonical that defines the constraint (its `source`, or the owning profile). */
  source: string;
  /** Marked as a best-practice recommendation (elementdefinition-bestpractice). */
  bestPractice: boolean;
}

export interface BindingPlan {
  strength: 'required' | 'extensible' | 'preferred' | 'example';
  valueSet?: string;
}

export type DiscriminatorType = 'value' | 'exists' | 'pattern' | 'type' | 'profile';

export interface DiscriminatorPlan {
  type: DiscriminatorType;
  path: string;
}

export interface SlicingPlan {
  discriminators: DiscriminatorPlan[];
  rules: 'open' | 'closed' | 'openAtEnd';
  ordered: boolean;
  /** Named slices in definition order (each is a full element plan with `sliceName`). */
  slices: ElementPlan[];
}

/** How one JSON property name maps to an element (choice elements have one entry per allowed type). */
export interface ChildEntry {
  element: ElementPlan;
  /** The type selected by the property name (`valueQuantity` → `Quantity`); the element's only type otherwise. */
  typeCode: string | undefined;
}

export interface StructureInfo {
  url: string;
  version?: string;
  /** The type constrained (`Patient`, `Extension`, `string`). */
  type: string;
  kind: string;
  derivation?: string;
}

/** The definition as issues name it: `url|version`, or the url alone when it has no version. */
export function definitionOf(structure: StructureInfo): string {
  return structure.version ? `${structure.url}|${structure.version}` : structure.url;
}

/** A Duration limit: its value and UCUM time unit (`a`, `mo`, `wk`, `d`, `h`, `min`, `s`, `ms`). */
export interface DurationLimit {
  value: number;
  code: string;
}

export interface ElementPlan {
  id: string;
  path: string;
  /** JSON property name without `[x]` (`value` for `value[x]`); the type name at the root. */
  name: string;
  sliceName?: string;
  /** For a slice: the element it slices. */
  slicedFrom?: ElementPlan;
  min: number;
  /** Maximum occurrences; Infinity for `*`. */
  max: number;
  /** Whether the JSON form is an array (from the base definition's max). */
  isArray: boolean;
  isChoice: boolean;
  isModifier: boolean;
  types: TypePlan[];
  /** Children by JSON property name (choice elements once per allowed type). */
  children: Map<string, ChildEntry>;
  /** Each child element once, in definition order (for cardinality). */
  childElements: ElementPlan[];
  /** True when the snapshot lists children of this element (else the type's definition supplies them). */
  hasOwnChildren: boolean;
  /** Choice children's base names (`value`, `effective`) for diagnosing a type not allowed. */
  choiceNames: string[];
  fixed?: { typeCode: string; value: unknown };
  pattern?: { typeCode: string; value: unknown };
  binding?: BindingPlan;
  constraints: ConstraintPlan[];
  slicing?: SlicingPlan;
  maxLength?: number;
  /** minValue[x] / maxValue[x] (numbers, or date/time strings), compared with the value's own type. */
  minValue?: number | string;
  maxValue?: number | string;
  /**
   * minValueDuration / maxValueDuration on a date, dateTime or instant: a limit relative to the
   * clock (now minus, or now plus, the duration), as FHIR R5 defines them and the HL7 Java
   * validator reads them in R4 profiles too. UCUM time units only.
   */
  minValueDuration?: DurationLimit;
  maxValueDuration?: DurationLimit;
  /**
   * On a Narrative element, the narrative-language-control extension's code: `_no` (no language
   * sections), `_yes` (language sections), `_resource` (a section in the resource's language) or
   * language codes each of which needs a section.
   */
  narrativeLanguageControl?: string;
  /** `#id` of another element whose definition this one reuses (e.g. Questionnaire.item.item). */
  contentReference?: string;
  structure: StructureInfo;
}

export interface StructurePlan {
  info: StructureInfo;
  root: ElementPlan;
  byId: Map<string, ElementPlan>;
  /** Problems found in the profile itself (reported apart from instance issues). */
  profileIssues: Issue[];
}

/** Compiles and caches plans by canonical (owned by one validator instance). */
export interface PlanCompiler {
  /** The plan for a canonical URL (`url` or `url|version`); undefined when no snapshot can be had. */
  plan(canonical: string): StructurePlan | undefined;
  /** The plan of a core type or resource by name (`Patient`, `Reference`, `string`). */
  typePlan(typeName: string): StructurePlan | undefined;
  /** Profile issues collected from every plan compiled so far. */
  profileIssues(): Issue[];
}
