/** The package.json of a FHIR package (the fields this project reads and writes). */
export interface PackageManifest {
  name: string;
  version: string;
  description?: string;
  fhirVersions?: string[];
  dependencies?: Record<string, string>;
  [key: string]: unknown;
}

export function parseManifest(text: string, source: string): PackageManifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Error(`${source}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const manifest = parsed as Partial<PackageManifest> | null;
  if (!manifest || typeof manifest.name !== 'string' || typeof manifest.version !== 'string') {
    throw new Error(`${source}: a FHIR package.json needs a string name and version`);
  }
  return manifest as PackageManifest;
}
