/**
 * The instance walker: visits every node of a resource against the plans that describe it,
 * keeping the FHIRPath location and JSON path stacks, the current/root resource and the
 * enclosing Bundle, and hands each node to the registered checks. Which definitions apply
 * to a node (element, type, profile, extension definition, resource type) is decided here;
 * whether the node conforms is decided by the checks.
 */
import type { Check, CheckContext, ChildItem, EngineServices, FoldedGroups, IssueInput, NodeVisit, PreparedNodeCheck, PropertyGroups, PropertyInfo, RelativeLocation, ResourceFrame } from '../checks/check.js';
import { isPrimitiveType, isResourceType } from '../compile/type-codes.js';
import type { ConformanceResource } from '../defs/types.js';
import type { Issue } from '../model/issue.js';
import type { ChildEntry, ElementPlan } from '../model/plan.js';
import { createBundleIndex } from './bundle-index.js';
import { ChildGroups } from './child-groups.js';
import { withoutVersion } from './canonical.js';
import { locationSegment } from './location.js';
import { formatJsonPath, type SourceLocator } from './source-locator.js';
import { checkIssueCount, spendNode, type WalkBudget } from './walk-budget.js';

/** Chooses the profiles (besides the base type) a resource is validated against. */
export type ProfileSelector = (resource: Record<string, unknown>, frame: { isRoot: boolean; location: string }) => string[];

export interface WalkerOptions {
  services: EngineServices;
  checks: readonly Check[];
  locator?: SourceLocator;
  /** Profiles for the root resource in addition to its type and meta.profile. */
  rootProfiles?: readonly string[];
  /** Extra profile selection (e.g. MessageDefinition-driven); added to meta.profile. */
  selectProfiles?: ProfileSelector;
  /** Which definitions apply to a node of an element and type, kept across validations by one validator. */
  cache?: WalkerCache;
  /** Time and issue budget (limits.maxMillis, limits.maxIssues); BudgetExceeded is thrown when spent. */
  budget?: WalkBudget;
}

/** Per-validator memo of node roots by element and type (plans belong to that validator), and of profile ancestry. */
export interface WalkerCache {
  roots: WeakMap<ElementPlan, Map<string, NodeRoots>>;
  /** An extension's roots by element and url (known extension definitions only). */
  extensionRoots: WeakMap<ElementPlan, Map<string, NodeRoots>>;
  /** The node checks that apply (Check.appliesTo), per checks list, role, element and type. */
  nodeChecks: WeakMap<readonly Check[], NodeCheckLists>;
  /** Canonical url → the urls of the definitions it derives from (baseDefinition, transitively). */
  ancestors: Map<string, Set<string>>;
}

export function createWalkerCache(): WalkerCache {
  return { roots: new WeakMap(), extensionRoots: new WeakMap(), nodeChecks: new WeakMap(), ancestors: new Map() };
}

type NodeCheckLists = Record<NodeVisit['role'], WeakMap<ElementPlan, Map<string, PreparedNodeCheck[]>>>;

/** The checks of cached roots before their first visit (no checks list is this one). */
const NO_CHECKS_YET: NodeChecks = Object.freeze({ forChecks: Object.freeze([]), element: [], roots: [] }) as NodeChecks;

export interface NodeRoots {
  /** Definitions whose children describe the node's properties. */
  childRoots: ElementPlan[];
  /**
   * Definitions whose root-level checks (invariants) apply to the node: the child roots that are a
   * definition's root (not the node's own element) and any further ones (its type's, when the
   * element lists its own children).
   */
  checkRoots: ElementPlan[];
  /** Set on the cached roots of an element and type (rootsFor): their node checks, decided on first use. */
  cachedChecks?: NodeChecks;
  /**
   * The type's profiles, when it lists several (not an extension's): the node must conform to one
   * of them, so which are walked is decided per node (oneOfProfiles).
   */
  alternatives?: Array<{ profile: string; root: ElementPlan }>;
}

/** The node checks of a node's element and of each of its check roots that has any, for one checks list. */
interface NodeChecks {
  forChecks: readonly Check[];
  element: PreparedNodeCheck[];
  roots: Array<{ root: ElementPlan; checks: PreparedNodeCheck[] }>;
}

/**
 * What a profile selector is told about the resource. The location is spelled only if the
 * selector reads it (the MessageDefinition's does not). A class, not an object literal with a
 * getter: V8 gives each such literal a new hidden class holding its getter, and the transition
 * tree (old space) then keeps that getter, so the walker and the whole input it closes over,
 * alive through minor GCs until the next full one: promoted, about 150 kB per BaRS message
 * validation, which made scavenges four times dearer (a fifth of the time of a validation).
 */
class SelectionFrame {
  constructor(
    private readonly walker: InstanceWalker,
    readonly isRoot: boolean,
  ) {}

  get location(): string {
    return this.walker.location();
  }
}

