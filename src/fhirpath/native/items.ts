/**
 * The values the native evaluator passes between steps: a JSON value with its FHIR type
 * (a type name such as `Coding`, a model path for a backbone element such as `Bundle.entry`,
 * or a `System.*` type for literals and results) and, for a FHIR primitive, its `_name`
 * JSON sibling (id, extension).
 */
export class Item {
  constructor(
    readonly value: unknown,
    readonly type: string,
    readonly companion?: Record<string, unknown>,
  ) {}
}

/**
 * The evaluation left the subset the native evaluator reads exactly (an odd value, an
 * operand it does not compare, a non-boolean condition); the caller runs fhirpath.js instead.
 */
export class Bail extends Error {
  constructor(reason: string) {
    super(reason);
  }
}

/** The evaluation ran past its deadline. */
export class NativeTimeout extends Error {}

export function bail(reason: string): never {
  throw new Bail(reason);
}

export const EMPTY: readonly Item[] = Object.freeze([]);
export const TRUE: readonly Item[] = Object.freeze([new Item(true, 'System.Boolean')]);
export const FALSE: readonly Item[] = Object.freeze([new Item(false, 'System.Boolean')]);

export function booleanItems(value: boolean | undefined): readonly Item[] {
  return value === undefined ? EMPTY : value ? TRUE : FALSE;
}

/** A boolean operand: empty → undefined, one boolean → it; anything else is left to fhirpath.js. */
export function toBoolean(items: readonly Item[]): boolean | undefined {
  if (items.length === 0) return undefined;
  if (items.length === 1 && typeof items[0].value === 'boolean') return items[0].value;
  return bail('a boolean operand that is not a single boolean');
}
