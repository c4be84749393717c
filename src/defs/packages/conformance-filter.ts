import type { ConformanceResource } from '../types.js';

/**
 * Keeps the resources a DefinitionSet is for: canonical resources (they have a url).
 * Examples and instances in IG folders and packages (Patient, Bundle, ...) have none.
 */
export function conformanceOnly(resources: ConformanceResource[]): ConformanceResource[] {
  return resources.filter((r) => typeof r.url === 'string' && r.url !== '');
}
