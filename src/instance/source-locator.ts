/** Maps a JSON path (`entry[2].resource.subject`; `''` = the root) to a source position, as the format readers do. */
import type { SourcePosition } from '../model/issue.js';

export interface SourceLocator {
  positionOf(path: string): SourcePosition | undefined;
}

/** `['entry', 2, 'resource']` → `entry[2].resource`. */
export function formatJsonPath(parts: ReadonlyArray<string | number>): string {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}
