/**
 * The definitions layer's public shapes. A DefinitionSet is handed to whatever needs
 * definitions (XML reader, snapshot generator, compiler, validator); nothing reads a global.
 */

/** Any FHIR conformance resource: StructureDefinition, ValueSet, CodeSystem, MessageDefinition, ... */
export interface ConformanceResource {
  resourceType: string;
  id?: string;
  url?: string;
  version?: string;
  name?: string;
  [key: string]: unknown;
}

/** A named, versioned group of conformance resources, as a FHIR package is. */
export interface FhirPackage {
  name: string;
  version: string;
  /** What this package was built from, in words (also written to its package.json). */
  description?: string;
  dependencies?: Record<string, string>;
  resources: ConformanceResource[];
}

export interface DefinitionSet {
  /**
   * Resolve a canonical reference (`url` or `url|version`). Without a version the
   * latest loaded version wins; with one, only that version matches (a `|x.y` prefix
   * also matches `x.y.z`).
   */
  resolve<T extends ConformanceResource = ConformanceResource>(canonical: string, resourceType?: string): T | undefined;
  /** The core StructureDefinition that defines a type or resource by name (e.g. `Patient`, `string`, `Quantity`). */
  typeDefinition<T extends ConformanceResource = ConformanceResource>(typeName: string): T | undefined;
  /** Every loaded resource, optionally only of one resourceType. */
  all<T extends ConformanceResource = ConformanceResource>(resourceType?: string): T[];
  /** The packages this set was built from, in load order. */
  readonly packages: readonly FhirPackage[];
}
