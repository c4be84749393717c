/** Loads a FHIR package tarball (.tgz, npm-pack layout: package/package.json, package/*.json). */
import { readFileSync } from 'node:fs';
import type { FhirPackage } from '../types.js';
import { conformanceOnly } from './conformance-filter.js';
import { parseManifest } from './manifest.js';
import { resourcesFromText, type XmlResourceReader } from './resource-text.js';
import { readTgz, type TarFile } from './tar-reader.js';

const RESOURCE_FILE = /^package\/(?!other\/)[^]*\.(json|xml)$/i;
// Index files, and the AppleDouble `._name` metadata files macOS tar writes beside each file (binary, never FHIR).
const NOT_RESOURCES = /(^|\/)(package\.json|\.index\.json|\.index\.db|\._[^/]*)$|(^|\/)__MACOSX\//;

/** A package from the files of an unpacked tarball. */
export function packageFromTarFiles(files: TarFile[], source: string, readXml?: XmlResourceReader): FhirPackage {
  const manifestFile = files.find((f) => f.path === 'package/package.json');
  if (!manifestFile) throw new Error(`${source}: no package/package.json (not a FHIR package)`);
  const manifest = parseManifest(manifestFile.data.toString('utf8'), `${source}!package/package.json`);
  const resources = files
    .filter((f) => RESOURCE_FILE.test(f.path) && !NOT_RESOURCES.test(f.path))
    .flatMap((f) => resourcesFromText(f.data.toString('utf8'), `${source}!${f.path}`, readXml));
  return {
    name: manifest.name,
    version: manifest.version,
    description: manifest.description,
    dependencies: manifest.dependencies ?? {},
    resources: conformanceOnly(resources),
  };
}

export function loadTgzPackage(file: string, readXml?: XmlResourceReader): FhirPackage {
  return packageFromTarFiles(readTgz(readFileSync(file)), file, readXml);
}
