/**
 * FHIRPath adapter over fhirpath.js 5.2 with its R4 model.
 *
 *   const fp = createFhirPathEvaluator({ terminology, resolveReference, conformsTo });
 *   const compiled = fp.compile('name.exists() or telecom.exists()');   // or { error }
 *   fp.evaluate(compiled, { node, nodePath: 'Patient', resource, rootResource });
 *   fp.evaluateBoolean(compiled, input);                                // invariants
 *
 * - Typing: a node that is a resource is typed by its resourceType; any other node by
 *   `nodeType` (when the model knows it: choice elements, datatype profiles) or else by
 *   `nodePath`, the element path in its definition (`Patient.name`, `Observation.value[x]`).
 *   A primitive whose `_name` sibling (id/extension) matters is passed with
 *   `primitiveExtension`, so that ele-1 and extension() see it.
 * - Variables: %resource, %rootResource (as given by the caller), %context (the node),
 *   %ucum, %sct, %loinc, %`vs-name`, %`ext-name`. Any other %name is an evaluation error.
 * - Functions served here, synchronously and offline: resolve() (contained, Bundle
 *   entries, then `resolveReference`), memberOf() (the local Terminology), conformsTo()
 *   (the caller's `conformsTo`), guarded matches()/matchesFull()/replaceMatches(), and
 *   three readings that follow the HL7 Java validator where fhirpath.js is stricter: the
 *   function form of as() filters a collection, hasValue() is true for xhtml, and string
 *   tests on an empty input are false (`javaCompatibleStringTests`; ref-1 needs it); see
 *   functions.ts. trace() is silent. htmlChecks(), extension(), ofType/is are fhirpath.js's.
 * - Bounds: an evaluation that could grow faster than its input (iteration with an
 *   expression argument, descendants(), repeat(), set operations) has a deadline
 *   (`maxEvaluationMs`, default 1000; 0 turns it off) checked between evaluation steps;
 *   regexes that can backtrack exponentially are refused (see regex-guard.ts), because a
 *   single RegExp cannot be interrupted.
 * - Never throws: compile errors, evaluation errors and time-outs come back as values.
 *
 * %rootResource: FHIR defines it as the container of a contained resource and otherwise
 * the resource itself. ref-1 (`... in %rootResource.contained.id`) fails for every local
 * reference if a Bundle entry's resource is evaluated with the Bundle as %rootResource, so
 * pass the entry resource (or, for a contained resource, its container) and give the
 * Bundle separately as `bundle` for resolve().
 */
import fhirpath from 'fhirpath';
import type { Terminology } from '../terminology/types.js';
import { createUserFunctions, isResource } from './functions.js';
import { HOISTED_PREFIX, hoistInvariants } from './hoist.js';
import { Bail, compileNative, createModelTypes, isResourceType, Item, NativeTimeout, type AstNode, type NativeEnv, type NativeProgram, type SyntaxKeys } from './native/index.js';
import type { ResolutionScope, ResolveReference } from './reference-resolver.js';
import { model, resolveTypingBase } from './typing.js';

export interface CompiledExpression {
  readonly expression: string;
}

export interface FhirPathInput {
  /** The JSON value the expression starts from (%context). */
  node: unknown;
  /** The element path of the node in its definition, e.g. `ServiceRequest.orderDetail`; indices and `:slice` parts are ignored. */
  nodePath: string;
  /** The node's FHIR type, where the path alone does not give it (choice elements, datatype roots). */
  nodeType?: string;
  /** %resource: the resource holding the node. */
  resource: unknown;
  /** %rootResource: the container of a contained resource, otherwise the resource itself. */
  rootResource: unknown;
  /** For a primitive node: its `_name` JSON sibling (id, extension). */
  primitiveExtension?: unknown;
  /** The Bundle the resource travels in, used by resolve() when %rootResource is not that Bundle. */
  bundle?: unknown;
  /**
   * An array kept by the caller for this node during one validation (same node, same data), empty
   * at first: boolean evaluations on the node share the values of their common top-level operands in it.
   */
  memo?: unknown[];
  /**
   * Further %variables of this evaluation, as JSON values. `extension` (an extension's context
   * invariants) is typed Extension by the native evaluator; fhirpath.js reads every one untyped.
   */
  variables?: Readonly<Record<string, unknown>>;
}

