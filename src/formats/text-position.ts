/**
 * Offsets → 1-based line/column, computed lazily: line starts are indexed on the first
 * question, so parsing pays nothing when no issue needs a position.
 */
import type { SourcePosition } from '../model/issue.js';

export interface PositionIndex {
  at(offset: number): SourcePosition;
}

export function createPositionIndex(text: string): PositionIndex {
  let lineStarts: Uint32Array | undefined;
  let lines = 0;
  function index(): Uint32Array {
    if (lineStarts) return lineStarts;
    // One pass into a typed array sized for lines of about 32 characters, doubled when short
    // (a pushed array of numbers is copied more often and holds more).
    let starts = new Uint32Array(Math.max(16, text.length >> 5));
    let count = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      if (count === starts.length) {
        const larger = new Uint32Array(starts.length * 2);
        larger.set(starts);
        starts = larger;
      }
      starts[count++] = i + 1;
    }
    lines = count;
    lineStarts = starts;
    return starts;
  }
  return {
    at(offset) {
      const starts = index();
      let low = 0;
      let high = lines - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (starts[mid] <= offset) low = mid;
        else high = mid - 1;
      }
      return { line: low + 1, column: offset - starts[low] + 1 };
    },
  };
}

/** One-off conversion, for error messages. */
export function positionAt(text: string, offset: number): SourcePosition {
  return createPositionIndex(text).at(offset);
}
