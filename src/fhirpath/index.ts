/** FHIRPath adapter: see evaluator.ts for the contract. */
export {
  createFhirPathEvaluator,
  type CompiledExpression,
  type FhirPathBooleanResult,
  type FhirPathEvaluator,
  type FhirPathEvaluatorOptions,
  type FhirPathInput,
  type FhirPathResult,
  type FhirPathStats,
  type NativeCrossCheck,
} from './evaluator.js';
export { regexComplexityProblem } from './regex-guard.js';
export type { ResolveReference } from './reference-resolver.js';
