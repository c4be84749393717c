/** What one native evaluation runs with, and the shape of a compiled step. */
import { NativeTimeout, type Item } from './items.js';
import type { ModelTypes } from './model-types.js';

export interface NativeEnv {
  readonly context: Item;
  readonly resource: Item | undefined;
  readonly rootResource: Item | undefined;
  /** %extension, typed Extension (an extension's context invariants); undefined when the caller gave none. */
  readonly extension: Item | undefined;
  /** %sct, %loinc, %`vs-...`: names to strings. */
  readonly strings: Readonly<Record<string, string>>;
  readonly types: ModelTypes;
  /** Values of sub-expressions that do not depend on the focus, computed once per evaluation. */
  readonly memo: (readonly Item[] | undefined)[];
  /**
   * Values of top-level operands (evaluated on the context node itself), at their syntax's
   * index (SyntaxKeys), shared by every expression evaluated on the same node in one validation:
   * twenty BaRS invariants start with the same `entry.first().resource.event...` test.
   */
  readonly shared: unknown[] | undefined;
  /**
   * The strings of lists that do not depend on the focus, by list, made on first use in this
   * evaluation (membership tests, see the compiler); null for a list that is not all strings.
   */
  stringIndexes: Map<readonly Item[], ReadonlySet<string> | null> | undefined;
  /** Deadline in the clock's ms, or Infinity. */
  readonly deadline: number;
  readonly now: () => number;
  steps: number;
}

/** A compiled expression: from the focus ($this collection) to its result. */
export type Step = (focus: readonly Item[], env: NativeEnv) => readonly Item[];

const ITEMS_PER_CLOCK_CHECK = 256;
/** More items than this in one collection is runaway growth (select over select...), stopped like a time-out. */
export const MAX_COLLECTION_ITEMS = 1_000_000;

/** Counts work in iterating functions (`items` made or looked at); throws NativeTimeout past the deadline. */
export function tick(env: NativeEnv, items = 1): void {
  const before = env.steps;
  env.steps += items;
  if (Math.floor(env.steps / ITEMS_PER_CLOCK_CHECK) !== Math.floor(before / ITEMS_PER_CLOCK_CHECK) && env.deadline !== Infinity && env.now() > env.deadline) {
    throw new NativeTimeout('evaluation took too long');
  }
}

/** Stops a collection that grows past MAX_COLLECTION_ITEMS. */
export function checkSize(length: number): void {
  if (length > MAX_COLLECTION_ITEMS) throw new NativeTimeout(`a collection grew past ${MAX_COLLECTION_ITEMS} items`);
}