export class InstanceWalker implements CheckContext {
  readonly services: EngineServices;
  private readonly checks: readonly Check[];
  private readonly nodeChecks: Check[];
  private readonly nodeCheckLists: NodeCheckLists;
  private readonly propertyChecks: Check[];
  private readonly locator?: SourceLocator;
  private readonly options: WalkerOptions;
  /** The visit objects reused for the nodes at each depth (segments.length), as children and as definition roots. */
  private readonly childVisits: NodeVisit[] = [];
  private readonly rootVisits: NodeVisit[] = [];
  /** Per depth, the structures walkProperties fills for a node there (see there). */
  private readonly propertyPools: Array<{ properties: PropertyInfo[]; byElement: ChildGroups; groups: PropertyGroups }> = [];
  /** The location path: resource type names and the items walked into (rendered only when an issue needs it). */
  private readonly segments: Array<string | ChildItem> = [];
  private readonly jsonPath: Array<string | number> = [];
  private readonly issues: Issue[];
  private frame!: ResourceFrame;
  private readonly memo = new WeakMap<object, Set<string>>();
  private readonly nodeMemos = new WeakMap<object, unknown[]>();
  /**
   * The definitions each resource has been walked against, by resource and location. A Bundle
   * walked against several profiles reaches each entry once per profile; walking an entry
   * again against the same definition only repeats its issues (which are deduplicated), so it
   * is walked once per definition.
   */
  private readonly walkedRoots = new WeakMap<object, Map<string, Set<ElementPlan>>>();
  private readonly cache: WalkerCache;

  constructor(options: WalkerOptions, sink: Issue[] = []) {
    this.options = options;
    this.services = options.services;
    this.checks = options.checks;
    this.nodeChecks = options.checks.filter((c) => c.checkNode);
    this.propertyChecks = options.checks.filter((c) => c.checkProperties);
    this.locator = options.locator;
    this.issues = sink;
    this.cache = options.cache ?? createWalkerCache();
    let lists = this.cache.nodeChecks.get(options.checks);
    if (!lists) {
      lists = { element: new WeakMap(), root: new WeakMap() };
      this.cache.nodeChecks.set(options.checks, lists);
    }
    this.nodeCheckLists = lists;
  }

  /** The node checks that can report something for nodes of this element, role and type (decided once). */
  private checksFor(element: ElementPlan, role: NodeVisit['role'], typeCode: string): PreparedNodeCheck[] {
    const byElement = this.nodeCheckLists[role];
    let byType = byElement.get(element);
    if (!byType) {
      byType = new Map();
      byElement.set(element, byType);
    }
    let list = byType.get(typeCode);
    if (!list) {
      list = this.prepareChecks(element, role, typeCode, undefined);
      byType.set(typeCode, list);
    }
    return list;
  }

  /**
   * Each node check as prepared for the element, role and type (Check.prepareNode), or its
   * checkNode where appliesTo allows; with a carrier, only what the carrier's own visit leaves.
   */
  private prepareChecks(element: ElementPlan, role: NodeVisit['role'], typeCode: string, carrier: ElementPlan | undefined): PreparedNodeCheck[] {
    const prepared: PreparedNodeCheck[] = [];
    for (const check of this.nodeChecks) {
      if (check.prepareNode) {
        const run = check.prepareNode(element, role, typeCode, carrier);
        if (run) prepared.push(run);
      } else if (!check.appliesTo || (check.appliesTo(element, role, typeCode) && (carrier === undefined || check.appliesTo(element, role, typeCode, carrier)))) {
        prepared.push((visit, ctx) => check.checkNode!(visit, ctx));
      }
    }
    return prepared;
  }

  private runNodeChecks(visit: NodeVisit): void {
    const checks = this.checksFor(visit.element, visit.role, visit.typeCode);
    for (let i = 0; i < checks.length; i++) checks[i](visit, this);
  }

  get resource(): ResourceFrame {
    return this.frame;
  }

  /** Validates a whole resource; returns every issue found (not yet deduplicated). */
  validateResource(resource: Record<string, unknown>): Issue[] {
    const type = typeof resource.resourceType === 'string' ? resource.resourceType : '';
    this.segments.push(type || 'Resource');
    this.visitResource(resource, type, this.options.rootProfiles ?? [], undefined);
    this.segments.pop();
    return this.issues;
  }

  report(issue: IssueInput, at?: RelativeLocation): void {
    let location = this.location();
    let position;
    if (at) {
      location += '.' + locationSegment(at.key, at.index ?? -1, at.element, at.typeCode);
      position = this.positionAt(at.index !== undefined && at.index >= 0 ? [...this.jsonPath, at.key, at.index] : [...this.jsonPath, at.key]);
    } else {
      position = this.positionAt(this.jsonPath);
    }
    // Field by field (issues come in many shapes; a spread of them is V8's slow path).
    const found: Issue = { severity: issue.severity, code: issue.code, ruleId: issue.ruleId, message: issue.message, location };
    if (issue.definition !== undefined) found.definition = issue.definition;
    if (issue.extraCodings !== undefined) found.extraCodings = issue.extraCodings;
    if (position) found.position = position;
    this.issues.push(found);
    if (this.options.budget) checkIssueCount(this.options.budget, this.issues.length);
  }

