/**
 * Finds the resource a canonical in an instance names (a QuestionnaireResponse's
 * Questionnaire, a MeasureReport's Measure): `#id` among the contained resources;
 * otherwise by `url` or `url|version` in the enclosing Bundle, then in the definitions.
 * A canonical that names some other kind of resource is told apart from one that names
 * nothing.
 */
import type { DefinitionSet } from '../../defs/types.js';
import type { ResourceFrame } from '../check.js';
import { objectsOf, type JsonObject } from './values.js';

export type CanonicalLookup =
  | { found: JsonObject }
  | { wrongType: string }
  | { notFound: true };

function matchesCanonical(resource: JsonObject, canonical: string): boolean {
  const bar = canonical.indexOf('|');
  const url = bar < 0 ? canonical : canonical.slice(0, bar);
  const version = bar < 0 ? undefined : canonical.slice(bar + 1);
  if (resource.url !== url) return false;
  return version === undefined || resource.version === version || (typeof resource.version === 'string' && resource.version.startsWith(`${version}.`));
}

export function resolveCanonicalResource(canonical: string, resourceType: string, frame: ResourceFrame, defs: DefinitionSet): CanonicalLookup {
  if (canonical.startsWith('#')) {
    const id = canonical.slice(1);
    const container = frame.container ?? frame;
    const target = objectsOf(container.resource.contained).find((r) => r.id === id);
    if (!target) return { notFound: true };
    return target.resourceType === resourceType ? { found: target } : { wrongType: String(target.resourceType) };
  }
  let otherType: string | undefined;
  for (const entry of frame.bundle?.entries ?? []) {
    if (!entry.resource || !matchesCanonical(entry.resource, canonical)) continue;
    if (entry.resourceType === resourceType) return { found: entry.resource };
    otherType ??= entry.resourceType;
  }
  const fromDefinitions = defs.resolve(canonical, resourceType);
  if (fromDefinitions) return { found: fromDefinitions as JsonObject };
  otherType ??= defs.resolve(canonical)?.resourceType;
  return otherType !== undefined ? { wrongType: otherType } : { notFound: true };
}
