/**
 * createValidator(): loads definitions once, then validates any FHIR R4 resource or Bundle
 * (object, JSON text or XML text) against its base type, each resolvable meta.profile, any
 * profile the caller names and any profile a selector adds (the hook the BaRS layer uses for
 * MessageDefinition-driven selection). `validate` is synchronous and never throws.
 */
import { createChecks } from '../checks/registry.js';
import type { EngineServices } from '../checks/check.js';
import { createPlanCompiler } from '../compile/plan-compiler.js';
import type { RawStructureDefinition } from '../compile/compile-structure.js';
import { loadDefinitions, type LoadDefinitionsOptions } from '../defs/load.js';
import { generateSnapshot } from '../defs/snapshot.js';
import type { DefinitionSet } from '../defs/types.js';
import { createFhirPathEvaluator } from '../fhirpath/index.js';
import { createTypeModel, type FhirTypeModel } from '../formats/type-model.js';
import { InstanceWalker, createWalkerCache, type ProfileSelector } from '../instance/walker.js';
import type { Issue } from '../model/issue.js';
import { dedupeIssues, toOperationOutcome, type OperationOutcome } from '../outcome/operation-outcome.js';
import { createTerminology } from '../terminology/index.js';
import { parseInput, type InputFormat } from './parse-input.js';

export interface ValidatorOptions {
  /** Definitions to validate with; default: loadDefinitions(load) — R4 core, UK Core STU1, generated/ and `igs`. */
  definitions?: DefinitionSet;
  /** How to load the default definitions (see src/defs/load.ts). */
  load?: LoadDefinitionsOptions;
  /** Folders, files or .tgz packages of conformance resources, as given to `--ig` (added to `load.igs`). */
  igPaths?: string[];
  /** Adds profiles for a resource (e.g. from its MessageDefinition); called for every resource. */
  selectProfiles?: ProfileSelector;
  /** Check terminology bindings locally (default true). */
  terminology?: boolean;
}

export interface ValidateOptions {
  /** Profile canonical(s) to validate the root resource against, besides its meta.profile. */
  profile?: string | string[];
  /** Input format of text; detected from the content when absent. */
  format?: InputFormat;
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
}

function definitionsFor(options: ValidatorOptions): DefinitionSet {
  if (options.definitions) return options.definitions;
  const load = options.load ?? {};
  return loadDefinitions({ ...load, igs: [...(load.igs ?? []), ...(options.igPaths ?? [])] });
}

export async function createValidator(options: ValidatorOptions = {}): Promise<Validator> {
  const defs = definitionsFor(options);
  const plans = createPlanCompiler({
    defs,
    generateSnapshot: (sd, set) => generateSnapshot(sd as never, set).structureDefinition as unknown as RawStructureDefinition,
  });
  const terminology = options.terminology === false ? undefined : createTerminology(defs);
  const checks = createChecks();
  const cache = createWalkerCache();
  let typeModel: FhirTypeModel | undefined;
  const typeModelOf = () => (typeModel ??= createTypeModel(defs));

  const services: EngineServices = { defs, plans, terminology };
  services.fhirPath = createFhirPathEvaluator({
    terminology,
    conformsTo: (resource, profileUrl) => {
      if (!resource || typeof resource !== 'object' || !plans.plan(profileUrl)) return undefined;
      const walker = new InstanceWalker({ services, checks, cache, rootProfiles: [profileUrl] });
      return !walker.validateResource(resource as Record<string, unknown>).some((i) => i.severity === 'error' || i.severity === 'fatal');
    },
  });

  function validateToIssues(input: unknown, validateOptions: ValidateOptions = {}): ValidationResult {
    try {
      const parsed = parseInput(input, validateOptions.format, typeModelOf);
      if (!parsed.resource) return { issues: dedupeIssues(parsed.issues) };
      const type = parsed.resource.resourceType as string;
      const plan = plans.typePlan(type);
      if (!plan || plan.info.kind !== 'resource') {
        return { issues: dedupeIssues([...parsed.issues, { severity: 'fatal', code: 'structure', ruleId: 'resource-type-unknown', message: `Unknown resource type '${type}'`, location: type }]), resource: parsed.resource };
      }
      const profiles = validateOptions.profile === undefined ? [] : Array.isArray(validateOptions.profile) ? validateOptions.profile : [validateOptions.profile];
      const walker = new InstanceWalker({ services, checks, cache, locator: parsed.locator, rootProfiles: profiles, selectProfiles: options.selectProfiles });
      const issues = walker.validateResource(parsed.resource);
      return { issues: dedupeIssues([...parsed.issues, ...issues]), resource: parsed.resource };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { issues: [{ severity: 'fatal', code: 'exception', ruleId: 'internal-error', message: `The validator failed unexpectedly: ${message}` }] };
    }
  }

  return {
    definitions: defs,
    validate(input, validateOptions) {
      return toOperationOutcome(validateToIssues(input, validateOptions).issues);
    },
    validateToIssues,
    profileIssues: () => plans.profileIssues(),
  };
}