  private positionAt(segments: ReadonlyArray<string | number>): ReturnType<SourceLocator['positionOf']> {
    const locator = this.locator;
    if (!locator) return undefined;
    return locator.positionAt ? locator.positionAt(segments) : locator.positionOf(formatJsonPath(segments));
  }

  seen(node: object, key: string): boolean {
    let keys = this.memo.get(node);
    if (!keys) {
      keys = new Set();
      this.memo.set(node, keys);
    }
    if (keys.has(key)) return true;
    keys.add(key);
    return false;
  }

  nodeMemo(node: object): unknown[] {
    let memo = this.nodeMemos.get(node);
    if (!memo) {
      memo = [];
      this.nodeMemos.set(node, memo);
    }
    return memo;
  }

  holderValue(): unknown {
    // segments: resource type names (a resource root: its holder is that resource) and the items walked into.
    const holder = this.segments[this.segments.length - 2];
    if (holder === undefined) return undefined;
    return typeof holder === 'string' ? this.frame.resource : holder.value;
  }

  location(): string {
    let out = '';
    for (const segment of this.segments) {
      const text = typeof segment === 'string' ? segment : locationSegment(segment.key, segment.index, segment.element, segment.typeCode);
      out = out === '' ? text : `${out}.${text}`;
    }
    return out;
  }

  conformsTo(value: unknown, typeCode: string, profile: string): boolean {
    const plan = this.services.plans.plan(profile);
    if (!plan) return false;
    const sink: Issue[] = [];
    const nested = new InstanceWalker({ ...this.options, locator: undefined, rootProfiles: [], cache: this.cache }, sink);
    nested.frame = this.frame;
    nested.segments.push(...this.segments);
    if (plan.info.kind === 'resource') {
      const type = value && typeof value === 'object' ? (value as { resourceType?: unknown }).resourceType : undefined;
      if (type !== plan.info.type) return false;
      nested.frame = this.frameFor(value as Record<string, unknown>, type);
      nested.visitResourceAgainst(value as Record<string, unknown>, [profile]);
    } else {
      nested.visitNode({ value, companion: undefined, element: plan.root, typeCode, key: '', role: 'root', parentPath: '', parentType: '', shadows: undefined }, { childRoots: [plan.root], checkRoots: [] }, false);
    }
    return !sink.some((i) => i.severity === 'error' || i.severity === 'fatal');
  }

  /** The frame a resource met outside the walk order has (a Bundle entry, or a contained resource of the current one). */
  private frameFor(resource: Record<string, unknown>, type: string): ResourceFrame {
    const outer = this.frame;
    const bundle = outer.resourceType === 'Bundle' && outer.bundle?.bundle === outer.resource ? outer.bundle : outer.bundle;
    const entry = bundle?.entries.find((e) => e.resource === resource);
    const contained = Array.isArray(outer.resource.contained) && outer.resource.contained.includes(resource);
    return { resource, resourceType: type, root: outer.root, container: contained ? outer : undefined, bundle, entryIndex: entry?.index, fullUrl: entry?.fullUrl };
  }

  private visitResourceAgainst(resource: Record<string, unknown>, profiles: string[]): void {
    const type = typeof resource.resourceType === 'string' ? resource.resourceType : '';
    for (const profile of profiles) {
      const plan = this.services.plans.plan(profile);
      if (plan && plan.info.type === type) this.visitNode({ value: resource, companion: undefined, element: plan.root, typeCode: type, key: type, role: 'root', parentPath: '', parentType: '', shadows: undefined }, { childRoots: [plan.root], checkRoots: [] }, true);
    }
  }

