/**
 * createValidatorCore(): the validator over definitions the caller hands in (a DefinitionSet or
 * FHIR packages as plain JSON). It validates any FHIR R4 resource or Bundle (object, JSON text
 * or XML text) against its base type, each resolvable meta.profile, any profile the caller names
 * and any profile a selector adds (the hook the BaRS layer uses for MessageDefinition-driven
 * selection). `validate` is synchronous and never throws.
 *
 * Nothing reachable from here imports a Node builtin, so it runs in a browser (test/api/browser-bundle.test.ts
 * bundles it with esbuild for platform 'browser'); createValidator() in validator.ts is the Node
 * entry that loads the definitions from disk first.
 */
import { createChecks } from '../checks/registry.js';
import type { EngineServices } from '../checks/check.js';
import { createPlanCompiler } from '../compile/plan-compiler.js';
import type { RawStructureDefinition } from '../compile/compile-structure.js';
import { createDefinitionSet } from '../defs/definition-set.js';
import { generateSnapshot } from '../defs/snapshot.js';
import { foldMissingUkCore, hasUkCore, r4BaseForMissingUkCore, restsOnMissingUkCore } from '../defs/ukcore-fallback.js';
import type { DefinitionSet, FhirPackage } from '../defs/types.js';
import { createFhirPathEvaluator, type NativeCrossCheck } from '../fhirpath/index.js';
import { createTypeModel, type FhirTypeModel } from '../formats/type-model.js';
import { InstanceWalker, createWalkerCache, type ProfileSelector } from '../instance/walker.js';
import { BudgetExceeded, createWalkBudget, type WalkBudget } from '../instance/walk-budget.js';
import { resolveLimits, type ValidationLimits } from '../model/limits.js';
import type { Issue } from '../model/issue.js';
import { dedupeIssues, toOperationOutcome, type OperationOutcome } from '../outcome/operation-outcome.js';
import { createTerminology } from '../terminology/index.js';
import { parseInput, type InputFormat } from './parse-input.js';
import { withSourcePositions } from './issue-positions.js';
import { evaluateMessage, isBarsMessage } from '../bars/evaluate.js';
import { annotateWithBarsRule } from '../bars/issues.js';
import { filterEngineIssues } from '../bars/engine-adapter.js';
import type { ApplicationId } from '../bars/message.js';
import type { ProfileSelection } from '../bars/profile-selection.js';
import { createReceiver, type Receiver, type ReceivedRequest, type ReceiverResponse } from '../bars/receiver.js';
import type { IdempotencyStore } from '../bars/store.js';
import { resolveSupport, type ReceiverSupport } from '../bars/support.js';

/** How invariants are evaluated (see ValidatorSettings.fhirPath). */
export interface FhirPathSettings {
  /** Answer invariants with the native evaluator where it compiles them (default true); fhirpath.js runs the rest. */
  nativeEvaluation?: boolean;
  /** Receives every natively compiled invariant evaluation answered by both evaluators (tests; costs the fhirpath.js time). */
  crossCheck?: (check: NativeCrossCheck) => void;
}

/** Options shared by the core and the Node entry: everything but where the definitions come from. */
export interface ValidatorSettings {
  /** Adds profiles for a resource (e.g. from its MessageDefinition); called for every resource. */
  selectProfiles?: ProfileSelector;
  /** Check terminology bindings locally (default true). */
  terminology?: boolean;
  /** The BaRS Application whose rules apply to messages; recognised from the use-case code when absent. */
  application?: ApplicationId;
  /** What the receiver supports (Core major, Applications and versions, service ids); the spec's defaults otherwise. */
  supported?: Partial<ReceiverSupport>;
  /** Duplicate-request store of `receive`: a bounded in-memory one by default; `null` turns de-duplication off. */
  store?: IdempotencyStore | null;
  /** The clock of the time-based rules: BaRS CORE-TIME-04, profile limits relative to now (tests pin it). */
  now?: () => Date;
  /** Limits on input size, depth, entries, string length, time and issues per validation (src/model/limits.ts; safe defaults). */
  limits?: Partial<ValidationLimits>;
  /**
   * FHIRPath evaluation: `nativeEvaluation: false` runs every invariant through fhirpath.js;
   * `crossCheck` runs both evaluators on each natively answered invariant and reports where
   * they disagree (for tests; it costs the fhirpath.js time).
   */
  fhirPath?: FhirPathSettings;
}

export interface ValidatorCoreOptions extends ValidatorSettings {
  /**
   * The definitions to validate with: a DefinitionSet, or FHIR packages as plain JSON
   * (`{name, version, resources}`, first wins for a url|version; R4 core first). Profiles need
   * no snapshots: they are generated on first use.
   */
  definitions: DefinitionSet | FhirPackage[];
}

