/** What one native evaluation runs with, and the shape of a compiled step. */
import { NativeTimeout, type Item } from './items.js';
import type { ModelTypes } from './model-types.js';

export interface NativeEnv {
  readonly context: Item;
  readonly resource: Item | undefined;
  readonly rootResource: Item | undefined;
  /** %sct, %loinc, %`vs-...`: names to strings. */
  readonly strings: Readonly<Record<string, string>>;
  readonly types: ModelTypes;
  /** Values of sub-expressions that do not depend on the focus, computed once per evaluation. */
  readonly memo: (readonly Item[] | undefined)[];
  /**
   * Values of top-level operands (evaluated on the context node itself), by their syntax,
   * shared by every expression evaluated on the same node in one validation: twenty BaRS
   * invariants start with the same `entry.first().resource.event...` test.
   */
  readonly shared: Map<string, unknown> | undefined;
  /** Deadline in the clock's ms, or Infinity. */
  readonly deadline: number;
  readonly now: () => number;
  steps: number;
}

/** A compiled expression: from the focus ($this collection) to its result. */
export type Step = (focus: readonly Item[], env: NativeEnv) => readonly Item[];

const ITEMS_PER_CLOCK_CHECK = 256;

/** Counts work in iterating functions; throws NativeTimeout past the deadline. */
export function tick(env: NativeEnv): void {
  if (++env.steps % ITEMS_PER_CLOCK_CHECK === 0 && env.deadline !== Infinity && env.now() > env.deadline) {
    throw new NativeTimeout('evaluation took too long');
  }
}
