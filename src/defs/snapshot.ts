/**
 * StructureDefinition snapshot generation: the base's snapshot with the differential merged
 * in (FHIR R4 profiling rules). Profile errors become issues; nothing is thrown. Inputs are
 * never changed. Pure TypeScript (no Node imports) so it can run in a browser.
 */
import type { ElementDefinition, ElementDefinitionType, StructureDefinition } from 'fhir/r4.js';
import type { Issue } from '../model/issue.js';
import type { DefinitionSet } from './types.js';
import { mergeElement } from './snapshot-merge.js';
import {
  buildTemplateTree,
  copyTemplate,
  copyWorkNode,
  flattenTree,
  parseElementId,
  type IdSegment,
  type TemplateNode,
  type WorkNode,
} from './snapshot-tree.js';

/**
 * Memoisation owned by the caller: snapshots generated for bases and type profiles, and the
 * element trees of snapshots already read. Reuse one per DefinitionSet, never across sets.
 */
export interface SnapshotCache {
  readonly generated: Map<string, StructureDefinition>;
  readonly trees: Map<StructureDefinition, TemplateNode | undefined>;
}

export function createSnapshotCache(): SnapshotCache {
  return { generated: new Map(), trees: new Map() };
}

export interface SnapshotOptions {
  cache?: SnapshotCache;
  /**
   * Asked for a stand-in when a profile's baseDefinition is not loaded (e.g. the R4 base of the
   * same type when UK Core is absent; see ukcore-fallback.ts). Without it, or when it answers
   * undefined, the missing base is an error.
   */
  substituteBase?: (baseUrl: string, sd: StructureDefinition) => StructureDefinition | undefined;
}

export interface SnapshotResult {
  structureDefinition: StructureDefinition;
  issues: Issue[];
}

/** Implicit slicing that FHIR gives extension elements and renamed choice elements. */
/** Stands in for the element of a new type's child until its definition is applied. */
const NEW_ELEMENT: ElementDefinition = deepFreeze({ path: '' } as ElementDefinition);
const EXTENSION_SLICING = deepFreeze({ discriminator: [{ type: 'value' as const, path: 'url' }], ordered: false, rules: 'open' as const });
const CHOICE_SLICING = deepFreeze({ discriminator: [{ type: 'type' as const, path: '$this' }], ordered: false, rules: 'closed' as const });