/** Options of one receiver made by `Validator.createReceiver` (each has its own store). */
export interface ReceiverCreateOptions {
  store?: IdempotencyStore | null;
  supported?: Partial<ReceiverSupport>;
}

export interface ValidateOptions {
  /** Profile canonical(s) to validate the root resource against, besides its meta.profile. */
  profile?: string | string[];
  /** Input format of text; detected from the content when absent. */
  format?: InputFormat;
  /** The BaRS Application for this message (overrides the validator's). */
  application?: ApplicationId;
  /**
   * Apply the BaRS message layer (MessageDefinition-driven profiles, the BaRS Core and
   * Application rules, payload only) to a Bundle. Default: when it is a BaRS message (its
   * MessageHeader names a BaRS event or MessageDefinition) or an Application is named.
   */
  bars?: boolean;
}

export interface ValidationResult {
  /** Issues, deduplicated, in discovery order. */
  issues: Issue[];
  /** The resource as read (undefined when it could not be read). */
  resource?: Record<string, unknown>;
}

export interface Validator {
  readonly definitions: DefinitionSet;
  /** Validates and returns an OperationOutcome (one information issue when valid). */
  validate(input: unknown, options?: ValidateOptions): OperationOutcome;
  /** Validates and returns the issues themselves (for layers that add their own, like src/bars). */
  validateToIssues(input: unknown, options?: ValidateOptions): ValidationResult;
  /** Problems found in the profiles used so far (bad FHIRPath, unresolvable type profiles, ...). */
  profileIssues(): Issue[];
  /**
   * The BaRS receiver verdict for `{headers, body}`: HTTP status, BaRS code and OperationOutcome,
   * with this validator's duplicate-request store. Without `headers` the check is payload-only.
   */
  receive(request: ReceivedRequest): Promise<ReceiverResponse>;
  /** Another receiver over the same definitions, with its own store or support settings. */
  createReceiver(options?: ReceiverCreateOptions): Receiver;
}

