/**
 * The native FHIRPath evaluator: the subset of FHIRPath that invariants use, compiled to
 * closures and run over the JSON directly (see compiler.ts). The adapter (../evaluator.ts)
 * uses it first for boolean evaluations and falls back to fhirpath.js for whatever it does
 * not compile, or where an evaluation leaves the subset it reads exactly (Bail).
 */
export { compileNative, type AstNode, type NativeProgram, type SyntaxKeys } from './compiler.js';
export type { NativeEnv } from './env.js';
export { Bail, Item, NativeTimeout } from './items.js';
export { createModelTypes, isResourceType, type ModelTypes } from './model-types.js';
