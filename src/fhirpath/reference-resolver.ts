/**
 * resolve() without a server: `#id` finds a contained resource (in %resource, then in
 * %rootResource, its container), `#` alone is the container itself; other references go to
 * the caller's resolver first, then to the entries of the enclosing Bundle (by fullUrl, or
 * by `Type/id` for relative references). Unresolvable references give nothing, as the
 * FHIRPath resolve() specification says.
 */

export type ResolveReference = (reference: string, fromResource: unknown) => unknown;

interface JsonResource {
  resourceType?: unknown;
  id?: unknown;
  contained?: unknown;
  entry?: unknown;
}

function asResource(value: unknown): JsonResource | undefined {
  return value !== null && typeof value === 'object' && typeof (value as JsonResource).resourceType === 'string'
    ? (value as JsonResource)
    : undefined;
}

function containedById(container: unknown, id: string): unknown {
  const contained = asResource(container)?.contained;
  return Array.isArray(contained) ? contained.find((r) => asResource(r)?.id === id) : undefined;
}

const RELATIVE_REFERENCE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

function fromBundle(bundle: unknown, reference: string): unknown {
  const entries = asResource(bundle)?.entry;
  if (!Array.isArray(entries)) return undefined;
  const byFullUrl = entries.find((e) => (e as { fullUrl?: unknown })?.fullUrl === reference);
  if (byFullUrl) return (byFullUrl as { resource?: unknown }).resource;
  const relative = RELATIVE_REFERENCE.exec(reference);
  if (!relative) return undefined;
  const [, type, id] = relative;
  const match = entries.find((e) => {
    const resource = asResource((e as { resource?: unknown })?.resource);
    return resource?.resourceType === type && resource.id === id;
  });
  return (match as { resource?: unknown } | undefined)?.resource;
}

export interface ResolutionScope {
  resource: unknown;
  rootResource: unknown;
  /** The Bundle the resource travels in, when it is not %rootResource itself. */
  bundle?: unknown;
}

export function resolveInScope(reference: string, scope: ResolutionScope, custom?: ResolveReference): unknown {
  if (reference === '#') return scope.rootResource;
  if (reference.startsWith('#')) {
    const id = reference.slice(1);
    return containedById(scope.resource, id) ?? containedById(scope.rootResource, id);
  }
  const fromCaller = custom?.(reference, scope.resource);
  if (fromCaller !== undefined && fromCaller !== null) return fromCaller;
  const bundle = scope.bundle ?? (asResource(scope.rootResource)?.resourceType === 'Bundle' ? scope.rootResource : undefined);
  return bundle === undefined ? undefined : fromBundle(bundle, reference);
}
