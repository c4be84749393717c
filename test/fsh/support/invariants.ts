/**
 * Evaluates the invariants of the generated Application profiles with fhirpath.js (R4 model), the
 * way a validator does: Bundle-level invariants on the Bundle (%resource = the Bundle), the UEC
 * resource profiles' invariants on each entry that the Bundle profile's type slices give them.
 */
import fhirpath from 'fhirpath';
import r4Model from 'fhirpath/fhir-context/r4/index.js';

type Json = Record<string, unknown>;
export interface Invariant {
  key: string;
  severity: string;
  expression: string;
  /** Element id the invariant sits on, e.g. `Patient` or `Patient.contact`. */
  elementId: string;
  /** Canonical URL of the profile that declares it. */
  profile: string;
}
interface Element { id: string; constraint?: Array<{ key: string; severity: string; expression: string }>; type?: Array<{ profile?: string[] }> }
export interface ProfileLike { url: string; type: string; differential: { element: Element[] } }

export function invariantsOf(profile: ProfileLike): Invariant[] {
  return profile.differential.element.flatMap((e) =>
    (e.constraint ?? []).map((c) => ({ key: c.key, severity: c.severity, expression: c.expression, elementId: e.id, profile: profile.url })),
  );
}

/** Bundle entry slices: resource type → profile the Application Bundle profile applies to it. */
export function entryProfiles(bundleProfile: ProfileLike, profiles: ProfileLike[]): Map<string, ProfileLike> {
  const out = new Map<string, ProfileLike>();
  for (const e of bundleProfile.differential.element) {
    const url = /^Bundle\.entry:[^.]+\.resource$/.test(e.id) ? e.type?.[0]?.profile?.[0] : undefined;
    const profile = url ? profiles.find((p) => p.url === url) : undefined;
    if (profile) out.set(profile.type, profile);
  }
  return out;
}

/** Evaluates one invariant on `resource`; true, false, or the error/odd result as text. */
export function evaluateInvariant(invariant: Invariant, resource: Json, bundle: Json): boolean | string {
  const relative = invariant.elementId.split('.').slice(1).join('.');
  const expression = relative ? `${relative}.all(${invariant.expression})` : invariant.expression;
  try {
    const result = fhirpath.evaluate(resource, expression, { resource, rootResource: bundle }, r4Model as never) as unknown[];
    if (result.length === 1 && typeof result[0] === 'boolean') return result[0];
    return `non-boolean result ${JSON.stringify(result).slice(0, 100)}`;
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

/** Keys of the invariants a message fails, with `@Type` for entry-level ones. */
export function failedInvariants(bundle: Json, bundleProfile: ProfileLike, profiles: ProfileLike[]): string[] {
  const failed: string[] = [];
  for (const inv of invariantsOf(bundleProfile)) {
    const r = evaluateInvariant(inv, bundle, bundle);
    if (r !== true) failed.push(r === false ? inv.key : `${inv.key} ${r}`);
  }
  const byType = entryProfiles(bundleProfile, profiles);
  for (const entry of (bundle.entry as Array<{ resource?: Json }> | undefined) ?? []) {
    const resource = entry.resource;
    const profile = resource ? byType.get(resource.resourceType as string) : undefined;
    if (!resource || !profile) continue;
    for (const inv of invariantsOf(profile)) {
      const r = evaluateInvariant(inv, resource, bundle);
      if (r !== true) failed.push(`${r === false ? inv.key : `${inv.key} ${r}`}@${resource.resourceType}`);
    }
  }
  return [...new Set(failed)].sort();
}
