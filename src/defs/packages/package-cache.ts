/**
 * The standard FHIR package cache: `<cache>/<name>#<version>/package/`, where `<cache>` is
 * `$HOME/.fhir/packages` by default (the layout SUSHI, the HL7 validator and IG Publisher use).
 * Reads packages with their dependencies, and writes packages in the same layout.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { compareVersions } from '../definition-set.js';
import type { ConformanceResource, FhirPackage } from '../types.js';
import { listResourceFiles, loadResourceFile } from './folder-package.js';
import { parseManifest, type PackageManifest } from './manifest.js';
import type { XmlResourceReader } from './resource-text.js';

export function defaultPackageCacheDir(home: string = homedir()): string {
  return join(home, '.fhir', 'packages');
}

export function cachedPackageFolder(cacheDir: string, name: string, version: string): string {
  return join(cacheDir, `${name}#${version}`);
}

/** name#version of every package in the cache that has a package/package.json. */
export function listCachedPackages(cacheDir: string): Array<{ name: string; version: string }> {
  if (!existsSync(cacheDir)) return [];
  const found: Array<{ name: string; version: string }> = [];
  for (const entry of readdirSync(cacheDir)) {
    const hash = entry.indexOf('#');
    if (hash <= 0 || !existsSync(join(cacheDir, entry, 'package', 'package.json'))) continue;
    found.push({ name: entry.slice(0, hash), version: entry.slice(hash + 1) });
  }
  return found;
}

/**
 * The cached version to use for a wanted one: exact, or for `latest`/`current`/undefined or an
 * `x` wildcard ("2.0.x"), the highest cached version that fits.
 */
export function resolveCachedVersion(cacheDir: string, name: string, wanted?: string): string | undefined {
  const versions = listCachedPackages(cacheDir)
    .filter((p) => p.name === name)
    .map((p) => p.version);
  if (wanted && versions.includes(wanted)) return wanted;
  const fits = (v: string) => {
    if (!wanted || wanted === 'latest' || wanted === 'current') return true;
    if (!/\.x$/.test(wanted)) return false;
    return v.startsWith(wanted.slice(0, -1));
  };
  return versions.filter(fits).sort((a, b) => compareVersions(b, a))[0];
}

export function readCachedManifest(cacheDir: string, name: string, version: string): PackageManifest {
  const file = join(cachedPackageFolder(cacheDir, name, version), 'package', 'package.json');
  return parseManifest(readFileSync(file, 'utf8'), file);
}

/** One cached package, or undefined when it is not in the cache. */
export function loadCachedPackage(cacheDir: string, name: string, version?: string, readXml?: XmlResourceReader): FhirPackage | undefined {
  const resolved = resolveCachedVersion(cacheDir, name, version);
  if (!resolved) return undefined;
  const manifest = readCachedManifest(cacheDir, name, resolved);
  const dir = join(cachedPackageFolder(cacheDir, name, resolved), 'package');
  // Only the package's own folder: examples (package/example) and other/ are not definitions.
  const files = listResourceFiles(dir).filter((f) => !/[\\/](example|other)[\\/]/.test(f.slice(dir.length)));
  return {
    name: manifest.name,
    version: manifest.version,
    description: manifest.description,
    dependencies: manifest.dependencies ?? {},
    resources: files.flatMap((f) => loadResourceFile(f, { readXml })),
  };
}

export interface CachedPackagesResult {
  /** The packages found, dependencies after their dependants' own order of listing (breadth first). */
  packages: FhirPackage[];
  /** name#version of dependencies that are not in the cache. */
  missing: string[];
}

/**
 * A package and its dependencies, transitively, from the cache. Packages named in `skip`
 * (by name) are neither loaded nor reported missing: the caller already has them.
 */
export function loadCachedPackageWithDependencies(
  cacheDir: string,
  name: string,
  version: string | undefined,
  options: { readXml?: XmlResourceReader; skip?: ReadonlySet<string> } = {},
): CachedPackagesResult {
  const packages: FhirPackage[] = [];
  const missing: string[] = [];
  const seen = new Set<string>(options.skip ?? []);
  const queue: Array<[string, string | undefined]> = [[name, version]];
  while (queue.length > 0) {
    const [nextName, nextVersion] = queue.shift()!;
    if (seen.has(nextName)) continue;
    seen.add(nextName);
    const pkg = loadCachedPackage(cacheDir, nextName, nextVersion, options.readXml);
    if (!pkg) {
      missing.push(`${nextName}#${nextVersion ?? 'latest'}`);
      continue;
    }
    packages.push(pkg);
    for (const [depName, depVersion] of Object.entries(pkg.dependencies ?? {})) queue.push([depName, depVersion]);
  }
  return { packages, missing };
}

function fileNameFor(resource: ConformanceResource, index: number): string {
  const id = resource.id ?? resource.name ?? `resource-${index}`;
  return `${resource.resourceType}-${String(id).replace(/[^A-Za-z0-9.\-_]/g, '_')}.json`;
}

/** The .index.json FHIR tools read to find resources in a package without opening every file. */
function indexFile(entries: Array<{ filename: string; resource: ConformanceResource }>): string {
  const files = entries.map(({ filename, resource }) => {
    const r = resource as ConformanceResource & { kind?: string; type?: unknown; derivation?: string };
    const item: Record<string, unknown> = { filename, resourceType: r.resourceType, id: r.id, url: r.url, version: r.version };
    if (typeof r.kind === 'string') item.kind = r.kind;
    if (typeof r.type === 'string') item.type = r.type;
    if (typeof r.derivation === 'string') item.derivation = r.derivation;
    return item;
  });
  return JSON.stringify({ 'index-version': 1, files }, null, 2);
}

/**
 * Writes a package into the cache as `<name>#<version>/package/`: package.json, .index.json
 * and one `<ResourceType>-<id>.json` per resource. The folder is written beside the old one
 * and swapped in, so a reader never sees half a package. Returns the package folder.
 */
export function writeCachedPackage(cacheDir: string, pkg: FhirPackage, manifestExtras: Partial<PackageManifest> = {}): string {
  const target = cachedPackageFolder(cacheDir, pkg.name, pkg.version);
  const staging = `${target}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(join(staging, 'package'), { recursive: true });
  const manifest: PackageManifest = {
    name: pkg.name,
    version: pkg.version,
    description: pkg.description,
    fhirVersions: ['4.0.1'],
    dependencies: pkg.dependencies ?? {},
    ...manifestExtras,
  };
  writeFileSync(join(staging, 'package', 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const used = new Set<string>();
  const entries = pkg.resources.map((resource, index) => {
    let filename = fileNameFor(resource, index);
    // Two resources of one type with one id (rare, but Medplum's bundles have some): keep both.
    for (let n = 2; used.has(filename.toLowerCase()); n++) filename = fileNameFor(resource, index).replace(/\.json$/, `-${n}.json`);
    used.add(filename.toLowerCase());
    writeFileSync(join(staging, 'package', filename), JSON.stringify(resource));
    return { filename, resource };
  });
  writeFileSync(join(staging, 'package', '.index.json'), indexFile(entries));
  rmSync(target, { recursive: true, force: true });
  try {
    renameSync(staging, target);
  } catch (error) {
    // Another process (a parallel test run) swapped in its own build first; theirs is as good.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(target, 'package', 'package.json'))) throw error;
  }
  return target;
}
