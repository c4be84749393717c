/**
 * Reverts Medplum's edits to the R4 core definitions, giving back the published 4.0.1 content.
 * (Filled in by the definitions work: each revert is tested against the 4.0.1 text.)
 */
import type { ConformanceResource } from './types.js';

export function revertMedplumEdits(resources: ConformanceResource[]): ConformanceResource[] {
  return resources;
}