  private visitResource(resource: Record<string, unknown>, type: string, extraProfiles: readonly string[], parent: { container?: ResourceFrame; fullUrl?: string; entryIndex?: number } | undefined): void {
    const base = this.services.plans.typePlan(type);
    if (!base || base.info.kind !== 'resource') return; // the structure check reports the unknown type
    const outer = this.frame;
    const frame: ResourceFrame = {
      resource,
      resourceType: type,
      root: outer?.root ?? (undefined as unknown as ResourceFrame),
      container: parent?.container,
      bundle: outer?.bundle,
      entryIndex: parent?.entryIndex,
      fullUrl: parent?.fullUrl,
    };
    if (!outer) frame.root = frame;
    if (type === 'Bundle') frame.bundle = createBundleIndex(resource);
    this.frame = frame;

    const roots: ElementPlan[] = [base.root];
    const { profiles, selected } = this.profilesFor(resource, extraProfiles, !outer);
    const selectedRoots = new Set<ElementPlan>();
    for (const canonical of profiles) {
      const plan = this.services.plans.plan(canonical);
      if (!plan) {
        this.report({ severity: 'warning', code: 'not-found', ruleId: 'profile-unknown', message: `Profile reference '${canonical}' has not been checked because it could not be found` });
        continue;
      }
      if (plan.info.type !== type) {
        this.report({ severity: 'error', code: 'invalid', ruleId: 'profile-wrong-type', message: `The profile ${canonical} is for the type ${plan.info.type}, but the resource is a ${type}` });
        continue;
      }
      if (!roots.includes(plan.root)) roots.push(plan.root);
      if (selected.has(canonical)) selectedRoots.add(plan.root);
    }
    const walked = this.walkedRootsAt(resource);
    const subsumed = this.subsumedRoots(roots, selectedRoots);
    const shadowsOf = this.foldAncestors(roots, subsumed);
    for (const root of roots) {
      if (walked.has(root)) continue;
      walked.add(root);
      const visit: NodeVisit = { value: resource, companion: undefined, element: root, typeCode: type, key: type, role: 'root', parentPath: '', parentType: '', shadows: shadowsOf.get(root) };
      // A definition that a selected profile (the MessageDefinition's) derives from holds
      // nothing that profile's snapshot does not (a snapshot carries every inherited element,
      // constraint and binding, only narrowed): its root-level checks run (some belong to the
      // base type alone), its elements are walked with the selected profile only. The base type
      // and meta.profile are otherwise walked each on their own, as the HL7 Java validator
      // does, which reports the same defect once per definition.
      if (subsumed.has(root)) this.visitAsRoot(visit, root);
      else this.visitNode(visit, { childRoots: [root], checkRoots: [] }, true);
    }
    this.frame = outer;
  }

  /**
   * Folds each root that another root derives from into the walk of a root nothing else
   * derives from (the base type into UK Core, UK Core into a BaRS profile, a Bundle profile into
   * the Application's): one walk, in which the checks whose answer can differ between the
   * definitions (cardinality, bindings) also check the folded ones' elements
   * (NodeVisit.shadows), so the issues are those of walking each. The folded roots join
   * `subsumed` (their root-level checks still run); returns the folded roots by carrier.
   */
  private foldAncestors(roots: readonly ElementPlan[], subsumed: Set<ElementPlan>): Map<ElementPlan, ElementPlan[]> {
    const shadowsOf = new Map<ElementPlan, ElementPlan[]>();
    const open = roots.filter((r) => !subsumed.has(r));
    if (open.length < 2) return shadowsOf;
    const derivesFrom = (root: ElementPlan, ancestor: ElementPlan) => root !== ancestor && this.ancestorsOf(root.structure.url).has(ancestor.structure.url);
    const leaves = open.filter((r) => !open.some((other) => derivesFrom(other, r)));
    for (const root of open) {
      if (leaves.includes(root)) continue;
      const carrier = leaves.find((leaf) => derivesFrom(leaf, root));
      if (!carrier) continue;
      subsumed.add(root);
      const list = shadowsOf.get(carrier);
      if (list) list.push(root);
      else shadowsOf.set(carrier, [root]);
    }
    return shadowsOf;
  }

  /** The roots that a selected root's definition derives from. */
  private subsumedRoots(roots: readonly ElementPlan[], selected: ReadonlySet<ElementPlan>): Set<ElementPlan> {
    const out = new Set<ElementPlan>();
    if (selected.size === 0) return out;
    for (const root of roots) {
      for (const other of selected) {
        if (other !== root && this.ancestorsOf(other.structure.url).has(root.structure.url)) {
          out.add(root);
          break;
        }
      }
    }
    return out;
  }

  private ancestorsOf(url: string): Set<string> {
    let found = this.cache.ancestors.get(url);
    if (!found) {
      found = new Set();
      let definition = this.services.defs.resolve<{ baseDefinition?: string } & ConformanceResource>(url, 'StructureDefinition');
      while (definition?.baseDefinition && !found.has(withoutVersion(definition.baseDefinition))) {
        const base = withoutVersion(definition.baseDefinition);
        found.add(base);
        definition = this.services.defs.resolve(base, 'StructureDefinition');
      }
      this.cache.ancestors.set(url, found);
    }
    return found;
  }

  private walkedRootsAt(resource: Record<string, unknown>): Set<ElementPlan> {
    let byLocation = this.walkedRoots.get(resource);
    if (!byLocation) {
      byLocation = new Map();
      this.walkedRoots.set(resource, byLocation);
    }
    const location = this.jsonPath.join('.');
    let walked = byLocation.get(location);
    if (!walked) {
      walked = new Set();
      byLocation.set(location, walked);
    }
    return walked;
  }

  /** meta.profile, the selector's profiles (also returned apart, as `selected`) and the element's. */
  private profilesFor(resource: Record<string, unknown>, extra: readonly string[], isRoot: boolean): { profiles: string[]; selected: Set<string> } {
    const found: string[] = [];
    const selected = new Set<string>();
    const meta = resource.meta as { profile?: unknown } | undefined;
    if (meta && Array.isArray(meta.profile)) {
      for (const p of meta.profile) if (typeof p === 'string' && !found.includes(p)) found.push(p);
    }
    if (this.options.selectProfiles) {
      for (const p of this.options.selectProfiles(resource, new SelectionFrame(this, isRoot))) {
        selected.add(p);
        if (!found.includes(p)) found.push(p);
      }
    }
    for (const p of extra) if (!found.includes(p)) found.push(p);
    return { profiles: found, selected };
  }

