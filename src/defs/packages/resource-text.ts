/**
 * Turns the text of one file into conformance resources: JSON or FHIR XML, a single resource
 * or a Bundle of them. XML is read by a reader the caller supplies (it needs the R4 type model,
 * which this layer must not build for itself: definitions are passed in, never global).
 */
import type { ConformanceResource } from '../types.js';

/** Reads one FHIR XML resource; throws with a message naming `source` when it cannot. */
export type XmlResourceReader = (text: string, source: string) => ConformanceResource;

export type ResourceFormat = 'json' | 'xml';

/** The format of a file, from its name, else from its first non-blank character. */
export function formatOf(fileName: string, text: string): ResourceFormat | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.xml')) return 'xml';
  const first = text.replace(/^\uFEFF/, '').trimStart().charAt(0);
  if (first === '{') return 'json';
  if (first === '<') return 'xml';
  return undefined;
}

function isResource(value: unknown): value is ConformanceResource {
  return typeof value === 'object' && value !== null && typeof (value as { resourceType?: unknown }).resourceType === 'string';
}

/** A Bundle's entries' resources; any other resource as itself. */
export function unbundle(resource: ConformanceResource): ConformanceResource[] {
  if (resource.resourceType !== 'Bundle') return [resource];
  const entries = (resource.entry as Array<{ resource?: unknown }> | undefined) ?? [];
  return entries.map((e) => e.resource).filter(isResource);
}

/**
 * The resources in a file's text. JSON that is not a FHIR resource (a package.json, an
 * .index.json) gives an empty list; malformed JSON or XML throws with the file named.
 */
export function resourcesFromText(text: string, source: string, readXml?: XmlResourceReader): ConformanceResource[] {
  const format = formatOf(source, text);
  if (format === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      throw new Error(`${source}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
    return isResource(parsed) ? unbundle(parsed) : [];
  }
  if (format === 'xml') {
    if (!readXml) throw new Error(`${source}: XML given but no XML reader was supplied`);
    return unbundle(readXml(text, source));
  }
  throw new Error(`${source}: neither JSON nor XML`);
}