export type FhirPathResult = { ok: true; value: unknown[] } | { ok: false; error: string; timedOut?: boolean };
export type FhirPathBooleanResult =
  | { ok: true; value: boolean; /** the expression gave an empty collection (read as false) */ empty?: boolean }
  | { ok: false; error: string; timedOut?: boolean };

export interface FhirPathStats {
  compileRequests: number;
  compileCacheHits: number;
  /** fhirpath.js compilations for a (expression, element path) pair: each pair is parsed once. */
  typedCompilations: number;
  evaluations: number;
  errors: number;
  timeouts: number;
  /** Boolean evaluations answered by the native evaluator (native/), without fhirpath.js. */
  nativeEvaluations: number;
  /** Native evaluations that left the subset it reads exactly and were run by fhirpath.js instead. */
  nativeFallbacks: number;
}

/** One boolean evaluation of a natively compiled expression, answered by both evaluators (see `crossCheck`). */
export interface NativeCrossCheck {
  expression: string;
  nodePath: string;
  /** The native answer; `fallback` when the evaluation left the native subset (fhirpath.js answered alone). */
  native: FhirPathBooleanResult | 'fallback';
  fhirpathJs: FhirPathBooleanResult;
  /** The two answers are the same (always true for a fallback). */
  agree: boolean;
}

export interface FhirPathEvaluator {
  /** Parse once; cached per evaluator. Throws nothing: returns a compile error instead. */
  compile(expression: string): CompiledExpression | { error: string };
  /** Evaluates against `input.node`; returns the result collection or an error (never throws). */
  evaluate(compiled: CompiledExpression, input: FhirPathInput): FhirPathResult;
  /**
   * Invariant helper. Empty → false (flagged `empty`), one boolean → that boolean, anything
   * else non-empty → true, as the HL7 Java validator reads constraint results. An expression
   * that fails to evaluate is an error, never a failed invariant.
   */
  evaluateBoolean(compiled: CompiledExpression, input: FhirPathInput): FhirPathBooleanResult;
  /** Counters for this evaluator (cache hit rate, evaluation count). */
  stats(): FhirPathStats;
}

export interface FhirPathEvaluatorOptions {
  /** Resolves references that are neither `#contained` nor entries of the Bundle. */
  resolveReference?: ResolveReference;
  /** Serves memberOf(); without it memberOf() is an evaluation error. */
  terminology?: Terminology;
  /** Serves conformsTo(); undefined from it means "cannot tell" (empty). Without it conformsTo() is an evaluation error. */
  conformsTo?: (resource: unknown, profileUrl: string) => boolean | undefined;
  /** Deadline per evaluation in ms (default 1000); 0 disables it. */
  maxEvaluationMs?: number;
  /** Clock for the deadline (default performance.now); injectable for tests. */
  now?: () => number;
  /**
   * Evaluate loop-invariant parts of an expression (`entry.where(%resource.entry... contains fullUrl)`)
   * once per evaluation instead of once per item (default true); see hoist.ts.
   */
  hoistInvariants?: boolean;
  /**
   * Answer boolean evaluations (invariants) with the native evaluator where it compiles the
   * expression (default true); fhirpath.js runs the rest, and any evaluation the native one
   * leaves. Results are the same (see `crossCheck` and test/fhirpath/native-agreement.test.ts).
   */
  nativeEvaluation?: boolean;
  /**
   * Run every boolean evaluation of a natively compiled expression through fhirpath.js as
   * well and report both answers here; the fhirpath.js answer is returned. For tests.
   */
  crossCheck?: (check: NativeCrossCheck) => void;
  /** Receives trace() output; by default it is discarded. */
  onTrace?: (label: string, value: unknown) => void;
  /**
   * startsWith/endsWith/contains/matches/matchesFull on an empty input give false, as in the
   * HL7 Java validator, instead of empty (default true). R4's ref-1 depends on it.
   */
  javaCompatibleStringTests?: boolean;
}