  /** Runs the node checks, then walks the node's properties against each child root. */
  private visitNode(visit: NodeVisit, roots: NodeRoots, isResourceRoot: boolean): void {
    if (this.options.budget) spendNode(this.options.budget);
    let checks = roots.cachedChecks;
    if (checks !== undefined && checks.forChecks !== this.checks) checks = roots.cachedChecks = this.nodeChecksOf(visit, roots);
    if (checks !== undefined) {
      for (let i = 0; i < checks.element.length; i++) checks.element[i](visit, this);
      // The roots of the definitions applied to the node (type, profiles, extension definition) have their own constraints.
      for (let i = 0; i < checks.roots.length; i++) this.visitAsRoot(visit, checks.roots[i].root, checks.roots[i].checks);
    } else {
      this.runNodeChecks(visit);
      for (const root of roots.checkRoots) this.visitAsRoot(visit, root);
    }
    const value = visit.value;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      // The folded elements' children (their own, or their type's) go with the first child root, unless they are the same.
      const shadowParents = visit.shadows ? this.shadowParents(visit.shadows, visit.typeCode, roots.childRoots[0]) : undefined;
      for (let i = 0; i < roots.childRoots.length; i++) {
        this.walkProperties(visit, value as Record<string, unknown>, roots.childRoots[i], isResourceRoot, i === 0 ? shadowParents : undefined);
      }
    }
    const companion = visit.companion;
    if (companion !== null && typeof companion === 'object' && !Array.isArray(companion) && isPrimitiveType(visit.typeCode)) {
      const typeRoot = this.services.plans.typePlan(visit.typeCode)?.root;
      if (typeRoot) this.walkProperties({ ...visit, value: companion, companion: undefined }, companion as Record<string, unknown>, typeRoot, false);
    }
  }

  /** The elements whose children describe the node in the folded definitions, leaving out the walked one and repeats. */
  private shadowParents(shadows: readonly ElementPlan[], typeCode: string, walked: ElementPlan | undefined): ElementPlan[] | undefined {
    let out: ElementPlan[] | undefined;
    for (const shadow of shadows) {
      const parent = this.childrenSource(shadow, typeCode);
      if (!parent || parent === walked || out?.includes(parent)) continue;
      (out ??= []).push(parent);
    }
    return out;
  }

  /** The element whose children describe a node of `element` (its own, or its type's). */
  private childrenSource(element: ElementPlan, typeCode: string): ElementPlan | undefined {
    return ownChildrenOf(element) ?? this.services.plans.typePlan(typeCode)?.root;
  }

  /** The node checks for a visit of cached roots (role element) and for each of their check roots. */
  private nodeChecksOf(visit: NodeVisit, roots: NodeRoots): NodeChecks {
    const found: NodeChecks = { forChecks: this.checks, element: this.checksFor(visit.element, visit.role, visit.typeCode), roots: [] };
    for (const root of roots.checkRoots) {
      // Decided once per element and type: what the element's own checks cover is left out (Check.appliesTo).
      const checks = this.prepareChecks(root, 'root', visit.typeCode, visit.element);
      if (checks.length > 0) found.roots.push({ root, checks });
    }
    return found;
  }

  private visitAsRoot(visit: NodeVisit, root: ElementPlan, checks: PreparedNodeCheck[] = this.checksFor(root, 'root', visit.typeCode)): void {
    if (checks.length === 0) return;
    // As for child visits, one per depth (a root's checks never walk: nothing else runs at this depth meanwhile).
    const depth = this.segments.length;
    let rootVisit = this.rootVisits[depth];
    if (rootVisit === undefined) {
      rootVisit = { value: undefined, companion: undefined, element: root, typeCode: '', key: '', role: 'root', parentPath: '', parentType: '', shadows: undefined };
      this.rootVisits[depth] = rootVisit;
    }
    rootVisit.value = visit.value;
    rootVisit.companion = visit.companion;
    rootVisit.element = root;
    rootVisit.typeCode = visit.typeCode;
    rootVisit.key = visit.key;
    rootVisit.parentPath = visit.parentPath;
    rootVisit.parentType = visit.parentType;
    for (let i = 0; i < checks.length; i++) checks[i](rootVisit, this);
  }

  private walkProperties(node: NodeVisit, object: Record<string, unknown>, parent: ElementPlan, isResourceRoot: boolean, shadowParents?: readonly ElementPlan[]): void {
    // Counted first (for-in reads the object's cached key list): an exact array, not a pushed
    // one, which takes room for 17 from the first push.
    let count = 0;
    for (const _ in object) count++;
    // The property list, its objects, the child groups and the groups object are kept per depth
    // and refilled (the property checks are done with them when this call returns; the children's
    // own calls use the next depth's).
    const depth = this.segments.length;
    let pool = this.propertyPools[depth];
    if (pool === undefined) {
      const fresh = new ChildGroups(count);
      pool = { properties: [], byElement: fresh, groups: { parent, properties: [], byElement: fresh, isResourceRoot, shadows: undefined } };
      pool.groups.properties = pool.properties;
      this.propertyPools[depth] = pool;
    }
    const properties = pool.properties;
    properties.length = count;
    const children = parent.children;
    let companions = false;
    let at = 0;
    for (const key in object) {
      const isCompanion = key.charCodeAt(0) === 95; /* _ */
      if (isCompanion) companions = true;
      const entry = children.get(isCompanion ? key.slice(1) : key);
      const reused = properties[at];
      if (reused === undefined) {
        properties[at] = { key, value: object[key], isCompanion, entry };
      } else {
        reused.key = key;
        reused.value = object[key];
        reused.isCompanion = isCompanion;
        reused.entry = entry;
      }
      at++;
    }
    const byElement = pool.byElement;
    byElement.reset(count);
    for (const p of properties) {
      const entry = p.entry;
      if (!entry) continue;
      const typeCode = entry.typeCode ?? defaultType(entry.element);
      if (!p.isCompanion) {
        addItems(byElement, p.key, p.value, companions ? object['_' + p.key] : undefined, entry.element, typeCode);
      } else if (!Object.prototype.hasOwnProperty.call(object, p.key.slice(1))) {
        // A primitive given only by its `_name` companion (extensions without a value).
        addItems(byElement, p.key.slice(1), undefined, p.value, entry.element, typeCode);
      }
    }
    const groups = pool.groups;
    groups.parent = parent;
    groups.isResourceRoot = isResourceRoot;
    groups.shadows = shadowParents ? shadowParents.map((shadowParent) => new FoldedGrouping(shadowParent, groups, object, companions)) : undefined;
    for (const check of this.propertyChecks) check.checkProperties!(node, groups, this);

    let lastKey: string | undefined;
    let folded: ElementPlan[] | undefined;
    for (let i = 0; i < byElement.size; i++) {
      for (const item of byElement.itemsAt(i)) {
        if (shadowParents && item.key !== lastKey) {
          lastKey = item.key;
          folded = foldedElementsAt(shadowParents, item.key);
        }
        this.visitChild(node, object, parent, item, folded);
      }
    }
  }

  private visitChild(parentNode: NodeVisit, parentObject: Record<string, unknown>, parent: ElementPlan, item: ChildItem, shadows?: ElementPlan[]): void {
    const element = item.slice ?? item.element;
    const typeCode = item.typeCode ?? 'Element';
    this.segments.push(item);
    this.jsonPath.push(item.key);
    if (item.index >= 0) this.jsonPath.push(item.index);
    // One visit object per depth, refilled for each node there (a node's visit is done with when
    // its siblings come; its children use the next depth's): no object per node.
    const depth = this.segments.length;
    let visit = this.childVisits[depth];
    if (visit === undefined) {
      visit = { value: undefined, companion: undefined, element, typeCode, key: '', role: 'element', parentPath: '', parentType: '', shadows: undefined };
      this.childVisits[depth] = visit;
    }
    visit.value = item.value;
    visit.companion = item.companion;
    visit.element = element;
    visit.typeCode = typeCode;
    visit.key = item.key;
    visit.parentPath = elementPathOf(parentNode.element);
    visit.parentType = parentNode.typeCode;
    // An extension is walked against the definition its url names in both walks: nothing differs to shadow.
    visit.shadows = typeCode !== 'Extension' ? shadows : undefined;
    const value = item.value;
    // The value's shape first: most children are primitives, and need no type plan look-up here.
    if (value && typeof value === 'object' && !Array.isArray(value) && (isResourceType(typeCode) || this.services.plans.typePlan(typeCode)?.info.kind === 'resource')) {
      this.runNodeChecks(visit);
      const resource = value as Record<string, unknown>;
      const type = typeof resource.resourceType === 'string' ? resource.resourceType : '';
      const inEntry = parent.path === 'Bundle.entry' && item.key === 'resource';
      // Several profiles on one type mean "any of them": keep those for this resource's type.
      let extra = (element.types.find((t) => t.code === typeCode)?.profiles ?? []).filter((p) => this.services.plans.plan(p)?.info.type === type);
      if (extra.length > 1) {
        const match = extra.find((p) => this.conformsTo(resource, type, p));
        if (match) extra = [match];
      }
      this.visitResource(resource, type, extra, {
        container: item.key === 'contained' ? this.frame : undefined,
        fullUrl: inEntry && typeof parentObject.fullUrl === 'string' ? parentObject.fullUrl : undefined,
        entryIndex: inEntry ? Number(this.jsonPath[this.jsonPath.length - 3]) : undefined,
      });
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value) || item.companion !== undefined || isPrimitiveType(typeCode)) {
      const roots = this.rootsFor(element, typeCode, value);
      this.visitNode(visit, roots.alternatives ? this.oneOfProfiles(roots, roots.alternatives, typeCode, value) : roots, false);
    } else {
      this.runNodeChecks(visit);
    }
    if (item.index >= 0) this.jsonPath.pop();
    this.jsonPath.pop();
    this.segments.pop();
  }

  /**
   * Several profiles on a type mean "any of them" (as for resources in visitChild): the node is
   * walked against the first it conforms to and not the others; conforming to none is an error of
   * its own, and then each profile is walked, for what each finds.
   */
  private oneOfProfiles(roots: NodeRoots, alternatives: NonNullable<NodeRoots['alternatives']>, typeCode: string, value: unknown): NodeRoots {
    const match = alternatives.find((a) => this.conformsTo(value, typeCode, a.profile));
    if (match === undefined) {
      this.report({ severity: 'error', code: 'structure', ruleId: 'profile-no-match', message: `Unable to find a match for the specified profile among choices: ${alternatives.map((a) => a.profile).join(', ')}` });
      return roots;
    }
    const others = new Set(alternatives.filter((a) => a !== match).map((a) => a.root));
    return { childRoots: roots.childRoots.filter((r) => !others.has(r)), checkRoots: roots.checkRoots.filter((r) => !others.has(r)) };
  }

  private rootsFor(element: ElementPlan, typeCode: string, value: unknown): NodeRoots {
    // Extensions depend on their url; everything else only on element and type.
    if (typeCode === 'Extension') return this.extensionRootsFor(element, value);
    let byType = this.cache.roots.get(element);
    if (!byType) {
      byType = new Map();
      this.cache.roots.set(element, byType);
    }
    let roots = byType.get(typeCode);
    if (!roots) {
      roots = this.computeRoots(element, typeCode, value);
      // Marks these roots as cached; the first visit decides their checks (nodeChecksOf).
      roots.cachedChecks = NO_CHECKS_YET;
      byType.set(typeCode, roots);
    }
    return roots;
  }

  /**
   * An extension's roots, kept per element and url when the url names a known extension
   * definition (a bounded set); an unknown url's are computed each time, so that urls read from
   * inputs do not grow the cache.
   */
  private extensionRootsFor(element: ElementPlan, value: unknown): NodeRoots {
    const url = value !== null && typeof value === 'object' ? (value as { url?: unknown }).url : undefined;
    if (typeof url !== 'string') return this.computeRoots(element, 'Extension', value);
    let byUrl = this.cache.extensionRoots.get(element);
    let roots = byUrl?.get(url);
    if (!roots) {
      roots = this.computeRoots(element, 'Extension', value);
      if (this.services.plans.plan(withoutVersion(url))?.info.type !== 'Extension') return roots;
      roots.cachedChecks = NO_CHECKS_YET;
      if (!byUrl) this.cache.extensionRoots.set(element, (byUrl = new Map()));
      byUrl.set(url, roots);
    }
    return roots;
  }

  private computeRoots(element: ElementPlan, typeCode: string, value: unknown): NodeRoots {
    const plans = this.services.plans;
    const childRoots: ElementPlan[] = [];
    const checkRoots: ElementPlan[] = [];
    const typeRoot = plans.typePlan(typeCode)?.root;
    if (typeCode === 'Extension') {
      const url = value && typeof value === 'object' ? (value as { url?: unknown }).url : undefined;
      const definition = typeof url === 'string' ? plans.plan(withoutVersion(url)) : undefined;
      if (definition && definition.info.type === 'Extension') childRoots.push(definition.root);
    }
    const own = ownChildrenOf(element);
    if (own) childRoots.push(own);
    if (childRoots.length === 0 && typeRoot) childRoots.push(typeRoot);
    else if (typeRoot && !childRoots.includes(typeRoot)) checkRoots.push(typeRoot);
    const alternatives: NonNullable<NodeRoots['alternatives']> = [];
    {
      const type = element.types.find((t) => t.code === typeCode);
      for (const profile of type?.profiles ?? []) {
        const plan = plans.plan(profile);
        if (!plan) continue;
        // An extension is already walked against the definition its url names; a different required profile is walked too.
        if (typeCode === 'Extension' && childRoots.includes(plan.root)) continue;
        // A profile may apply from one of its elements (elementdefinition-profile-element), else from its root when it is for this type.
        const fromElement = type?.profileElements?.[profile];
        const root = fromElement ? plan.byId.get(fromElement) : plan.info.type === typeCode ? plan.root : undefined;
        if (root && !childRoots.includes(root)) {
          childRoots.push(root);
          if (!fromElement) alternatives.push({ profile, root });
        }
      }
    }
    // Decided here once (roots are cached per element and type), not per node.
    const definitionRoots = childRoots.filter((root) => root !== element && !root.path.includes('.'));
    const roots: NodeRoots = { childRoots, checkRoots: [...definitionRoots, ...checkRoots] };
    if (alternatives.length > 1 && typeCode !== 'Extension') roots.alternatives = alternatives;
    return roots;
  }

  /** The checks this walker runs (for nested walkers). */
  get registeredChecks(): readonly Check[] {
    return this.checks;
  }
}

