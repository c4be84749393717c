/** The public, typed surface of the validator: the Node-free core (browser.ts) plus the Node entry that loads definitions from disk. */
export * from './browser.js';
export { createValidator, type ValidatorOptions } from './validator.js';
export { loadDefinitions, type LoadDefinitionsOptions } from '../defs/load.js';
