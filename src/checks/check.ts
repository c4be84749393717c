/**
 * The one interface every check implements. The walker (src/instance/walker.ts) calls
 * `checkNode` for each JSON node against each element that describes it, and
 * `checkProperties` for each object node once its properties are grouped by child element.
 * Checks report through the context; they never build locations themselves (`at` names a
 * property of the current node when the issue belongs to a child).
 */
import type { CachingPlanCompiler } from '../compile/plan-compiler.js';
import type { DefinitionSet } from '../defs/types.js';
import type { Issue } from '../model/issue.js';
import type { ChildEntry, ElementPlan } from '../model/plan.js';
import type { FhirPathEvaluator } from '../fhirpath/index.js';
import type { Terminology } from '../terminology/index.js';
import type { BundleIndex } from '../instance/bundle-index.js';
import type { ChildGroups } from '../instance/child-groups.js';

export interface NodeVisit {
  /** JSON value: an object for complex types; the primitive (or undefined/null when only `_name` is present) for primitives. */
  value: unknown;
  /** The `_name` companion of a primitive (its id/extension), if present. */
  companion: unknown;
  /** The element that describes this node (a slice when the node matched one, or a type/profile root). */
  element: ElementPlan;
  typeCode: string;
  /** JSON property name in the parent (the resource type at a resource root). */
  key: string;
  /**
   * `element`: the node checked against the element it was found at (or its slice);
   * `root`: against the root of a definition applied to the whole node (its type, a profile,
   * an extension definition, or a resource definition).
   */
  role: 'element' | 'root';
  /** The element path and type of the parent node (for extension context rules). */
  parentPath: string;
  parentType: string;
  /**
   * The elements at this node of the definitions whose walks were folded into the walk of a
   * profile derived from them (the base type, a UK Core profile; the walker's choice, see
   * foldAncestors): checks whose answer can differ between the definitions (bindings) check
   * them too, so the issues are those of walking each.
   */
  shadows: readonly ElementPlan[] | undefined;
}

export interface ChildItem {
  key: string;
  /** Index in the JSON array; -1 when the property is not an array. */
  index: number;
  value: unknown;
  companion: unknown;
  element: ElementPlan;
  typeCode: string | undefined;
  /** Set by the slicing check: the slice this item matched. */
  slice?: ElementPlan;
}

export interface PropertyInfo {
  key: string;
  value: unknown;
  /** The `_name` form of a primitive. */
  isCompanion: boolean;
  entry: ChildEntry | undefined;
}

export interface PropertyGroups {
  /** The element whose children the properties were matched against. */
  parent: ElementPlan;
  properties: PropertyInfo[];
  /** Items per child element, in order of appearance. */
  byElement: ChildGroups;
  /** True when the node is a resource root (so `resourceType` is expected). */
  isResourceRoot: boolean;
  /** The same properties matched against each folded definition's element (see NodeVisit.shadows), for cardinality. */
  shadows?: ReadonlyArray<FoldedGroups>;
}

/** A node's properties grouped by a folded definition's element's children. */
export interface FoldedGroups {
  readonly parent: ElementPlan;
  /** Made when first read: a check that can answer from the main grouping need not. */
  readonly byElement: ChildGroups;
}

/** Relative place of an issue below the current node. */
export interface RelativeLocation {
  key: string;
  index?: number;
  /** The child element, so that choice properties are written `value.ofType(T)`. */
  element?: ElementPlan;
  typeCode?: string;
}

export type IssueInput = Omit<Issue, 'location' | 'position'>;

export interface ResourceFrame {
  resource: Record<string, unknown>;
  resourceType: string;
  /** The outermost resource being validated (%rootResource for contained ones is the container). */
  root: ResourceFrame;
  /** The resource that contains this one (for `contained`). */
  container?: ResourceFrame;
  /** The nearest enclosing Bundle, with this resource's entry. */
  bundle?: BundleIndex;
  entryIndex?: number;
  fullUrl?: string;
}

export interface EngineServices {
  defs: DefinitionSet;
  plans: CachingPlanCompiler;
  fhirPath?: FhirPathEvaluator;
  terminology?: Terminology;
  /** The clock of limits relative to now (min/maxValueDuration); the system clock when absent. */
  now?: () => Date;
}

export interface CheckContext {
  readonly services: EngineServices;
  readonly resource: ResourceFrame;
  report(issue: IssueInput, at?: RelativeLocation): void;
  /** The current FHIRPath location (for messages that quote it; issues get it automatically). */
  location(): string;
  /**
   * The JSON value of the node holding the current one (the object whose property it is; for an
   * item of a repeating element, the object holding the array); undefined at a resource root.
   * Found from the walker's own path when asked, not carried on every visit.
   */
  holderValue(): unknown;
  /** True when `key` was already recorded for this object node during this validation run (then records it). */
  seen(node: object, key: string): boolean;
  /** An array kept for this object node during this validation run, for values computed from the node alone (shared FHIRPath operands). */
  nodeMemo(node: object): unknown[];
  /** Whether a value conforms to a profile (a silent nested validation; used by slicing). */
  conformsTo(value: unknown, typeCode: string, profile: string): boolean;
}

/** A node check prepared for one element, role and type (see Check.prepareNode). */
export type PreparedNodeCheck = (visit: NodeVisit, ctx: CheckContext) => void;

export interface Check {
  readonly name: string;
  /**
   * False when checkNode can report nothing for any node described by this element, in this
   * role and of this type, whatever its value or shadows: the walker asks once per element and
   * then leaves the check out for those nodes. Omitted: the check runs for every node.
   * For a definition's root applied to a node found at an element (its type's root), `carrier`
   * is that element: a check may answer false when the element's own visit already reports
   * everything the root could (the same constraints), since an issue repeated at the same place
   * is one issue.
   */
  appliesTo?(element: ElementPlan, role: NodeVisit['role'], typeCode: string, carrier?: ElementPlan): boolean;
  checkNode?(visit: NodeVisit, ctx: CheckContext): void;
  /**
   * checkNode for the nodes of one element, role and type, with what depends only on those
   * decided here, once (the walker keeps the result per element and type); undefined where
   * appliesTo would say false. When a check has it, the walker calls what it returns instead of
   * checkNode (which stays for other callers and must do the same) and never asks appliesTo.
   */
  prepareNode?(element: ElementPlan, role: NodeVisit['role'], typeCode: string, carrier?: ElementPlan): PreparedNodeCheck | undefined;
  checkProperties?(node: NodeVisit, groups: PropertyGroups, ctx: CheckContext): void;
}
