/** Maps a JSON path (`entry[2].resource.subject`; `''` = the root) to a source position, as the format readers do. */
import type { SourcePosition } from '../model/issue.js';

export interface SourceLocator {
  positionOf(path: string): SourcePosition | undefined;
  /** The same for a path already split (`['entry', 2, 'resource']`), where the reader can use it so. */
  positionAt?(segments: ReadonlyArray<string | number>): SourcePosition | undefined;
}

export { formatJsonPath } from '../formats/json-locate.js';
