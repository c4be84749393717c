/**
 * The functions the adapter supplies to fhirpath.js (its user invocation table): offline,
 * synchronous resolve(), memberOf() and conformsTo(), guarded regex functions, and the
 * places where the HL7 Java validator reads R4 invariants more leniently than fhirpath.js.
 */
import type { UserInvocationTable } from 'fhirpath';
import type { Terminology } from '../terminology/types.js';
import { guardedRegexFunctions } from './regex-guard.js';
import { resolveInScope, type ResolutionScope, type ResolveReference } from './reference-resolver.js';
import { javaCompatibleStringTests } from './string-tests.js';

type EvalContext = { vars: Record<string | symbol, unknown> };
/** fhirpath.js's TypeInfo, as handed to functions taking a type specifier. */
type TypeSpecifier = { is(other: TypeSpecifier, model: unknown): boolean; constructor: unknown };
type ResourceNodeClass = { makeResNode(ctx: unknown, data: unknown, ...rest: unknown[]): unknown };

export interface UserFunctionOptions {
  resolveReference?: ResolveReference;
  terminology?: Terminology;
  conformsTo?: (resource: unknown, profileUrl: string) => boolean | undefined;
  javaCompatibleStringTests?: boolean;
}

export interface UserFunctionHelpers {
  valData: (item: unknown) => unknown;
  /** fhirpath.js's ResourceNode class, to hand back resolved resources typed. */
  resourceNodes: () => ResourceNodeClass;
  /** The environment key under which each evaluation stores its ResolutionScope. */
  scopeKey: symbol;
}

export function isResource(node: unknown): boolean {
  return node !== null && typeof node === 'object' && !Array.isArray(node) && typeof (node as { resourceType?: unknown }).resourceType === 'string';
}

export function createUserFunctions(options: UserFunctionOptions, helpers: UserFunctionHelpers): UserInvocationTable {
  const { valData, resourceNodes, scopeKey } = helpers;
  const javaCompatible = options.javaCompatibleStringTests ?? true;
  return {
    ...(javaCompatible ? javaCompatibleStringTests() : {}),
    ...guardedRegexFunctions(valData, javaCompatible ? false : []),
    resolve: {
      fn(this: EvalContext, input: unknown[]) {
        const scope = this.vars[scopeKey] as ResolutionScope;
        const out: unknown[] = [];
        for (const item of input) {
          const value = valData(item);
          const reference = typeof value === 'string' ? value : (value as { reference?: unknown } | null)?.reference;
          if (typeof reference !== 'string') continue;
          // A local '#id' belongs to the resource holding the reference, which fhirpath.js knows when it navigated there.
          const holder = (item as { getParentResource?: () => { data?: unknown } | null }).getParentResource?.()?.data;
          const target = resolveInScope(reference, holder ? { ...scope, resource: holder } : scope, options.resolveReference);
          if (isResource(target)) out.push(resourceNodes().makeResNode(this, target, null, null, null, null));
        }
        return out;
      },
      arity: { 0: [] },
      internalStructures: true,
    },
    memberOf: {
      fn(this: EvalContext, input: unknown[], valueSet: string) {
        if (!options.terminology) throw new Error('memberOf() is not available: no terminology was given to the evaluator');
        if (input.length !== 1 || typeof valueSet !== 'string') return [];
        const value = valData(input[0]) as { coding?: unknown; code?: unknown; system?: unknown; version?: unknown; display?: unknown } | string | null;
        const codings: Array<{ system?: string; version?: string; code: string; display?: string }> = [];
        const addCoding = (c: unknown): void => {
          const coding = c as { system?: unknown; version?: unknown; code?: unknown; display?: unknown } | null;
          if (typeof coding?.code !== 'string') return;
          codings.push({
            code: coding.code,
            system: typeof coding.system === 'string' ? coding.system : undefined,
            version: typeof coding.version === 'string' ? coding.version : undefined,
            display: typeof coding.display === 'string' ? coding.display : undefined,
          });
        };
        if (typeof value === 'string') codings.push({ code: value });
        else if (Array.isArray(value?.coding)) value.coding.forEach(addCoding);
        else addCoding(value);
        if (codings.length === 0) return [];
        const results = codings.map((c) => options.terminology!.validateCode(c, valueSet).result);
        if (results.includes('valid')) return true;
        if (results.every((r) => r === 'invalid')) return false;
        return []; // not decidable locally: empty, as FHIRPath reads "unknown"
      },
      arity: { 1: ['String'] },
      internalStructures: true,
    },
    // xhtml is a FHIR primitive (Narrative.div), but fhirpath.js's hasValue() says false for it,
    // which fails ele-1 on every narrative. A primitive here is any non-null value that is not
    // a plain JSON object (complex types) or array.
    hasValue: {
      fn(this: EvalContext, input: unknown[]) {
        if (input.length !== 1) return false;
        const value = valData(input[0]);
        if (value === null || value === undefined) return false;
        return typeof value !== 'object' || (!Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype);
      },
      arity: { 0: [] },
      internalStructures: true,
    },
    // R4 invariants (dom-3: `descendants().as(canonical)`) use the function form of as() on
    // collections, which the HL7 Java validator reads as a filter; fhirpath.js raises an error
    // for more than one item. The function form filters here; the `x as T` operator is unchanged.
    as: {
      fn(this: EvalContext & { model: unknown }, input: unknown[], type: TypeSpecifier) {
        const typeInfo = type.constructor as unknown as { fromValue(value: unknown): TypeSpecifier };
        return input.filter((item) => typeInfo.fromValue(item).is(type, this.model));
      },
      arity: { 1: ['TypeSpecifier'] },
      internalStructures: true,
    },
    conformsTo: {
      fn(this: EvalContext, input: unknown[], profile: string) {
        if (!options.conformsTo) throw new Error('conformsTo() is not available: no profile validator was given to the evaluator');
        if (input.length !== 1 || typeof profile !== 'string') return [];
        const verdict = options.conformsTo(valData(input[0]), profile);
        return verdict === undefined ? [] : verdict;
      },
      arity: { 1: ['String'] },
      internalStructures: true,
    },
  };
}
