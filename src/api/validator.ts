/**
 * createValidator(): the Node entry. Loads the definitions from disk once (R4 core from the npm
 * dependency, UK Core, generated/ and any IGs; src/defs/load.ts) unless handed them, then builds
 * the validator with createValidatorCore() (src/api/core.ts, which has no Node imports).
 */
import { loadDefinitions, type LoadDefinitionsOptions } from '../defs/load.js';
import type { DefinitionSet } from '../defs/types.js';
import { createValidatorCore, type Validator, type ValidatorSettings } from './core.js';

export type { Validator, ValidatorSettings } from './core.js';


export interface ValidatorOptions extends ValidatorSettings {
  /** Definitions to validate with; default: loadDefinitions(load) — R4 core, UK Core STU1, generated/ and `igs`. */
  definitions?: DefinitionSet;
  /** How to load the default definitions (see src/defs/load.ts). */
  load?: LoadDefinitionsOptions;
  /** Folders, files or .tgz packages of conformance resources, as given to `--ig` (added to `load.igs`). */
  igPaths?: string[];
}

function definitionsFor(options: ValidatorOptions): DefinitionSet {
  if (options.definitions) return options.definitions;
  const load = options.load ?? {};
  return loadDefinitions({ ...load, igs: [...(load.igs ?? []), ...(options.igPaths ?? [])] });
}

export async function createValidator(options: ValidatorOptions = {}): Promise<Validator> {
  return createValidatorCore({ ...options, definitions: definitionsFor(options) });
}