type CompiledFn = (data: unknown, env?: Record<string | symbol, unknown>, options?: Record<string, unknown>) => unknown[];
type ResourceNodeClass = { makeResNode(ctx: unknown, data: unknown, ...rest: unknown[]): unknown };

const DEFAULT_MAX_EVALUATION_MS = 1000;
/** How many evaluation steps run between two looks at the clock. */
const STEPS_PER_CLOCK_CHECK = 16;
const SCOPE = Symbol('resolution scope');
const FIXED_VARIABLES = { sct: 'http://snomed.info/sct', loinc: 'http://loinc.org' };
const NAMED_CANONICAL_VARIABLE = /%`((vs|ext)-([^`]+))`/g;

/**
 * Functions whose work can grow faster than the input (iteration with an expression argument,
 * recursion, pairwise comparison). An expression without them is linear in the node it is
 * evaluated on, so it runs without the deadline check, which costs about 30% on ele-1.
 */
const POSSIBLY_SLOW_FUNCTIONS =
  /\b(where|select|all|any|exists|repeat|repeatAll|aggregate|descendants|iif|sort|distinct|isDistinct|subsetOf|supersetOf|intersect|exclude|union|combine|resolve|memberOf|conformsTo)\s*\(\s*[^)\s]|\b(descendants|repeat|distinct|isDistinct)\s*\(|\b(union|in|contains)\b|\|/;

class CompiledFhirPath implements CompiledExpression {
  readonly byBase = new Map<string, CompiledFn>();
  readonly needsDeadline: boolean;
  /** The same expression with its loop-invariant parts taken out (hoist.ts), when it has any. */
  hoisted?: { main: CompiledFhirPath; parts: CompiledFn[] };
  /** The native program, when the native evaluator compiles the expression, and the strings its variables name. */
  native?: NativeProgram;
  nativeStrings?: Readonly<Record<string, string>>;
  constructor(
    readonly expression: string,
    readonly root: CompiledFn,
    readonly variables: Record<string, string>,
  ) {
    this.needsDeadline = POSSIBLY_SLOW_FUNCTIONS.test(expression);
  }
}

class EvaluationTimeout extends Error {}

function variablesIn(expression: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of expression.matchAll(NAMED_CANONICAL_VARIABLE)) {
    out[m[1]] = m[2] === 'vs' ? `http://hl7.org/fhir/ValueSet/${m[3]}` : `http://hl7.org/fhir/StructureDefinition/${m[3]}`;
  }
  return out;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Empty → false (flagged), one boolean → it, anything else non-empty → true: the HL7 Java validator's reading of a constraint. */
function readBoolean(result: FhirPathResult): FhirPathBooleanResult {
  if (!result.ok) return result;
  if (result.value.length === 0) return { ok: true, value: false, empty: true };
  if (result.value.length === 1 && typeof result.value[0] === 'boolean') return { ok: true, value: result.value[0] };
  return { ok: true, value: true };
}

function sameBoolean(a: FhirPathBooleanResult, b: FhirPathBooleanResult): boolean {
  if (a.ok !== b.ok) return false;
  if (!a.ok || !b.ok) return (a as { timedOut?: boolean }).timedOut === (b as { timedOut?: boolean }).timedOut;
  return a.value === b.value && Boolean(a.empty) === Boolean(b.empty);
}

