/**
 * Builds the project's local FHIR package cache (`.fhir-home/.fhir/packages`): hl7.fhir.r4.core
 * 4.0.1 (Medplum's edits reverted) and the UK Core packages with generated snapshots, as
 * standard FHIR packages, so SUSHI (run with HOME=.fhir-home) and the validator load them
 * offline. Each package is rebuilt only when its inputs' stamp changed.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Issue } from '../model/issue.js';
import { combineStamps, hashFileListing, hashSourceFiles, readStamp, writeStamp } from './build-stamp.js';
import { createDefinitionSet } from './definition-set.js';
import { cachedPackageFolder, writeCachedPackage } from './packages/package-cache.js';
import { createXmlResourceReader } from './packages/xml-resource-reader.js';
import { defaultSharedDir, projectPackageCacheDir, projectRoot } from './project-paths.js';
import { loadR4CorePackage, medplumR4Dir, R4_CORE_PACKAGE_NAME, R4_CORE_VERSION } from './r4-core.js';
import { createSnapshotCache, generateSnapshot } from './snapshot.js';
import type { StructureDefinition } from 'fhir/r4.js';
import type { FhirPackage } from './types.js';
import { loadUkCoreSourcePackage, UK_CORE_SOURCES, ukCoreSourceDir, withSnapshots, type SnapshotFunction, type UkCoreVariant } from './ukcore.js';

export const STAMP_FILE = 'bars-build.json';

export interface LocalCacheOptions {
  /** Cache folder to write into; default `<project>/.fhir-home/.fhir/packages`. */
  cacheDir?: string;
  /** The reference material holding the UK Core XML; default `<project>/../shared`. */
  sharedDir?: string;
  /** UK Core variants to build; default both. Variants whose source folder is absent are skipped. */
  ukCore?: UkCoreVariant[];
  /** Rebuild even when the stamps match. */
  force?: boolean;
  log?: (line: string) => void;
}

export interface BuiltPackageReport {
  name: string;
  version: string;
  status: 'built' | 'up-to-date' | 'source-missing';
  resources?: number;
  milliseconds: number;
}

export interface LocalCacheResult {
  cacheDir: string;
  packages: BuiltPackageReport[];
  /** Problems met while generating snapshots or reading XML. */
  issues: Issue[];
}

/** Files (relative to src/defs or src/formats) whose code decides the packages' content. */
const PACKAGE_SHAPING_CODE = /^(r4-core|snapshot|ukcore|definition-set|types|packages\/|xml-|type-model|text-position)/;

/** The source files of the code that shapes the packages (so a code change rebuilds them). */
function builderCodeStamp(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = projectRoot(here);
  const sourceDirs = [join(root, 'src', 'defs'), join(root, 'src', 'formats')];
  // Prefer the TypeScript sources when present, so tsx and the built CLI agree on the stamp.
  const dirs = sourceDirs.every(existsSync) ? sourceDirs : [here, join(here, '..', 'formats')];
  return hashSourceFiles(dirs, (rel) => PACKAGE_SHAPING_CODE.test(rel));
}

/** The input stamps of the locally built packages (R4 core, and each UK Core variant whose source exists). */
export function localPackageStamps(sharedDir: string = defaultSharedDir()): { core: string; ukCore: Partial<Record<UkCoreVariant, string>> } {
  const code = builderCodeStamp();
  const core = combineStamps({ code, medplum: hashFileListing(medplumR4Dir()) });
  const ukCore: Partial<Record<UkCoreVariant, string>> = {};
  for (const variant of Object.keys(UK_CORE_SOURCES) as UkCoreVariant[]) {
    const sourceDir = ukCoreSourceDir(sharedDir, variant);
    if (existsSync(sourceDir)) ukCore[variant] = combineStamps({ code, core, source: hashFileListing(sourceDir) });
  }
  return { core, ukCore };
}

/** True when the cache holds the package built from exactly these inputs. */
export function upToDate(cacheDir: string, name: string, version: string, stamp: string): boolean {
  const folder = cachedPackageFolder(cacheDir, name, version);
  return existsSync(join(folder, 'package', 'package.json')) && readStamp(join(folder, STAMP_FILE)) === stamp;
}

