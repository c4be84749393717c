/**
 * Defensive navigation of parsed FHIR JSON: every helper accepts anything and never throws,
 * so the BaRS checks can run on malformed messages.
 */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asObject(value: unknown): JsonObject | undefined {
  return isObject(value) ? value : undefined;
}

/** A FHIR repeating element as an array (a lone value is wrapped; absent gives []). */
export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

export function objects(value: unknown): JsonObject[] {
  return asArray(value).filter(isObject);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A non-empty string value, else undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}

/** The codings of a CodeableConcept (or of several). */
export function codings(concept: unknown): Coding[] {
  return asArray(concept).flatMap((cc) =>
    objects(asObject(cc)?.coding).map((c) => ({ system: str(c.system), code: str(c.code), display: str(c.display) })),
  );
}

/** Codes of the codings with a given system. */
export function codesOf(concept: unknown, system: string): string[] {
  return codings(concept)
    .filter((c) => c.system === system && c.code !== undefined)
    .map((c) => c.code as string);
}

export function hasCoding(concept: unknown, system: string, code: string): boolean {
  return codesOf(concept, system).includes(code);
}

/** `meta.profile` values of a resource. */
export function profilesOf(resource: JsonObject | undefined): string[] {
  return asArray(asObject(resource?.meta)?.profile).filter((p): p is string => typeof p === 'string');
}

/** Extensions of an element with a given url (exact, or case-insensitive when asked). */
export function extensionsOf(element: unknown, url: string, caseInsensitive = false): JsonObject[] {
  const wanted = caseInsensitive ? url.toLowerCase() : url;
  return objects(asObject(element)?.extension).filter((e) => {
    const u = str(e.url);
    return u !== undefined && (caseInsensitive ? u.toLowerCase() : u) === wanted;
  });
}

/** The reference string of a Reference element. */
export function referenceOf(value: unknown): string | undefined {
  return text(asObject(value)?.reference);
}
