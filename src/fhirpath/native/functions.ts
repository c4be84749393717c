/**
 * The functions the native evaluator compiles, by name: each builder gets the compiled
 * arguments (or, for type arguments, the type name) and returns the step applied to the
 * input collection. A name not here, or a call with other arguments, is not compiled
 * natively (fhirpath.js evaluates that expression). Semantics follow the adapter's
 * (evaluator.ts): string tests on an empty input are false, the function form of as()
 * filters, regexes go through the same guard.
 */
import { jsFlags, regexComplexityProblem } from '../regex-guard.js';
import { primitiveKey } from './compare.js';
import { checkSize, tick, type NativeEnv } from './env.js';
import { bail, booleanItems, EMPTY, FALSE, Item, toBoolean, TRUE } from './items.js';
import { isKnownType } from './model-types.js';
import { createMemberCache, navigateMember } from './navigate.js';

/** A compiled argument: evaluated with the given focus. */
export type Argument = (focus: readonly Item[], env: NativeEnv) => readonly Item[];
/** A function applied to its input. */
export type Applied = (input: readonly Item[], env: NativeEnv) => readonly Item[];

export class Unsupported extends Error {}

export interface CallArguments {
  /** The compiled expression arguments. */
  expressions: Argument[];
  /** Each argument read as a type specifier (a plain identifier), or undefined. */
  typeNames: (string | undefined)[];
  /** Each argument as a string literal, or undefined. */
  stringLiterals: (string | undefined)[];
}

type Builder = (args: CallArguments) => Applied;

function arity(args: CallArguments, ...allowed: number[]): void {
  if (!allowed.includes(args.expressions.length)) throw new Unsupported(`${args.expressions.length} arguments`);
}

/** The criteria result read as FHIRPath's where()/all() read it: true, false, or (empty) false. */
function criterion(result: readonly Item[]): boolean {
  return toBoolean(result) === true;
}

function singleton(item: Item): readonly Item[] {
  return [item];
}

function typeArgument(args: CallArguments): string {
  arity(args, 1);
  const name = args.typeNames[0];
  if (!name || !isKnownType(name)) throw new Unsupported('type argument not a FHIR type');
  return name;
}

function conformingItems(input: readonly Item[], wanted: string, env: NativeEnv): readonly Item[] {
  const out: Item[] = [];
  for (const item of input) {
    if (item.type.startsWith('System.')) return bail('type test on a System value');
    if (env.types.conforms(item.type, wanted)) out.push(item);
  }
  return out;
}

/** One string from the input (undefined when empty); bails on several items or a non-string. */
function singleString(input: readonly Item[]): string | undefined {
  if (input.length === 0) return undefined;
  if (input.length > 1) return bail('a string function on several items');
  const value = input[0].value;
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return bail('a string function on a non-string');
  return value;
}

function stringTest(test: (text: string, argument: string) => boolean): Builder {
  return (args) => {
    arity(args, 1);
    const [argument] = args.expressions;
    return (input, env) => {
      const text = singleString(input);
      if (text === undefined) return FALSE;
      const value = argument(input, env);
      if (value.length === 0) return EMPTY;
      if (value.length > 1 || typeof value[0].value !== 'string') return bail('a string test with a non-string argument');
      return booleanItems(test(text, value[0].value));
    };
  };
}

function stringMap(map: (text: string) => unknown, type: string): Builder {
  return (args) => {
    arity(args, 0);
    return (input) => {
      const text = singleString(input);
      return text === undefined ? EMPTY : [new Item(map(text), type)];
    };
  };
}