/**
 * The properties of a node grouped by the children of a folded definition's element (see
 * foldAncestors), made when first read: cardinality reads it only where the main grouping
 * cannot answer for the folded element (cardinality.ts).
 */
class FoldedGrouping implements FoldedGroups {
  private made: ChildGroups | undefined;

  constructor(
    readonly parent: ElementPlan,
    private readonly groups: PropertyGroups,
    private readonly object: Record<string, unknown>,
    private readonly companions: boolean,
  ) {}

  get byElement(): ChildGroups {
    return (this.made ??= groupFolded(this.groups, this.object, this.parent, this.companions));
  }
}

/** The properties matched against a folded element's children; a plain element shares the main grouping's items. */
function groupFolded(groups: PropertyGroups, object: Record<string, unknown>, shadowParent: ElementPlan, companions: boolean): ChildGroups {
  const byElement = new ChildGroups(groups.properties.length);
  const children = shadowParent.children;
  for (const p of groups.properties) {
    const key = p.isCompanion ? p.key.slice(1) : p.key;
    const entry = children.get(key);
    if (!entry) continue;
    const shared = sameItems(p.entry, entry) ? groups.byElement.get(p.entry!.element) : undefined;
    if (shared) {
      // The main walk's items for this one name (and its companion): cardinality only counts them.
      if (!byElement.has(entry.element)) byElement.set(entry.element, shared);
    } else {
      const typeCode = entry.typeCode ?? defaultType(entry.element);
      if (!p.isCompanion) addItems(byElement, p.key, p.value, companions ? object['_' + p.key] : undefined, entry.element, typeCode);
      else if (!Object.prototype.hasOwnProperty.call(object, key)) addItems(byElement, key, undefined, p.value, entry.element, typeCode);
    }
  }
  return byElement;
}

