/**
 * Loads the definitions the validator runs on, in priority order (the first loaded wins for a
 * url|version): R4 core (Medplum's edits reverted), UK Core (from the local package cache when
 * built and current, else from the ../shared XML with snapshots generated now), the project's
 * generated/ folder (SUSHI output), user-named folders/files/.tgz, then named packages from a
 * FHIR package cache with their dependencies.
 */
import { existsSync } from 'node:fs';
import type { Issue } from '../model/issue.js';
import { createDefinitionSet } from './definition-set.js';
import { loadFolderPackage } from './packages/folder-package.js';
import { loadCachedPackage, loadCachedPackageWithDependencies, defaultPackageCacheDir } from './packages/package-cache.js';
import type { XmlResourceReader } from './packages/resource-text.js';
import { loadTgzPackage } from './packages/tgz-package.js';
import { createXmlResourceReader } from './packages/xml-resource-reader.js';
import { defaultSharedDir, projectGeneratedDir, projectPackageCacheDir } from './project-paths.js';
import { localPackageStamps, upToDate } from './local-cache.js';
import { loadR4CorePackage, R4_CORE_PACKAGE_NAME, R4_CORE_VERSION } from './r4-core.js';
import { createSnapshotCache, generateSnapshot } from './snapshot.js';
import type { StructureDefinition } from 'fhir/r4.js';
import type { ConformanceResource, DefinitionSet, FhirPackage } from './types.js';
import { loadUkCoreSourcePackage, UK_CORE_SOURCES, ukCoreSourceDir, withSnapshots, type UkCoreVariant } from './ukcore.js';

export interface LoadDefinitionsOptions {
  /** UK Core to load; default 'stu1' (what BaRS declares). */
  ukCore?: UkCoreVariant | 'none';
  /** Folders, single resource files (JSON/XML, Bundles too) and package .tgz files, in priority order. */
  igs?: string[];
  /** `name#version` (or `name` for the highest cached) packages to load, with their dependencies, from `packageCacheDir`. */
  packages?: string[];
  /** FHIR package cache for `packages`; default `$HOME/.fhir/packages`. */
  packageCacheDir?: string;
  /** The project's local package cache (UK Core with snapshots); default `<project>/.fhir-home/.fhir/packages`. */
  localCacheDir?: string;
  /** Reference material for UK Core XML when the local cache is not built; default `<project>/../shared`. */
  sharedDir?: string;
  /** SUSHI output folder; default `<project>/generated`; `false` to skip. */
  generatedDir?: string | false;
  /** Told about anything worth knowing: fallbacks taken, packages missing, XML content dropped. */
  onIssue?: (issue: Issue) => void;
}

function note(onIssue: LoadDefinitionsOptions['onIssue'], severity: Issue['severity'], ruleId: string, message: string): void {
  onIssue?.({ severity, code: severity === 'information' ? 'informational' : 'not-found', ruleId, message });
}

type Stamps = ReturnType<typeof localPackageStamps>;

/** R4 core from the local cache when it was built from the current inputs (faster to read), else from Medplum's bundles. */
function loadCore(cacheDir: string, stamps: Stamps): FhirPackage {
  if (upToDate(cacheDir, R4_CORE_PACKAGE_NAME, R4_CORE_VERSION, stamps.core)) {
    const cached = loadCachedPackage(cacheDir, R4_CORE_PACKAGE_NAME, R4_CORE_VERSION);
    if (cached) return cached;
  }
  return loadR4CorePackage();
}

function loadUkCore(variant: UkCoreVariant, core: FhirPackage, stamps: Stamps, options: LoadDefinitionsOptions, readXml: () => XmlResourceReader): FhirPackage | undefined {
  const source = UK_CORE_SOURCES[variant];
  const cacheDir = options.localCacheDir ?? projectPackageCacheDir();
  const stamp = stamps.ukCore[variant];
  const sharedDir = options.sharedDir ?? defaultSharedDir();
  // Without the source (../shared absent) a cached build is the best there is; with it, only a current build counts.
  if (stamp === undefined || upToDate(cacheDir, source.name, source.version, stamp)) {
    const cached = loadCachedPackage(cacheDir, source.name, source.version);
    if (cached) return cached;
  }
  if (!existsSync(ukCoreSourceDir(sharedDir, variant))) {
    note(options.onIssue, 'warning', 'ukcore-not-found', `${source.name}#${source.version} is neither in the local package cache nor in ${sharedDir}: UK Core profiles are not loaded`);
    return undefined;
  }
  note(options.onIssue, 'information', 'ukcore-from-xml', `${source.name}#${source.version} is not in the local package cache (run \`npm run fhir:packages\`): reading the XML and generating snapshots now`);
  const cache = createSnapshotCache();
  const built = withSnapshots(loadUkCoreSourcePackage(sharedDir, variant, readXml()), [core], (sd, defs) => {
    const result = generateSnapshot(sd as unknown as StructureDefinition, defs, { cache });
    return { structureDefinition: result.structureDefinition as unknown as ConformanceResource, issues: result.issues };
  });
  for (const issue of built.issues) options.onIssue?.(issue);
  return built.package;
}

function loadIg(path: string, readXml: () => XmlResourceReader): FhirPackage {
  if (/\.t(ar\.)?gz$/i.test(path)) return loadTgzPackage(path, readXml());
  // XML is read only when a file needs it (building the type model costs a little).
  let reader: XmlResourceReader | undefined;
  return loadFolderPackage(path, { readXml: (text, source) => (reader ??= readXml())(text, source) });
}

export function loadDefinitions(options: LoadDefinitionsOptions = {}): DefinitionSet {
  const sharedDir = options.sharedDir ?? defaultSharedDir();
  const stamps = localPackageStamps(sharedDir);
  const core = loadCore(options.localCacheDir ?? projectPackageCacheDir(), stamps);
  const packages: FhirPackage[] = [core];
  let xmlReader: XmlResourceReader | undefined;
  const readXml = () =>
    (xmlReader ??= createXmlResourceReader(createDefinitionSet([core]), (file, message) =>
      note(options.onIssue, 'warning', 'xml-content-dropped', `${file}: ${message}`),
    ));

  const variant = options.ukCore ?? 'stu1';
  if (variant !== 'none') {
    const ukCore = loadUkCore(variant, core, stamps, options, readXml);
    if (ukCore) packages.push(ukCore);
  }

  const generatedDir = options.generatedDir === undefined ? projectGeneratedDir() : options.generatedDir;
  if (generatedDir && existsSync(generatedDir)) {
    packages.push(loadFolderPackage(generatedDir, { name: 'bars.generated', version: '0.0.0-local', readXml: (t, s) => readXml()(t, s) }));
  }

  for (const ig of options.igs ?? []) packages.push(loadIg(ig, readXml));

  if (options.packages?.length) {
    const cacheDir = options.packageCacheDir ?? defaultPackageCacheDir();
    const have = new Set(packages.map((p) => p.name));
    for (const spec of options.packages) {
      const hash = spec.indexOf('#');
      const name = hash < 0 ? spec : spec.slice(0, hash);
      const version = hash < 0 ? undefined : spec.slice(hash + 1);
      const found = loadCachedPackageWithDependencies(cacheDir, name, version, { readXml: (t, s) => readXml()(t, s), skip: have });
      for (const pkg of found.packages) {
        packages.push(pkg);
        have.add(pkg.name);
      }
      for (const missing of found.missing) note(options.onIssue, 'warning', 'package-not-found', `package ${missing} is not in ${cacheDir}`);
    }
  }
  return createDefinitionSet(packages);
}