export const FUNCTIONS: Readonly<Record<string, Builder>> = {
  exists(args) {
    arity(args, 0, 1);
    const [criteria] = args.expressions;
    if (!criteria) return (input) => booleanItems(input.length > 0);
    return (input, env) => {
      // Every item's criteria is evaluated, as fhirpath.js does.
      let found = false;
      for (const item of input) {
        tick(env);
        if (criterion(criteria(singleton(item), env))) found = true;
      }
      return booleanItems(found);
    };
  },
  empty(args) {
    arity(args, 0);
    return (input) => booleanItems(input.length === 0);
  },
  not(args) {
    arity(args, 0);
    return (input) => {
      const value = toBoolean(input);
      return value === undefined ? EMPTY : booleanItems(!value);
    };
  },
  where(args) {
    arity(args, 1);
    const [criteria] = args.expressions;
    return (input, env) => {
      // Most filters keep none or one item: no array grown for them.
      let out: Item[] | undefined;
      for (let i = 0; i < input.length; i++) {
        const item = input[i];
        tick(env);
        if (!criterion(criteria(singleton(item), env))) continue;
        if (out) out.push(item);
        else out = [item];
      }
      return out ?? EMPTY;
    };
  },
  all(args) {
    arity(args, 1);
    const [criteria] = args.expressions;
    return (input, env) => {
      // The first item that fails decides, as in the HL7 Java validator (fhirpath.js goes on,
      // so its answer differs only where a later item's criteria cannot be evaluated).
      for (const item of input) {
        tick(env);
        if (!criterion(criteria(singleton(item), env))) return FALSE;
      }
      return TRUE;
    };
  },
  select(args) {
    arity(args, 1);
    const [projection] = args.expressions;
    return (input, env) => {
      const out: Item[] = [];
      for (const item of input) {
        tick(env);
        const projected = projection(singleton(item), env);
        tick(env, projected.length);
        checkSize(out.length + projected.length);
        for (const p of projected) out.push(p);
      }
      return out;
    };
  },
  first(args) {
    arity(args, 0);
    return (input) => (input.length === 0 ? EMPTY : [input[0]]);
  },
  last(args) {
    arity(args, 0);
    return (input) => (input.length === 0 ? EMPTY : [input[input.length - 1]]);
  },
  count(args) {
    arity(args, 0);
    return (input) => [new Item(input.length, 'System.Integer')];
  },
  ofType(args) {
    const wanted = typeArgument(args);
    return (input, env) => conformingItems(input, wanted, env);
  },
  // The function form of as() filters a collection (the HL7 Java validator's reading), like ofType().
  as(args) {
    const wanted = typeArgument(args);
    return (input, env) => conformingItems(input, wanted, env);
  },
  is(args) {
    const wanted = typeArgument(args);
    return (input, env) => {
      if (input.length === 0) return EMPTY;
      if (input.length > 1) return bail('is() on several items');
      return booleanItems(conformingItems(input, wanted, env).length === 1);
    };
  },
  hasValue(args) {
    arity(args, 0);
    return (input) => {
      if (input.length !== 1) return FALSE;
      const item = input[0];
      if (item.type === 'xhtml') return bail('hasValue() on xhtml');
      const value = item.value;
      return booleanItems(value !== undefined && value !== null && typeof value !== 'object');
    };
  },
  distinct(args) {
    arity(args, 0);
    return (input) => {
      const seen = new Set<string | number | boolean>();
      const out: Item[] = [];
      for (const item of input) {
        const key = primitiveKey(item);
        if (!seen.has(key)) {
          seen.add(key);
          out.push(item);
        }
      }
      return out;
    };
  },
  extension(args) {
    arity(args, 1);
    const [url] = args.expressions;
    const members = createMemberCache();
    return (input, env) => {
      const wanted = url(input, env);
      if (wanted.length !== 1 || typeof wanted[0].value !== 'string') return bail('extension() with a url that is not one string');
      const out: Item[] = [];
      for (const extension of navigateMember(input, 'extension', env.types, members)) {
        const value = (extension.value as Record<string, unknown>).url;
        if (value === wanted[0].value) out.push(extension);
      }
      return out;
    };
  },
  startsWith: stringTest((text, prefix) => text.startsWith(prefix)),
  endsWith: stringTest((text, suffix) => text.endsWith(suffix)),
  contains: stringTest((text, part) => text.includes(part)),
  lower: stringMap((text) => text.toLowerCase(), 'System.String'),
  upper: stringMap((text) => text.toUpperCase(), 'System.String'),
  length: stringMap((text) => text.length, 'System.Integer'),
  matches(args) {
    arity(args, 1);
    const pattern = args.stringLiterals[0];
    if (pattern === undefined || pattern === '' || regexComplexityProblem(pattern)) throw new Unsupported('matches() without a plain literal pattern');
    let regex: RegExp;
    try {
      regex = new RegExp(pattern, jsFlags(undefined));
    } catch {
      throw new Unsupported('a pattern this engine reads differently');
    }
    return (input) => {
      const text = singleString(input);
      return text === undefined ? FALSE : booleanItems(regex.test(text));
    };
  },
};
