/**
 * Loads conformance resources from the file system: a folder (recursively) or one file, each
 * JSON or FHIR XML, a resource or a Bundle of them. A folder with a package.json (at its root
 * or in package/) takes its name, version and dependencies from it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { ConformanceResource, FhirPackage } from '../types.js';
import { conformanceOnly } from './conformance-filter.js';
import { parseManifest, type PackageManifest } from './manifest.js';
import { resourcesFromText, type XmlResourceReader } from './resource-text.js';

export interface FileLoadOptions {
  /** Reader for FHIR XML files; without one, an XML file is an error. */
  readXml?: XmlResourceReader;
  /** Name and version to give a package that has no package.json. */
  name?: string;
  version?: string;
}

const SKIPPED_FILES = new Set(['package.json', '.index.json', 'package-lock.json', 'fhirpkg.lock.json', 'sushi-config.yaml']);
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/** JSON and XML files under `dir`, recursively, in a stable (sorted) order. */
export function listResourceFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) walk(full);
      } else if (/\.(json|xml)$/i.test(entry.name) && !SKIPPED_FILES.has(entry.name)) {
        found.push(full);
      }
    }
  };
  walk(dir);
  return found;
}

/** The conformance resources of one file. */
export function loadResourceFile(file: string, options: FileLoadOptions = {}): ConformanceResource[] {
  return conformanceOnly(resourcesFromText(readFileSync(file, 'utf8'), file, options.readXml));
}

function findManifest(dir: string): PackageManifest | undefined {
  for (const candidate of [join(dir, 'package.json'), join(dir, 'package', 'package.json')]) {
    if (existsSync(candidate)) return parseManifest(readFileSync(candidate, 'utf8'), candidate);
  }
  return undefined;
}

/** A package from a folder of resource files, or from a single file. */
export function loadFolderPackage(path: string, options: FileLoadOptions = {}): FhirPackage {
  const full = resolve(path);
  const isDir = statSync(full).isDirectory();
  const manifest = isDir ? findManifest(full) : undefined;
  const files = isDir ? listResourceFiles(full) : [full];
  return {
    name: options.name ?? manifest?.name ?? `local.${basename(full)}`,
    version: options.version ?? manifest?.version ?? '0.0.0-local',
    description: manifest?.description ?? `conformance resources read from ${basename(full)}`,
    dependencies: manifest?.dependencies ?? {},
    resources: files.flatMap((file) => loadResourceFile(file, options)),
  };
}
