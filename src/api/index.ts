/**
 * The public, typed surface of the validator (Node): everything in `bars-validator/browser` plus
 * createValidator(), which loads the definitions from disk, and loadDefinitions().
 *
 * @module bars-validator
 */
export * from './browser.js';
export { createValidator, type ValidatorOptions } from './validator.js';
export { loadDefinitions, type LoadDefinitionsOptions } from '../defs/load.js';
export type { UkCoreVariant } from '../defs/ukcore.js';