/** Synchronous: building the validator only indexes; profiles are compiled when first used. */
export function createValidatorCore(options: ValidatorCoreOptions): Validator {
  const defs = Array.isArray(options.definitions) ? createDefinitionSet(options.definitions) : options.definitions;
  // Without UK Core the BaRS profiles are checked over the R4 base of their type, and the outcome says so once.
  const ukCoreMissing = !hasUkCore(defs);
  const substituteBase = ukCoreMissing ? r4BaseForMissingUkCore(defs) : undefined;
  const plans = createPlanCompiler({
    defs,
    generateSnapshot: (sd, set) => generateSnapshot(sd as never, set, { substituteBase }).structureDefinition as unknown as RawStructureDefinition,
  });
  const restsOnUkCore = new Map<string, boolean>();
  const isSubstituted = (profile: string) => {
    let known = restsOnUkCore.get(profile);
    if (known === undefined) restsOnUkCore.set(profile, (known = restsOnMissingUkCore(defs, profile)));
    return known;
  };
  const terminology = options.terminology === false ? undefined : createTerminology(defs);
  const checks = createChecks();
  const cache = createWalkerCache();
  let typeModel: FhirTypeModel | undefined;
  const typeModelOf = () => (typeModel ??= createTypeModel(defs));

  const now = options.now ?? (() => new Date());
  const services: EngineServices = { defs, plans, terminology, now };
  services.fhirPath = createFhirPathEvaluator({
    ...options.fhirPath,
    terminology,
    conformsTo: (resource, profileUrl) => {
      if (!resource || typeof resource !== 'object' || !plans.plan(profileUrl)) return undefined;
      const walker = new InstanceWalker({ services, checks, cache, rootProfiles: [profileUrl] });
      return !walker.validateResource(resource as Record<string, unknown>).some((i) => i.severity === 'error' || i.severity === 'fatal');
    },
  });

  const limits = resolveLimits(options.limits);
  const support = resolveSupport(options.supported);

  /** Walks the resource with the root profiles and, for a message, each entry's MessageDefinition profile. */
  /** Runs the walk; a spent budget ends it with the budget's issue after those found so far. */
  function walkWithin(walker: InstanceWalker, resource: Record<string, unknown>, found: Issue[]): Issue[] {
    try {
      walker.validateResource(resource);
    } catch (error) {
      if (!(error instanceof BudgetExceeded)) throw error;
      found.push(error.issue);
    }
    return found;
  }

  function walkWith(parsed: ReturnType<typeof parseInput>, rootProfiles: string[], selection: ProfileSelection | undefined, budget: WalkBudget): Issue[] {
    let selectProfiles = options.selectProfiles;
    if (selection && selection.entries.length > 0) {
      const entries = (parsed.resource as { entry?: Array<{ resource?: unknown } | null> }).entry ?? [];
      const byResource = new Map<unknown, string[]>();
      for (const { index, profile } of selection.entries) {
        const resource = entries[index]?.resource;
        if (resource && typeof resource === 'object') byResource.set(resource, [...(byResource.get(resource) ?? []), profile]);
      }
      const base = options.selectProfiles;
      selectProfiles = (resource, frame) => [...(base ? base(resource, frame) : []), ...(byResource.get(resource) ?? [])];
    }
    const found: Issue[] = [];
    if (!ukCoreMissing) return walkWithin(new InstanceWalker({ services, checks, cache, locator: parsed.locator, rootProfiles, selectProfiles, budget }, found), parsed.resource!, found);
    // Record the profiles this walk applies, to say which of them stood on an R4 base instead of UK Core.
    const used = new Set<string>();
    const recordingPlans: EngineServices['plans'] = {
      plan: (canonical) => {
        const plan = plans.plan(canonical);
        if (plan) used.add(canonical);
        return plan;
      },
      typePlan: (type) => plans.typePlan(type),
      profileIssues: () => plans.profileIssues(),
    };
    const walker = new InstanceWalker({ services: { ...services, plans: recordingPlans }, checks, cache, locator: parsed.locator, rootProfiles, selectProfiles, budget }, found);
    const issues = walkWithin(walker, parsed.resource!, found);
    return foldMissingUkCore(issues, [...used].filter(isSubstituted).sort());
  }

  function validateToIssues(input: unknown, validateOptions: ValidateOptions = {}): ValidationResult {
    const budget = createWalkBudget(limits);
    try {
      const parsed = parseInput(input, validateOptions.format, typeModelOf, limits);
      if (!parsed.resource) return { issues: dedupeIssues(parsed.issues) };
      const type = parsed.resource.resourceType as string;
      const plan = plans.typePlan(type);
      if (!plan || plan.info.kind !== 'resource') {
        return { issues: dedupeIssues([...parsed.issues, { severity: 'fatal', code: 'structure', ruleId: 'resource-type-unknown', message: `Unknown resource type '${type}'`, location: type }]), resource: parsed.resource };
      }
      const profiles = validateOptions.profile === undefined ? [] : Array.isArray(validateOptions.profile) ? validateOptions.profile : [validateOptions.profile];
      const bars = validateOptions.bars ?? ((validateOptions.application ?? options.application) !== undefined || isBarsMessage(parsed.resource));
      if (bars && parsed.resource.resourceType === 'Bundle') {
        const evaluation = evaluateMessage({ bundle: parsed.resource, definitions: defs, support, application: validateOptions.application ?? options.application, now: now() });
        const issues = walkWith(parsed, [...profiles, ...evaluation.profiles.bundle], evaluation.profiles, budget);
        return { issues: dedupeIssues([...parsed.issues, ...withSourcePositions(evaluation.issues, parsed.locator), ...filterEngineIssues(issues)].map(annotateWithBarsRule)), resource: parsed.resource };
      }
      return { issues: dedupeIssues([...parsed.issues, ...walkWith(parsed, profiles, undefined, budget)]), resource: parsed.resource };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { issues: [{ severity: 'fatal', code: 'exception', ruleId: 'internal-error', message: `The validator failed unexpectedly: ${message}` }] };
    }
  }

  function makeReceiver(receiverOptions: ReceiverCreateOptions = {}): Receiver {
    return createReceiver({
      definitions: defs,
      store: receiverOptions.store === undefined ? undefined : receiverOptions.store,
      supported: receiverOptions.supported ?? options.supported,
      now,
      typeModel: typeModelOf,
      limits,
      // The receiver has already run the BaRS checks: the engine only adds the profiles' findings.
      validate: ({ bundle, profiles, locator }) => dedupeIssues(filterEngineIssues(walkWith({ resource: bundle as Record<string, unknown>, locator, issues: [] }, profiles.bundle, profiles, createWalkBudget(limits)))),
    });
  }
  let defaultReceiver: Receiver | undefined;

  return {
    definitions: defs,
    receive: (request) => (defaultReceiver ??= makeReceiver({ store: options.store })).receive(request),
    createReceiver: makeReceiver,
    validate(input, validateOptions) {
      return toOperationOutcome(validateToIssues(input, validateOptions).issues);
    },
    validateToIssues,
    profileIssues: () => plans.profileIssues(),
  };
}
