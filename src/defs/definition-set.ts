/**
 * An immutable, indexed set of conformance resources from several packages, resolving
 * canonical references (`url` or `url|version`). Later packages do not override earlier
 * ones for the same url|version: the first loaded wins, so core cannot be shadowed by accident.
 */
import type { ConformanceResource, DefinitionSet, FhirPackage } from './types.js';

const CORE_SD_PREFIX = 'http://hl7.org/fhir/StructureDefinition/';

/** Compares dotted versions numerically where possible ("1.10.0" > "1.9.0"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/);
  const pb = b.split(/[.-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    const nx = Number(x);
    const ny = Number(y);
    const diff = Number.isInteger(nx) && Number.isInteger(ny) && x !== '' && y !== '' ? nx - ny : x.localeCompare(y);
    if (diff !== 0) return diff;
  }
  return 0;
}

function versionMatches(wanted: string, actual: string | undefined): boolean {
  if (actual === undefined) return false;
  return actual === wanted || actual.startsWith(`${wanted}.`);
}

export function createDefinitionSet(packages: FhirPackage[]): DefinitionSet {
  const byUrl = new Map<string, ConformanceResource[]>();
  const byType = new Map<string, ConformanceResource[]>();
  const coreTypes = new Map<string, ConformanceResource>();
  for (const pkg of packages) {
    for (const resource of pkg.resources) {
      const list = byType.get(resource.resourceType) ?? [];
      list.push(resource);
      byType.set(resource.resourceType, list);
      if (!resource.url) continue;
      const versions = byUrl.get(resource.url) ?? [];
      if (!versions.some((r) => r.version === resource.version && r.resourceType === resource.resourceType)) versions.push(resource);
      byUrl.set(resource.url, versions);
      const sd = resource as { type?: unknown; derivation?: string };
      if (
        resource.resourceType === 'StructureDefinition' &&
        resource.url.startsWith(CORE_SD_PREFIX) &&
        sd.derivation !== 'constraint' &&
        typeof sd.type === 'string' &&
        !coreTypes.has(sd.type)
      ) {
        coreTypes.set(sd.type, resource);
      }
    }
  }

  const set: DefinitionSet = {
    packages: Object.freeze([...packages]),
    resolve<T extends ConformanceResource>(canonical: string, resourceType?: string): T | undefined {
      const bar = canonical.indexOf('|');
      const url = bar < 0 ? canonical : canonical.slice(0, bar);
      const version = bar < 0 ? undefined : canonical.slice(bar + 1);
      let candidates = byUrl.get(url) ?? [];
      if (resourceType) candidates = candidates.filter((r) => r.resourceType === resourceType);
      if (version) candidates = candidates.filter((r) => versionMatches(version, r.version));
      if (candidates.length === 0) return undefined;
      if (candidates.length === 1) return candidates[0] as T;
      return [...candidates].sort((a, b) => compareVersions(b.version ?? '', a.version ?? ''))[0] as T;
    },
    typeDefinition<T extends ConformanceResource>(typeName: string): T | undefined {
      return coreTypes.get(typeName) as T | undefined;
    },
    all<T extends ConformanceResource>(resourceType?: string): T[] {
      if (resourceType) return [...(byType.get(resourceType) ?? [])] as T[];
      return packages.flatMap((p) => p.resources) as T[];
    },
  };
  return set;
}