/** The FHIR primitive types whose value each FHIRPath system type carries. */
const SYSTEM_TYPE_PRIMITIVES: Readonly<Record<string, readonly string[]>> = deepFreeze({
  'http://hl7.org/fhirpath/System.String': ['string', 'code', 'id', 'uri', 'url', 'canonical', 'oid', 'uuid', 'markdown', 'base64Binary', 'xhtml'],
  'http://hl7.org/fhirpath/System.Boolean': ['boolean'],
  'http://hl7.org/fhirpath/System.Integer': ['integer', 'positiveInt', 'unsignedInt'],
  'http://hl7.org/fhirpath/System.Decimal': ['decimal'],
  'http://hl7.org/fhirpath/System.Date': ['date'],
  'http://hl7.org/fhirpath/System.DateTime': ['dateTime', 'instant'],
  'http://hl7.org/fhirpath/System.Time': ['time'],
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}

export function generateSnapshot(sd: StructureDefinition, defs: DefinitionSet, options: SnapshotOptions = {}): SnapshotResult {
  const generator = new SnapshotGenerator(defs, options.cache ?? createSnapshotCache(), options.substituteBase);
  try {
    return generator.generate(sd);
  } catch (error) {
    // Defensive: a malformed profile that slips past the checks must still end as an issue.
    const message = `snapshot generation for ${sd?.url} failed on malformed content: ${error instanceof Error ? error.message : String(error)}`;
    return { structureDefinition: structuredClone(sd), issues: [generator.issue(sd, 'fatal', 'snapshot-malformed-profile', message)] };
  }
}

function canonicalKey(sd: StructureDefinition): string {
  return `${sd.url}|${sd.version ?? ''}`;
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function typeCodes(element: ElementDefinition): string[] {
  return [...new Set((element.type ?? []).map((t) => t.code))];
}

class SnapshotGenerator {
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly defs: DefinitionSet,
    private readonly cache: SnapshotCache,
    readonly substituteBase?: SnapshotOptions['substituteBase'],
  ) {}

  generate(sd: StructureDefinition): SnapshotResult {
    const key = canonicalKey(sd);
    if (this.inProgress.has(key)) {
      return { structureDefinition: structuredClone(sd), issues: [this.issue(sd, 'error', 'snapshot-cycle', `${sd.url} is its own base (directly or through type profiles)`)] };
    }
    this.inProgress.add(key);
    try {
      return new ProfileRun(this, sd).run();
    } finally {
      this.inProgress.delete(key);
    }
  }

  /** A StructureDefinition with a snapshot: the one given if it has one, else one generated (memoised). */
  withSnapshot(sd: StructureDefinition, issues: Issue[]): StructureDefinition | undefined {
    if (sd.snapshot?.element?.length) return sd;
    const key = canonicalKey(sd);
    const done = this.cache.generated.get(key);
    if (done) return done;
    const result = this.generate(sd);
    for (const issue of result.issues) if (issue.severity === 'error' || issue.severity === 'fatal') issues.push(issue);
    if (!result.structureDefinition.snapshot?.element?.length) return undefined;
    this.cache.generated.set(key, result.structureDefinition);
    return result.structureDefinition;
  }

  resolveStructure(canonical: string): StructureDefinition | undefined {
    return this.defs.resolve<StructureDefinition & { resourceType: 'StructureDefinition'; [key: string]: unknown }>(canonical, 'StructureDefinition');
  }

  typeStructure(code: string): StructureDefinition | undefined {
    return this.defs.typeDefinition<StructureDefinition & { resourceType: 'StructureDefinition'; [key: string]: unknown }>(code);
  }

  templateTree(sd: StructureDefinition): TemplateNode | undefined {
    if (this.cache.trees.has(sd)) return this.cache.trees.get(sd);
    const { root } = buildTemplateTree(sd.snapshot?.element ?? []);
    this.cache.trees.set(sd, root);
    return root;
  }

  /** Whether `code` is `baseCode` or derives from it (Age from Quantity, Patient from Resource). */
  derivesFrom(code: string, baseCode: string): boolean {
    let current: string | undefined = code;
    for (let depth = 0; current && depth < 20; depth++) {
      if (current === baseCode) return true;
      const def = this.typeStructure(current);
      const baseUrl = def?.baseDefinition;
      if (!baseUrl) return false;
      const baseType: string | undefined = this.resolveStructure(baseUrl)?.type;
      if (baseType === current) return false;
      current = baseType;
    }
    return false;
  }

  /**
   * Whether `profile` is one of `allowed` or derives from one through its base definitions.
   * Undefined when the chain leaves the loaded definitions (nothing can be said then).
   */
  profileConformsTo(profile: string, allowed: readonly string[]): boolean | undefined {
    const wanted = new Set(allowed.map((url) => url.split('|')[0]));
    let current: string | undefined = profile.split('|')[0];
    for (let depth = 0; current && depth < 30; depth++) {
      if (wanted.has(current)) return true;
      const sd = this.resolveStructure(current);
      if (!sd) return undefined;
      // Resource and DomainResource allow every resource.
      if (!sd.baseDefinition) return false;
      current = sd.baseDefinition.split('|')[0];
    }
    return false;
  }

  issue(sd: StructureDefinition, severity: Issue['severity'], ruleId: string, message: string, location?: string): Issue {
    const issue: Issue = { severity, code: severity === 'information' ? 'informational' : 'structure', ruleId, message, definition: sd.version ? `${sd.url}|${sd.version}` : sd.url };
    if (location) issue.location = location;
    return issue;
  }
}

/** One profile's generation: the working tree, the issues, and the choice elements sliced implicitly. */
class ProfileRun {
  private readonly issues: Issue[] = [];
  private readonly implicitChoiceSlicing = new Set<WorkNode>();
  private readonly explicitlyTyped = new Set<WorkNode>();
  private root!: WorkNode;
  private baseRoot: TemplateNode | undefined;
  /** The profile defines a new type (derivation specialization): unknown elements are new ones. */
  private specializing = false;
  /** Core resources and primitive types leave the implicit url slicing of their extensions unstated. */
  private extensionSlicingUnstated = false;

  constructor(
    private readonly gen: SnapshotGenerator,
    private readonly sd: StructureDefinition,
  ) {}

  private report(severity: Issue['severity'], ruleId: string, message: string, location?: string): void {
    this.issues.push(this.gen.issue(this.sd, severity, ruleId, message, location));
  }

  run(): SnapshotResult {
    const sd = this.sd;
    const listed: unknown = sd.differential?.element ?? [];
    if (!Array.isArray(listed)) this.report('error', 'snapshot-invalid-element', `${sd.url}: differential.element is not a list`);
    const differential = (Array.isArray(listed) ? listed : []) as ElementDefinition[];
    if (sd.baseDefinition !== undefined && typeof sd.baseDefinition !== 'string') {
      this.report('error', 'snapshot-base-not-found', `${sd.url}: baseDefinition is not a canonical URL`);
      return { structureDefinition: structuredClone(sd), issues: this.issues };
    }
    if (!sd.baseDefinition) {
      if (!sd.snapshot?.element?.length) this.report('error', 'snapshot-no-base', `${sd.url} has neither a baseDefinition nor a snapshot`);
      return { structureDefinition: structuredClone(sd), issues: this.issues };
    }
    let baseSd = this.gen.resolveStructure(sd.baseDefinition);
    if (!baseSd) {
      baseSd = this.gen.substituteBase?.(sd.baseDefinition, sd);
      if (!baseSd) {
        this.report('error', 'snapshot-base-not-found', `base ${sd.baseDefinition} of ${sd.url} is not in the loaded definitions`);
        return { structureDefinition: structuredClone(sd), issues: this.issues };
      }
      this.report('information', 'snapshot-base-substituted', `base ${sd.baseDefinition} of ${sd.url} is not loaded: ${baseSd.url} stands in for it`);
    }
    const base = this.gen.withSnapshot(baseSd, this.issues);
    const baseRoot = base ? this.gen.templateTree(base) : undefined;
    if (!baseRoot) {
      this.report('error', 'snapshot-base-without-snapshot', `base ${sd.baseDefinition} of ${sd.url} has no snapshot and none could be generated`);
      return { structureDefinition: structuredClone(sd), issues: this.issues };
    }
    this.baseRoot = baseRoot;
    this.root = copyTemplate(baseRoot);
    if (sd.derivation === 'specialization') {
      // A new type: the base's elements are inherited under the new type's name; the differential adds its own.
      this.specializing = true;
      if (typeof sd.type !== 'string' || !sd.type) {
        this.report('error', 'snapshot-invalid-element', `${sd.url}: a specialization needs a type name`);
        return { structureDefinition: structuredClone(sd), issues: this.issues };
      }
      this.root.name = sd.type.includes('/') ? sd.type.slice(sd.type.lastIndexOf('/') + 1) : sd.type;
      this.root.element = { ...this.root.element, base: { path: this.root.name, min: 0, max: '*' } };
      this.extensionSlicingUnstated = sd.kind === 'primitive-type' || this.gen.derivesFrom(sd.type, 'Resource');
      if (this.extensionSlicingUnstated) this.unstateExtensionSlicing(this.root);
    }

    const sliceContext = new Map<string, string>();
    for (const diff of differential) this.applyDifferential(diff, sliceContext);
    this.finishImplicitChoiceSlicing();

    const elements = flattenTree(this.root, this.root.name);
    const result: StructureDefinition = structuredClone(sd);
    result.snapshot = { element: structuredClone(elements) };
    return { structureDefinition: result, issues: this.issues };
  }

  /**
   * The id segments of a differential element. The path decides, as in the HL7 tooling: an
   * id that names other elements than the path is reported and set aside. Without a usable
   * id, each ancestor's slice is the one the differential last entered at that path.
   */
  private segmentsOf(diff: ElementDefinition, sliceContext: Map<string, string>): IdSegment[] {
    const names = diff.path.split('.');
    let segments = diff.id ? parseElementId(diff.id, diff.path) : undefined;
    if (segments && (segments.length !== names.length || segments.some((s, i) => s.name !== names[i]))) {
      this.report('warning', 'snapshot-id-path-mismatch', `${diff.id}: the id does not name the element at path ${diff.path}; the path is used`, diff.id);
      segments = undefined;
    }
    segments ??= names.map((name, i) => {
      const sliceName = i === names.length - 1 ? diff.sliceName : sliceContext.get(names.slice(0, i + 1).join('.'));
      return sliceName === undefined ? { name } : { name, sliceName };
    });
    segments.forEach((segment, i) => {
      const prefix = names.slice(0, i + 1).join('.');
      if (segment.sliceName !== undefined) sliceContext.set(prefix, segment.sliceName);
      else if (i === segments.length - 1) sliceContext.delete(prefix);
    });
    return segments;
  }

  private applyDifferential(diff: ElementDefinition, sliceContext: Map<string, string>): void {
    if (!diff || typeof diff !== 'object' || typeof diff.path !== 'string' || !diff.path || (diff.id !== undefined && typeof diff.id !== 'string')) {
      const id = diff && typeof diff === 'object' && typeof diff.id === 'string' ? diff.id : 'no id';
      this.report('error', 'snapshot-invalid-element', `a differential element (${id}) has no path, or is not an element`);
      return;
    }
    const where = diff.id || diff.path;
    const segments = this.segmentsOf(diff, sliceContext);
    if (segments[0].name !== this.root.name) {
      this.report('error', 'snapshot-path-not-found', `${where}: does not start with ${this.root.name}`, where);
      return;
    }
    let node = this.root;
    let isNewSlice = false;
    let insideSlice = false;
    for (let i = 1; i < segments.length; i++) {
      const segment = segments[i];
      const isLast = i === segments.length - 1;
      const found =
        this.findChild(node, segment.name, where, insideSlice) ??
        (this.specializing && isLast && segment.sliceName === undefined ? { node: this.newElement(node, segment.name, diff), created: true } : undefined);
      if (!found) {
        this.report('error', 'snapshot-path-not-found', `${where}: no element '${segment.name}' under ${node.element.path ?? node.name} in the base`, where);
        return;
      }
      let child = found.node;
      isNewSlice = found.created;
      if (segment.sliceName !== undefined) {
        const slice = this.findSlice(child, segment.sliceName, isLast, where);
        if (!slice) return;
        child = slice.node;
        isNewSlice = slice.created;
      }
      node = child;
      if (child.element.sliceName !== undefined) insideSlice = true;
    }
    if (this.specializing && node.element === NEW_ELEMENT) {
      node.element = this.definedElement(diff);
      return;
    }
    const mergeIssues: Issue[] = [];
    // A new type restating an inherited element defines its length anew (markdown.value is not string's 1 MB).
    const target = this.specializing && diff.maxLength === undefined ? { ...node.element, maxLength: undefined } : node.element;
    node.element = mergeElement(target, diff, {
      isNewSlice,
      profileUrl: this.sd.url,
      isTypeAllowed: (code, baseCodes) => this.isTypeAllowed(code, baseCodes),
      profileConformsTo: (profile, allowed) => this.gen.profileConformsTo(profile, allowed),
      report: (issue) => mergeIssues.push({ ...issue, definition: this.sd.url }),
    });
    this.issues.push(...mergeIssues);
    if (diff.type) {
      this.explicitlyTyped.add(node);
      if (isNewSlice) this.applyExtensionDefaults(node, diff);
    }
  }

  /** Drops the stated url slicing of extension elements (as core resource and primitive type definitions have them). */
  private unstateExtensionSlicing(node: WorkNode): void {
    for (const child of node.children) {
      if ((child.name === 'extension' || child.name === 'modifierExtension') && child.element.slicing) {
        const { slicing: _slicing, ...element } = child.element;
        child.element = element;
      }
      this.unstateExtensionSlicing(child);
    }
  }

  /** A placeholder child of a new type, replaced by its definition as soon as it is made. */
  private newElement(parent: WorkNode, name: string, diff: ElementDefinition): WorkNode {
    const codes = Array.isArray(diff.type) ? diff.type.map((t) => t.code) : [];
    const node: WorkNode = { name, element: NEW_ELEMENT, children: [], slices: [] };
    // Backbone and Element children start with what every element has (id, extension, modifierExtension).
    if (codes.length === 1 && (codes[0] === 'BackboneElement' || codes[0] === 'Element')) {
      const typeSd = this.gen.typeStructure(codes[0]);
      const tree = typeSd ? this.gen.templateTree(typeSd) : undefined;
      node.children = (tree?.children ?? []).map(copyTemplate);
      if (this.extensionSlicingUnstated) this.unstateExtensionSlicing(node);
    }
    parent.children.push(node);
    return node;
  }

  /**
   * An element a new type defines: the differential's definition, with its own base, the
   * constraints every element has (Element's ele-1, and Extension's for extensions; none
   * for resources and for the system-typed value of a primitive), and isModifier/isSummary stated.
   */
  private definedElement(diff: ElementDefinition): ElementDefinition {
    const element: ElementDefinition = { ...diff, base: { path: diff.path, min: diff.min ?? 0, max: diff.max ?? '*' } };
    const codes = Array.isArray(diff.type) ? diff.type.map((t) => t.code) : [];
    const unconstrained = codes.some((code) => code.startsWith('http://hl7.org/fhirpath/System.') || this.gen.derivesFrom(code, 'Resource'));
    const rootOf = (code: string) => this.gen.typeStructure(code)?.snapshot?.element?.[0];
    const inherited = unconstrained ? [] : ((codes.length === 1 && codes[0] === 'Extension' ? rootOf('Extension') : rootOf('Element'))?.constraint ?? []);
    const own = Array.isArray(diff.constraint) ? diff.constraint.map((c) => (c.source ? c : { ...c, source: this.sd.url })) : [];
    const constraints = [...inherited.filter((c) => !own.some((o) => o.key === c.key)), ...own];
    if (constraints.length) element.constraint = constraints;
    element.isModifier ??= false;
    element.isSummary ??= false;
    return element;
  }

  /**
   * A new extension slice takes its definition's root short, definition, comment and
   * cardinality where the differential does not say (as SUSHI and current HL7 tooling do);
   * a slice the base already has keeps what the base gave it.
   * The type profile's root constraints are not copied onto the element (the 2019 Java
   * generator did): they hold anyway when the value is checked against its type profile,
   * and a copy would make a validator report each of them twice.
   */
  private applyExtensionDefaults(node: WorkNode, diff: ElementDefinition): void {
    const type = diff.type?.length === 1 ? diff.type[0] : undefined;
    if (type?.code !== 'Extension' || type.profile?.length !== 1) return;
    const profile = this.gen.resolveStructure(type.profile[0]);
    const withSnapshot = profile ? this.gen.withSnapshot(profile, this.issues) : undefined;
    const profileRoot = withSnapshot?.snapshot?.element?.[0];
    if (profileRoot?.path !== 'Extension') return;
    const element: ElementDefinition = { ...node.element };
    for (const key of ['short', 'definition', 'comment', 'min', 'max'] as const) {
      if (diff[key] === undefined && profileRoot[key] !== undefined) (element as unknown as Record<string, unknown>)[key] = profileRoot[key];
    }
    node.element = element;
  }

  private isTypeAllowed(code: string, baseCodes: readonly string[]): boolean {
    return baseCodes.some((baseCode) => {
      if (code === baseCode || baseCode === '*' || baseCode === 'Element') return true;
      // The FHIRPath system types stand for the primitives they hold (Extension.url, id elements).
      if (SYSTEM_TYPE_PRIMITIVES[baseCode]?.includes(code)) return true;
      return this.gen.derivesFrom(code, baseCode);
    });
  }

  /** A named child, expanding the element's type when the snapshot does not list its children yet. */
  private findChild(node: WorkNode, name: string, where: string, insideSlice: boolean): { node: WorkNode; created: boolean } | undefined {
    if (node.children.length === 0) this.expand(node, name, where);
    const direct = node.children.find((c) => c.name === name);
    if (direct) return { node: direct, created: false };
    return this.findRenamedChoice(node, name, insideSlice);
  }

  /**
   * `valueQuantity` under a `value[x]`. It is the choice element itself when the choice
   * allows only that type, or inside a slice (as the published R4 snapshots have it, e.g.
   * bp's components); otherwise it is a type slice of the choice, which closes the choice
   * to the types of its slices.
   */
  private findRenamedChoice(node: WorkNode, name: string, insideSlice: boolean): { node: WorkNode; created: boolean } | undefined {
    for (const choice of node.children) {
      const types = this.typesNamedBy(choice, name);
      if (types.length === 0) continue;
      const existing = choice.slices.find((s) => s.element.sliceName === name);
      if (existing) return { node: existing, created: false };
      if (typeCodes(choice.element).length === 1 || insideSlice) {
        choice.element = { ...choice.element, type: types.map((t) => ({ ...t })) };
        return { node: choice, created: false };
      }
      const slice = this.newSlice(choice, name);
      slice.element = { ...slice.element, type: types.map((t) => ({ ...t })) };
      if (!choice.element.slicing) {
        choice.element = { ...choice.element, slicing: structuredClone(CHOICE_SLICING) };
        this.implicitChoiceSlicing.add(choice);
      }
      return { node: slice, created: true };
    }
    return undefined;
  }

  /** A slice (or re-slice `s/t`) of `sliced`; made when the differential introduces it. */
  private findSlice(sliced: WorkNode, sliceName: string, mayCreate: boolean, where: string): { node: WorkNode; created: boolean } | undefined {
    const parts = sliceName.split('/');
    let owner = sliced;
    for (let depth = 0; depth < parts.length; depth++) {
      const name = parts.slice(0, depth + 1).join('/');
      const existing = owner.slices.find((s) => s.element.sliceName === name);
      if (existing) {
        owner = existing;
        continue;
      }
      if (!mayCreate || depth < parts.length - 1) {
        this.report('error', 'snapshot-slice-not-found', `${where}: slice '${name}' is neither in the base nor introduced earlier in the differential`, where);
        return undefined;
      }
      const choiceTypes = depth === 0 ? this.typesNamedBy(owner, name) : [];
      if (!owner.element.slicing) {
        if (owner.name === 'extension' || owner.name === 'modifierExtension') {
          owner.element = { ...owner.element, slicing: structuredClone(EXTENSION_SLICING) };
        } else if (choiceTypes.length > 0) {
          // `value[x]:valueQuantity` with no slicing stated: the implicit type slicing of a choice.
          owner.element = { ...owner.element, slicing: structuredClone(CHOICE_SLICING) };
          this.implicitChoiceSlicing.add(owner);
        } else {
          this.report('error', 'snapshot-slicing-missing', `${where}: slice '${name}' is defined on an element that has no slicing`, where);
        }
      }
      const slice = this.newSlice(owner, name);
      if (choiceTypes.length > 0) slice.element = { ...slice.element, type: choiceTypes.map((t) => ({ ...t })) };
      return { node: slice, created: true };
    }
    return { node: owner, created: false };
  }

  /** The types of a choice element that a type-slice name such as `valueQuantity` names. */
  private typesNamedBy(choice: WorkNode, sliceName: string): ElementDefinitionType[] {
    if (!choice.name.endsWith('[x]')) return [];
    const stem = choice.name.slice(0, -3);
    if (!sliceName.startsWith(stem) || sliceName.length === stem.length) return [];
    const typeName = sliceName.slice(stem.length);
    return (choice.element.type ?? []).filter((t) => upperFirst(t.code) === typeName);
  }

  /**
   * A new slice starts from the sliced element as this differential has constrained it so far,
   * children included (constraints on the slicing entry hold for every slice; SUSHI writes its
   * differentials so), but without the slicing, and with the cardinality and must-support of
   * the base: those belong to the slicing entry alone.
   */
  private newSlice(owner: WorkNode, sliceName: string): WorkNode {
    const pristine = owner.template?.element ?? owner.element;
    const { slicing: _slicing, min: _min, max: _max, mustSupport: _mustSupport, ...element } = owner.element;
    const slice: WorkNode = {
      name: owner.name,
      element: { ...element, sliceName, min: pristine.min, max: pristine.max, mustSupport: pristine.mustSupport } as ElementDefinition,
      children: owner.children.map(copyWorkNode),
      slices: [],
      template: owner.template,
    };
    for (const key of ['min', 'max', 'mustSupport'] as const) if (slice.element[key] === undefined) delete slice.element[key];
    owner.slices.push(slice);
    return slice;
  }


  /** Fills a node's children from its type (or type profile, or content reference). */
  private expand(node: WorkNode, wantedChild: string, where: string): void {
    const element = node.element;
    if (element.contentReference) {
      const referenced = this.contentReferenceTarget(element.contentReference, where);
      if (!referenced) return;
      // Unfolded, the element has its own children; an element has a type or a content reference, not both (eld-5).
      const { contentReference: _reference, ...unfolded } = element;
      node.element = { ...unfolded, type: structuredClone(referenced.element.type ?? [{ code: 'BackboneElement' }]) };
      node.children = referenced.children.map(copyTemplate);
      return;
    }
    const children = this.childTemplates(node, wantedChild, where);
    if (children) node.children = children.map(copyTemplate);
  }

  private childTemplates(node: WorkNode, wantedChild: string, where: string): TemplateNode[] | undefined {
    const element = node.element;
    const codes = typeCodes(element);
    let type: ElementDefinitionType | undefined;
    if (codes.length === 1) {
      type = element.type?.find((t) => t.code === codes[0]);
    } else if (codes.length > 1 && (wantedChild === 'id' || wantedChild === 'extension')) {
      type = { code: 'Element' };
    } else if (codes.length > 1) {
      this.report('error', 'snapshot-choice-not-narrowed', `${where}: cannot constrain inside ${element.path}, which still allows ${codes.join(', ')}; constrain it to one type first`, where);
      return undefined;
    }
    if (!type) return undefined;
    const profiles = type.profile ?? [];
    if (profiles.length === 1) {
      const profile = this.gen.resolveStructure(profiles[0]);
      if (profile) {
        const withSnapshot = this.gen.withSnapshot(profile, this.issues);
        const tree = withSnapshot ? this.gen.templateTree(withSnapshot) : undefined;
        if (tree) return tree.children;
      } else {
        this.report('warning', 'snapshot-type-profile-not-found', `${where}: type profile ${profiles[0]} is not in the loaded definitions; using the base type ${type.code}`, where);
      }
    }
    const typeSd = this.gen.typeStructure(type.code);
    if (!typeSd) return undefined;
    const withSnapshot = this.gen.withSnapshot(typeSd, this.issues);
    return withSnapshot ? this.gen.templateTree(withSnapshot)?.children : undefined;
  }

  /** `#Questionnaire.item`: the referenced element, as the base has it. */
  private contentReferenceTarget(reference: string, where: string): TemplateNode | undefined {
    const path = reference.slice(reference.indexOf('#') + 1).split('.');
    let node: TemplateNode | undefined = this.baseRoot;
    if (node && path[0] !== node.name) node = undefined;
    for (const name of path.slice(1)) node = node?.children.find((c) => c.name === name);
    if (!node) {
      this.report('error', 'snapshot-content-reference-not-found', `${where}: content reference ${reference} points at no element of the base`, where);
      return undefined;
    }
    return node;
  }

  /** A choice sliced only through renamed paths is closed to the types its slices name. */
  private finishImplicitChoiceSlicing(): void {
    for (const choice of this.implicitChoiceSlicing) {
      if (this.explicitlyTyped.has(choice)) continue;
      const names = new Set(choice.slices.flatMap((s) => (s.element.type ?? []).map((t) => t.code)));
      choice.element = { ...choice.element, type: (choice.element.type ?? []).filter((t) => names.has(t.code)) };
    }
  }
}