export function createFhirPathEvaluator(options: FhirPathEvaluatorOptions = {}): FhirPathEvaluator {
  const maxMs = options.maxEvaluationMs ?? DEFAULT_MAX_EVALUATION_MS;
  const now = options.now ?? (() => performance.now());
  const valData = fhirpath.util.valData as (item: unknown) => unknown;
  const compiled = new Map<string, CompiledFhirPath | { error: string }>();
  const primitivePickers = new Map<string, CompiledFn>();
  const typingBases = new Map<string, string>();

  function typingBase(nodePath: string, nodeType: string | undefined): string {
    const key = `${nodePath}|${nodeType ?? ''}`;
    let base = typingBases.get(key);
    if (base === undefined) {
      base = resolveTypingBase(nodePath, nodeType);
      typingBases.set(key, base);
    }
    return base;
  }
  const counters: FhirPathStats = { compileRequests: 0, compileCacheHits: 0, typedCompilations: 0, evaluations: 0, errors: 0, timeouts: 0, nativeEvaluations: 0, nativeFallbacks: 0 };
  const modelTypes = createModelTypes();
  // One index per syntax for all of this evaluator's native programs (see SyntaxKeys).
  const syntaxKeys: SyntaxKeys = new Map();
  let resourceNodeClass: ResourceNodeClass | undefined;

  // fhirpath.js types a resolved resource only when it is wrapped as its ResourceNode;
  // the class is reachable from any unresolved result.
  function resourceNodes(): ResourceNodeClass {
    resourceNodeClass ??= (
      fhirpath.evaluate({ resourceType: 'Basic' }, '$this', {}, model, { resolveInternalTypes: false })[0] as { constructor: ResourceNodeClass }
    ).constructor;
    return resourceNodeClass;
  }

  const userInvocationTable = createUserFunctions(options, { valData, resourceNodes, scopeKey: SCOPE });

  const libraryOptions = {
    userInvocationTable,
    traceFn: (value: unknown, label: string) => options.onTrace?.(label, value),
  };

  function compileFor(entry: CompiledFhirPath, base: string): CompiledFn {
    let fn = entry.byBase.get(base);
    if (!fn) {
      counters.typedCompilations++;
      fn = fhirpath.compile({ base, expression: entry.expression }, model, libraryOptions) as CompiledFn;
      entry.byBase.set(base, fn);
    }
    return fn;
  }

  /** The primitive as a typed node carrying its `_name` sibling, through fhirpath.js's own navigation. */
  function primitiveNodes(input: FhirPathInput): unknown[] | undefined {
    const path = input.nodePath.replace(/:[^.]+/g, '').replace(/\[\d*\]/g, '');
    const dot = path.lastIndexOf('.');
    // A primitive type's own root (`decimal`, a profile on `string`): every R4 primitive is a
    // choice of Extension.value[x], which gives fhirpath.js a typed parent to navigate from.
    const parentBase = dot < 0 ? 'Extension' : typingBase(path.slice(0, dot), undefined);
    let property = dot < 0 ? `value${capitalise(input.nodeType ?? path)}` : path.slice(dot + 1);
    if (property.endsWith('[x]')) {
      if (!input.nodeType) return undefined;
      property = property.slice(0, -3) + capitalise(input.nodeType);
    }
    const key = `${parentBase}|${property}`;
    let picker = primitivePickers.get(key);
    if (!picker) {
      picker = fhirpath.compile({ base: parentBase, expression: `\`${property}\`` }, model, { resolveInternalTypes: false }) as CompiledFn;
      primitivePickers.set(key, picker);
    }
    const parent = { [property]: input.node, [`_${property}`]: input.primitiveExtension };
    return picker(parent, {});
  }

  function deadlineOptions(): Record<string, unknown> | undefined {
    if (!(maxMs > 0)) return undefined;
    const deadline = now() + maxMs;
    let steps = 0;
    return {
      debugger: () => {
        if (++steps % STEPS_PER_CLOCK_CHECK === 0 && now() > deadline) {
          throw new EvaluationTimeout(`evaluation took longer than ${maxMs} ms and was stopped`);
        }
      },
    };
  }

  /** The compiled function for the input's typing, and the data to give it. */
  function entryPoint(expression: CompiledFhirPath, input: FhirPathInput): { fn: CompiledFn; data: unknown } {
    if (isResource(input.node)) return { fn: expression.root, data: input.node };
    if (
      (input.node === null || typeof input.node !== 'object') &&
      // fhirpath.js 5.2.2 cannot take a number as the typed root of an evaluation (it wraps the
      // root before its decimal support is set up), so numbers go through the parent too.
      (input.primitiveExtension !== undefined || typeof input.node === 'number')
    ) {
      const nodes = primitiveNodes(input);
      if (nodes) return { fn: expression.root, data: nodes };
    }
    return { fn: compileFor(expression, typingBase(input.nodePath, input.nodeType)), data: input.node };
  }

  /** The hoisted parts' values as variables, or undefined when one cannot be had (then the original expression runs). */
  function hoistedVariables(parts: CompiledFn[], env: Record<string | symbol, unknown>, evaluationOptions: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
    const variables: Record<string, unknown> = {};
    try {
      for (let i = 0; i < parts.length; i++) {
        const value = parts[i]([], env, evaluationOptions);
        if (!Array.isArray(value)) return undefined;
        variables[`${HOISTED_PREFIX}${i}`] = value;
      }
    } catch {
      return undefined;
    }
    return variables;
  }

  function evaluate(expression: CompiledExpression, input: FhirPathInput): FhirPathResult {
    counters.evaluations++;
    if (!(expression instanceof CompiledFhirPath)) {
      counters.errors++;
      return { ok: false, error: 'not an expression compiled by this evaluator' };
    }
    try {
      const env: Record<string | symbol, unknown> = {
        ...FIXED_VARIABLES,
        ...expression.variables,
        ...input.variables,
        resource: input.resource,
        rootResource: input.rootResource,
        [SCOPE]: { resource: input.resource, rootResource: input.rootResource, bundle: input.bundle } satisfies ResolutionScope,
      };
      let value: unknown;
      const hoisted = expression.hoisted;
      const hoistedOptions = hoisted && expression.needsDeadline ? deadlineOptions() : undefined;
      const hoistedEnv = hoisted && hoistedVariables(hoisted.parts, env, hoistedOptions);
      if (hoisted && hoistedEnv) {
        const { fn, data } = entryPoint(hoisted.main, input);
        value = fn(data, { ...env, ...hoistedEnv }, hoistedOptions);
      } else {
        const { fn, data } = entryPoint(expression, input);
        value = fn(data, env, expression.needsDeadline ? deadlineOptions() : undefined);
      }
      if (!Array.isArray(value)) {
        counters.errors++;
        return { ok: false, error: 'the expression needs asynchronous evaluation, which is not supported' };
      }
      return { ok: true, value };
    } catch (error) {
      counters.errors++;
      if (error instanceof EvaluationTimeout) {
        counters.timeouts++;
        return { ok: false, error: error.message, timedOut: true };
      }
      return { ok: false, error: errorText(error) };
    }
  }

  /** The item the native evaluator starts from; undefined when the node is not one it types. */
  function contextItem(input: FhirPathInput): Item | undefined {
    const node = input.node;
    if (isResource(node)) {
      const type = (node as { resourceType: string }).resourceType;
      return isResourceType(type) ? new Item(node, type) : undefined;
    }
    if (Array.isArray(node) || node === undefined) return undefined;
    const type = typingBase(input.nodePath, input.nodeType);
    if (node === null || typeof node !== 'object') {
      const companion = input.primitiveExtension;
      if (companion !== undefined && (companion === null || typeof companion !== 'object' || Array.isArray(companion))) return undefined;
      return new Item(node ?? undefined, type, companion as Record<string, unknown> | undefined);
    }
    return new Item(node, type);
  }

  function resourceItem(resource: unknown): Item | undefined | false {
    if (resource === undefined || resource === null) return undefined;
    if (!isResource(resource)) return false;
    const type = (resource as { resourceType: string }).resourceType;
    return isResourceType(type) ? new Item(resource, type) : false;
  }

  /** The native answer, or undefined when fhirpath.js has to give it. */
  function evaluateNative(expression: CompiledFhirPath, program: NativeProgram, input: FhirPathInput): FhirPathBooleanResult | undefined {
    const context = contextItem(input);
    const resource = resourceItem(input.resource);
    const rootResource = resourceItem(input.rootResource);
    if (!context || resource === false || rootResource === false) {
      counters.nativeFallbacks++;
      return undefined;
    }
    const extension = input.variables?.extension;
    const env: NativeEnv = {
      context,
      resource,
      rootResource,
      extension: extension !== null && typeof extension === 'object' && !Array.isArray(extension) ? new Item(extension, 'Extension') : undefined,
      strings: expression.nativeStrings ?? FIXED_VARIABLES,
      types: modelTypes,
      memo: new Array(program.slots),
      shared: input.memo,
      deadline: maxMs > 0 ? now() + maxMs : Infinity,
      now,
      steps: 0,
      stringIndexes: undefined,
    };
    counters.evaluations++;
    try {
      const items = program.step([context], env);
      counters.nativeEvaluations++;
      if (items.length === 0) return { ok: true, value: false, empty: true };
      if (items.length === 1 && typeof items[0].value === 'boolean') return { ok: true, value: items[0].value };
      return { ok: true, value: true };
    } catch (error) {
      if (error instanceof NativeTimeout) {
        counters.errors++;
        counters.timeouts++;
        const why = error.message === 'evaluation took too long' ? `evaluation took longer than ${maxMs} ms and was stopped` : `evaluation was stopped: ${error.message}`;
        return { ok: false, error: why, timedOut: true };
      }
      // A Bail (or anything unforeseen): fhirpath.js evaluates it, so the answer is its.
      counters.evaluations--;
      counters.nativeFallbacks++;
      if (!(error instanceof Bail) && options.crossCheck) {
        // Not a planned fallback: a defect of the native evaluator, which the cross-check must show.
        return { ok: false, error: `native evaluator: ${errorText(error)}` };
      }
      return undefined;
    }
  }

  /** The rewritten expression and its parts; undefined (the original is used) if fhirpath.js refuses one. */
  function compileHoisted(original: CompiledFhirPath, hoisted: { expression: string; parts: string[] }): CompiledFhirPath['hoisted'] {
    try {
      // The main expression keeps the original's variables (the parts may use them too) and deadline need.
      const main = new CompiledFhirPath(hoisted.expression, fhirpath.compile(hoisted.expression, model, libraryOptions) as CompiledFn, original.variables);
      const parts = hoisted.parts.map((part) => fhirpath.compile(part, model, { ...libraryOptions, resolveInternalTypes: false }) as CompiledFn);
      return { main, parts };
    } catch {
      return undefined;
    }
  }

  return {
    compile(expression) {
      counters.compileRequests++;
      const cached = compiled.get(expression);
      if (cached) {
        counters.compileCacheHits++;
        return cached;
      }
      let entry: CompiledFhirPath | { error: string };
      try {
        entry = new CompiledFhirPath(expression, fhirpath.compile(expression, model, libraryOptions) as CompiledFn, variablesIn(expression));
        const hoisted = options.hoistInvariants === false ? undefined : hoistInvariants(expression);
        if (hoisted) entry.hoisted = compileHoisted(entry, hoisted);
        if (options.nativeEvaluation !== false) {
          const native = compileNative(fhirpath.parse(expression) as AstNode, syntaxKeys);
          if ('step' in native) {
            entry.native = native;
            entry.nativeStrings = { ...FIXED_VARIABLES, ...entry.variables };
          }
        }
      } catch (error) {
        entry = { error: errorText(error).trim() };
      }
      compiled.set(expression, entry);
      return entry;
    },

    evaluate,

    evaluateBoolean(expression, input) {
      const hasNative = expression instanceof CompiledFhirPath && expression.native !== undefined;
      const native = hasNative ? evaluateNative(expression as CompiledFhirPath, (expression as CompiledFhirPath).native!, input) : undefined;
      if (hasNative && options.crossCheck) {
        const fhirpathJs = readBoolean(evaluate(expression, input));
        const agree = native === undefined || sameBoolean(native, fhirpathJs);
        options.crossCheck({ expression: expression.expression, nodePath: input.nodePath, native: native ?? 'fallback', fhirpathJs, agree });
        return fhirpathJs;
      }
      return native ?? readBoolean(evaluate(expression, input));
    },

    stats() {
      return { ...counters };
    },
  };
}
