/**
 * Turns what the caller gave (a parsed object, JSON text or XML text) into a JSON resource,
 * a source locator and any issues found while reading (syntax errors are fatal; duplicate
 * keys and XML content left out are errors). Never throws.
 */
import type { FhirTypeModel } from '../formats/type-model.js';
import { parseFhirXml } from '../formats/xml-reader.js';
import type { SourceLocator } from '../instance/source-locator.js';
import type { Issue } from '../model/issue.js';

export type InputFormat = 'json' | 'xml';

export interface ParsedInput {
  resource?: Record<string, unknown>;
  locator?: SourceLocator;
  issues: Issue[];
}

/** JSON text reader: the value, duplicate keys and positions (src/formats/json-reader.ts shape). */
export type JsonTextReader = (text: string) =>
  | { ok: true; value: unknown; duplicateKeys: Array<{ path: string; key: string; line: number; column: number }>; positionOf(path: string): { line: number; column: number } | undefined }
  | { ok: false; error: { message: string; line: number; column: number } };

export function detectFormat(text: string): InputFormat {
  const first = text.replace(/^\uFEFF/, '').trimStart().charAt(0);
  return first === '<' ? 'xml' : 'json';
}

function fatal(message: string, ruleId: string, position?: { line: number; column: number }): Issue {
  return { severity: 'fatal', code: 'structure', ruleId, message, ...(position ? { position } : {}) };
}

/** Renders a reader's JSON path (`entry[2].resource`) as a FHIRPath location under the root type. */
function locationOf(rootType: string, path: string): string {
  return path === '' ? rootType : `${rootType}.${path}`;
}

function asResource(value: unknown, issues: Issue[]): Record<string, unknown> | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    issues.push(fatal('The content is not a FHIR resource: expected a JSON object with a resourceType', 'not-a-resource'));
    return undefined;
  }
  const resource = value as Record<string, unknown>;
  if (typeof resource.resourceType !== 'string') {
    issues.push(fatal('Unable to find resourceType property: the content is not a FHIR resource', 'resource-type-missing'));
    return undefined;
  }
  return resource;
}

export function parseInput(input: unknown, format: InputFormat | undefined, readers: { json: JsonTextReader; typeModel: () => FhirTypeModel }): ParsedInput {
  const issues: Issue[] = [];
  if (typeof input !== 'string') {
    return { resource: asResource(input, issues), issues };
  }
  const actual = format ?? detectFormat(input);
  if (actual === 'xml') {
    const read = parseFhirXml(input, readers.typeModel());
    if (!read.ok) {
      const position = read.error.line !== undefined ? { line: read.error.line, column: read.error.column ?? 1 } : undefined;
      issues.push(fatal(`The XML could not be read: ${read.error.message}`, 'xml-syntax', position));
      return { issues };
    }
    const rootType = typeof read.resource.resourceType === 'string' ? read.resource.resourceType : 'Resource';
    for (const problem of read.issues) {
      issues.push({ severity: 'error', code: 'structure', ruleId: 'xml-content', message: problem.message, location: locationOf(rootType, problem.path), position: { line: problem.line, column: problem.column } });
    }
    return { resource: asResource(read.resource, issues), locator: { positionOf: (path) => read.positionOf(path) }, issues };
  }
  const read = readers.json(input);
  if (!read.ok) {
    issues.push(fatal(`The JSON could not be parsed: ${read.error.message}`, 'json-syntax', { line: read.error.line, column: read.error.column }));
    return { issues };
  }
  const resource = asResource(read.value, issues);
  const rootType = typeof resource?.resourceType === 'string' ? resource.resourceType : 'Resource';
  for (const duplicate of read.duplicateKeys) {
    issues.push({
      severity: 'error', code: 'structure', ruleId: 'json-duplicate-key',
      message: `Duplicated property name '${duplicate.key}': a JSON object may name each property only once`,
      location: locationOf(rootType, duplicate.path), position: { line: duplicate.line, column: duplicate.column },
    });
  }
  return { resource, locator: { positionOf: (path) => read.positionOf(path) }, issues };
}

/** A JSON reader over JSON.parse alone: no duplicate-key detection and no positions. */
export function plainJsonReader(text: string): ReturnType<JsonTextReader> {
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')), duplicateKeys: [], positionOf: () => undefined };
  } catch (error) {
    return { ok: false, error: { message: (error as Error).message, line: 1, column: 1 } };
  }
}