function recordBuild(cacheDir: string, pkg: FhirPackage, stamp: string, issues: Issue[]): void {
  writeStamp(join(cachedPackageFolder(cacheDir, pkg.name, pkg.version), STAMP_FILE), {
    stamp,
    builtAt: new Date().toISOString(),
    resources: pkg.resources.length,
    issues: issues.map((i) => `${i.severity} ${i.definition ?? ''} ${i.location ?? ''}: ${i.message}`),
  });
}

/** The snapshot function used for UK Core: one memo per definition set, as snapshot.ts asks. */
function snapshotWithCache(): SnapshotFunction {
  const cache = createSnapshotCache();
  return (sd, defs) => {
    const result = generateSnapshot(sd as unknown as StructureDefinition, defs, { cache });
    return { structureDefinition: result.structureDefinition as unknown as FhirPackage['resources'][number], issues: result.issues };
  };
}

export function buildLocalPackageCache(options: LocalCacheOptions = {}): LocalCacheResult {
  const cacheDir = options.cacheDir ?? projectPackageCacheDir();
  const sharedDir = options.sharedDir ?? defaultSharedDir();
  const variants = options.ukCore ?? (['stu1', 'stu2'] as UkCoreVariant[]);
  const log = options.log ?? (() => {});
  mkdirSync(cacheDir, { recursive: true });

  const stamps = localPackageStamps(sharedDir);
  const coreStamp = stamps.core;
  const reports: BuiltPackageReport[] = [];
  const issues: Issue[] = [];

  let core: FhirPackage | undefined;
  const loadCore = () => (core ??= loadR4CorePackage());

  let started = Date.now();
  if (!options.force && upToDate(cacheDir, R4_CORE_PACKAGE_NAME, R4_CORE_VERSION, coreStamp)) {
    reports.push({ name: R4_CORE_PACKAGE_NAME, version: R4_CORE_VERSION, status: 'up-to-date', milliseconds: Date.now() - started });
  } else {
    const pkg = loadCore();
    writeCachedPackage(cacheDir, pkg);
    recordBuild(cacheDir, pkg, coreStamp, []);
    reports.push({ name: pkg.name, version: pkg.version, status: 'built', resources: pkg.resources.length, milliseconds: Date.now() - started });
  }
  log(`${R4_CORE_PACKAGE_NAME}#${R4_CORE_VERSION}: ${reports[0].status} (${reports[0].milliseconds} ms)`);

  for (const variant of variants) {
    const source = UK_CORE_SOURCES[variant];
    started = Date.now();
    const sourceDir = ukCoreSourceDir(sharedDir, variant);
    const stamp = stamps.ukCore[variant];
    if (stamp === undefined) {
      reports.push({ name: source.name, version: source.version, status: 'source-missing', milliseconds: 0 });
      log(`${source.name}#${source.version}: source folder ${sourceDir} not found, skipped`);
      continue;
    }
    if (!options.force && upToDate(cacheDir, source.name, source.version, stamp)) {
      reports.push({ name: source.name, version: source.version, status: 'up-to-date', milliseconds: Date.now() - started });
    } else {
      const r4 = loadCore();
      const xmlIssues: Issue[] = [];
      const readXml = createXmlResourceReader(createDefinitionSet([r4]), (file, message) =>
        xmlIssues.push({ severity: 'warning', code: 'structure', ruleId: 'xml-content-dropped', message: `${file}: ${message}` }),
      );
      const built = withSnapshots(loadUkCoreSourcePackage(sharedDir, variant, readXml), [r4], snapshotWithCache());
      writeCachedPackage(cacheDir, built.package);
      const packageIssues = [...xmlIssues, ...built.issues];
      recordBuild(cacheDir, built.package, stamp, packageIssues);
      issues.push(...packageIssues);
      reports.push({ name: source.name, version: source.version, status: 'built', resources: built.package.resources.length, milliseconds: Date.now() - started });
    }
    const report = reports[reports.length - 1];
    log(`${source.name}#${source.version}: ${report.status} (${report.milliseconds} ms)`);
  }
  return { cacheDir, packages: reports, issues };
}
