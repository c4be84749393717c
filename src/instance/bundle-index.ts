/**
 * An index of one Bundle's entries for reference resolution, following the FHIR R4 rules
 * (http://hl7.org/fhir/R4/bundle.html#references): absolute references and URNs match a
 * fullUrl; relative references are resolved against the referring entry's RESTful base.
 */

export interface BundleEntryInfo {
  index: number;
  fullUrl?: string;
  resource?: Record<string, unknown>;
  resourceType?: string;
  id?: string;
}

export interface BundleResolution {
  /** The entries matched (more than one is ambiguous). */
  matches: BundleEntryInfo[];
  /** Entries with the same type and id that the fullUrl rules do not allow to match. */
  nearMisses: BundleEntryInfo[];
}

export interface BundleIndex {
  readonly bundle: Record<string, unknown>;
  readonly type: string | undefined;
  readonly entries: readonly BundleEntryInfo[];
  resolve(reference: string, fromFullUrl: string | undefined): BundleResolution;
}

const RESTFUL_TAIL = /^(.*\/)?([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

function withoutHistory(url: string): string {
  const at = url.indexOf('/_history/');
  return at < 0 ? url : url.slice(0, at);
}

/** The RESTful base (`http://x/fhir/`) of a fullUrl like `http://x/fhir/Patient/1`, if it has one. */
export function restfulBase(fullUrl: string | undefined): string | undefined {
  if (!fullUrl || fullUrl.startsWith('urn:')) return undefined;
  const match = RESTFUL_TAIL.exec(withoutHistory(fullUrl));
  return match ? (match[1] ?? '') : undefined;
}

export function isAbsoluteReference(reference: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(reference);
}

export function createBundleIndex(bundle: Record<string, unknown>): BundleIndex {
  const entries: BundleEntryInfo[] = [];
  const byFullUrl = new Map<string, BundleEntryInfo[]>();
  const byTypeAndId = new Map<string, BundleEntryInfo[]>();
  const rawEntries = Array.isArray(bundle.entry) ? bundle.entry : [];
  rawEntries.forEach((raw: unknown, index: number) => {
    if (!raw || typeof raw !== 'object') return;
    const entry = raw as { fullUrl?: unknown; resource?: unknown };
    const resource = entry.resource && typeof entry.resource === 'object' && !Array.isArray(entry.resource)
      ? (entry.resource as Record<string, unknown>) : undefined;
    const info: BundleEntryInfo = {
      index,
      fullUrl: typeof entry.fullUrl === 'string' ? entry.fullUrl : undefined,
      resource,
      resourceType: typeof resource?.resourceType === 'string' ? resource.resourceType : undefined,
      id: typeof resource?.id === 'string' ? resource.id : undefined,
    };
    entries.push(info);
    if (info.fullUrl) push(byFullUrl, withoutHistory(info.fullUrl), info);
    if (info.resourceType && info.id) push(byTypeAndId, `${info.resourceType}/${info.id}`, info);
  });

  return {
    bundle,
    type: typeof bundle.type === 'string' ? bundle.type : undefined,
    entries,
    resolve(reference, fromFullUrl) {
      const target = withoutHistory(reference);
      const version = reference.length > target.length ? reference.slice(target.length + '/_history/'.length) : undefined;
      // A versioned reference picks the entry whose meta.versionId is that version.
      const pick = (list: BundleEntryInfo[]) => (version === undefined || list.length < 2 ? list : list.filter((e) => versionOf(e) === version));
      if (isAbsoluteReference(target)) {
        return { matches: pick(byFullUrl.get(target) ?? []), nearMisses: [] };
      }
      const base = restfulBase(fromFullUrl);
      const matches = base !== undefined ? pick(byFullUrl.get(base + target) ?? []) : [];
      if (matches.length > 0) return { matches, nearMisses: [] };
      return { matches: [], nearMisses: byTypeAndId.get(target) ?? [] };
    },
  };
}

function versionOf(entry: BundleEntryInfo): string | undefined {
  const versionId = (entry.resource?.meta as { versionId?: unknown } | undefined)?.versionId;
  return typeof versionId === 'string' ? versionId : undefined;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
