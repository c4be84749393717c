/**
 * Offsets → 1-based line/column, computed lazily: line starts are indexed on the first
 * question, so parsing pays nothing when no issue needs a position.
 */
import type { SourcePosition } from '../model/issue.js';

export interface PositionIndex {
  at(offset: number): SourcePosition;
}

export function createPositionIndex(text: string): PositionIndex {
  let lineStarts: number[] | undefined;
  function index(): number[] {
    if (lineStarts) return lineStarts;
    const starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    lineStarts = starts;
    return starts;
  }
  return {
    at(offset) {
      const starts = index();
      let low = 0;
      let high = starts.length - 1;
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
