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
import { createDefinitionSet } from '../defs/definition-set.js';
import { loadFolderPackage } from '../defs/packages/folder-package.js';
import { createXmlResourceReader } from '../defs/packages/xml-resource-reader.js';
import { loadR4CorePackage } from '../defs/r4-core.js';
import { generateSnapshot } from '../defs/snapshot.js';
import type { DefinitionSet, FhirPackage } from '../defs/types.js';
import { createFhirPathEvaluator } from '../fhirpath/index.js';
import { createTypeModel, type FhirTypeModel } from '../formats/type-model.js';
import { InstanceWalker, type ProfileSelector } from '../instance/walker.js';
import type { Issue } from '../model/issue.js';
import { dedupeIssues, toOperationOutcome, type OperationOutcome } from '../outcome/operation-outcome.js';
import { createTerminology } from '../terminology/index.js';
import { parseInput, plainJsonReader, type InputFormat, type JsonTextReader } from './parse-input.js';

export interface ValidatorOptions {
  /** Definitions to validate with; default: FHIR R4 core plus `packages` and `igPaths`. */
  definitions?: DefinitionSet;
  /** Extra packages (UK Core, BaRS, ...) loaded after R4 core. */
  packages?: FhirPackage[];
  /** Folders or files of conformance resources (JSON or XML), as given to `--ig`. */
  igPaths?: string[];
  /** Adds profiles for a resource (e.g. from its MessageDefinition); called for every resource. */
  selectProfiles?: ProfileSelector;
  /** Check terminology bindings locally (default true). */
  terminology?: boolean;
  /** JSON reader with duplicate keys and positions; default JSON.parse only. */
  readJson?: JsonTextReader;
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

function loadDefinitions(options: ValidatorOptions): DefinitionSet {
  if (options.definitions) return options.definitions;
  const core = loadR4CorePackage();
  const packages: FhirPackage[] = [core, ...(options.packages ?? [])];
  if (options.igPaths?.length) {
    const readXml = createXmlResourceReader(createDefinitionSet([core]));
    for (const path of options.igPaths) packages.push(loadFolderPackage(path, { readXml }));
  }
  return createDefinitionSet(packages);
}

export async function createValidator(options: ValidatorOptions = {}): Promise<Validator> {
  const defs = loadDefinitions(options);
  const plans = createPlanCompiler({
    defs,
    generateSnapshot: (sd, set) => generateSnapshot(sd as never, set).structureDefinition as unknown as RawStructureDefinition,
  });
  const terminology = options.terminology === false ? undefined : createTerminology(defs);
  const checks = createChecks();
  let typeModel: FhirTypeModel | undefined;
  const readers = { json: options.readJson ?? plainJsonReader, typeModel: () => (typeModel ??= createTypeModel(defs)) };

  const services: EngineServices = { defs, plans, terminology };
  services.fhirPath = createFhirPathEvaluator({
    terminology,
    conformsTo: (resource, profileUrl) => {
      if (!resource || typeof resource !== 'object' || !plans.plan(profileUrl)) return undefined;
      const walker = new InstanceWalker({ services, checks, rootProfiles: [profileUrl] });
      return !walker.validateResource(resource as Record<string, unknown>).some((i) => i.severity === 'error' || i.severity === 'fatal');
    },
  });

  function validateToIssues(input: unknown, validateOptions: ValidateOptions = {}): ValidationResult {
    try {
      const parsed = parseInput(input, validateOptions.format, readers);
      if (!parsed.resource) return { issues: dedupeIssues(parsed.issues) };
      const type = parsed.resource.resourceType as string;
      const plan = plans.typePlan(type);
      if (!plan || plan.info.kind !== 'resource') {
        return { issues: dedupeIssues([...parsed.issues, { severity: 'fatal', code: 'structure', ruleId: 'resource-type-unknown', message: `Unknown resource type '${type}'`, location: type }]), resource: parsed.resource };
      }
      const profiles = validateOptions.profile === undefined ? [] : Array.isArray(validateOptions.profile) ? validateOptions.profile : [validateOptions.profile];
      const walker = new InstanceWalker({ services, checks, locator: parsed.locator, rootProfiles: profiles, selectProfiles: options.selectProfiles });
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