/** The folded definitions' elements for a property name (a choice's type slice counts as the choice), without repeats. */
function foldedElementsAt(shadowParents: readonly ElementPlan[], key: string): ElementPlan[] | undefined {
  let out: ElementPlan[] | undefined;
  for (const shadowParent of shadowParents) {
    const entry = shadowParent.children.get(key);
    if (!entry) continue;
    const element = entry.element.slicedFrom?.isChoice ? entry.element.slicedFrom : entry.element;
    if (!out) out = [element];
    else if (!out.includes(element)) out.push(element);
  }
  return out;
}

/**
 * The element itself, or the element its slice slices, when the snapshot lists its children.
 * A choice element's own children are only those common to its types: the type supplies the rest.
 */
function ownChildrenOf(element: ElementPlan): ElementPlan | undefined {
  if (element.hasOwnChildren && !element.isChoice) return element;
  if (element.slicedFrom?.hasOwnChildren && !element.slicedFrom.isChoice) return element.slicedFrom;
  return undefined;
}

/** The element's path; for one defined by contentReference (Questionnaire.item.item), the path it reuses. */
function elementPathOf(element: ElementPlan): string {
  const ref = element.contentReference;
  return ref ? ref.slice(ref.indexOf('#') + 1) : element.path;
}

function defaultType(element: ElementPlan): string | undefined {
  return element.types.length > 0 ? element.types[0].code : undefined;
}

function addItems(byElement: ChildGroups, key: string, value: unknown, companion: unknown, matched: ElementPlan, typeCode: string | undefined): void {
  // A choice narrowed to one type (`value[x]:valueQuantity`, or a renamed `valueQuantity`) counts under the choice element.
  const narrowed = matched.slicedFrom?.isChoice === true;
  const element = narrowed ? matched.slicedFrom! : matched;
  const slice = narrowed ? matched : undefined;
  const items = byElement.get(element);
  if (Array.isArray(value) || (value === undefined && Array.isArray(companion))) {
    const values = Array.isArray(value) ? value : [];
    const companions = Array.isArray(companion) ? companion : [];
    const length = Math.max(values.length, companions.length);
    // Sized once: an empty array grown by push takes room for 17 items.
    const made: ChildItem[] = new Array(length);
    for (let i = 0; i < length; i++) {
      made[i] = { key, index: i, value: values[i], companion: companions[i] ?? undefined, element, typeCode, slice };
    }
    if (!items) byElement.set(element, made);
    else for (let i = 0; i < length; i++) items.push(made[i]);
  } else {
    const item: ChildItem = { key, index: element.isArray ? 0 : -1, value, companion, element, typeCode, slice };
    if (!items) byElement.set(element, [item]);
    else items.push(item);
  }
}

/**
 * The main walk's items for a property can stand for a folded definition's too: both name one
 * plain element (no choice, no type slice), so the items are that property's alone.
 */
function sameItems(main: ChildEntry | undefined, shadow: ChildEntry): boolean {
  return main !== undefined && !main.element.isChoice && !main.element.slicedFrom?.isChoice && !shadow.element.isChoice && !shadow.element.slicedFrom?.isChoice;
}
