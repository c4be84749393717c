/**
 * Turns what the caller gave (a parsed object, JSON text or XML text) into a JSON resource,
 * a source locator and any issues found while reading (unreadable text is fatal; duplicate
 * JSON keys and XML content left out are errors). Never throws.
 */
import { detectFormat, parseFhirText, type FhirFormat } from '../formats/detect.js';
import type { FhirTypeModel } from '../formats/type-model.js';
import { decodeUtf8 } from '../formats/utf8.js';
import { checkInputSize, checkValueLimits, limitIssue, type SizeLimits } from '../formats/value-limits.js';
import { DEFAULT_LIMITS } from '../model/limits.js';
import type { SourceLocator } from '../instance/source-locator.js';
import type { Issue } from '../model/issue.js';

export type InputFormat = FhirFormat;

export interface ParsedInput {
  resource?: Record<string, unknown>;
  locator?: SourceLocator;
  issues: Issue[];
}

const noTypeModel = (): FhirTypeModel => {
  throw new Error('no FHIR type model for XML');
};

function fatal(message: string, ruleId: string, position?: { line: number; column: number }): Issue {
  return { severity: 'fatal', code: 'structure', ruleId, message, ...(position ? { position } : {}) };
}

/** A reader's JSON path (`entry[2].resource`) as a FHIRPath location under the root type. */
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

/** The resource, unless it crosses a size limit (then a fatal issue instead). */
function withinLimits(resource: Record<string, unknown> | undefined, issues: Issue[], limits: SizeLimits): Record<string, unknown> | undefined {
  if (!resource) return undefined;
  const violation = checkValueLimits(resource, limits);
  if (!violation) return resource;
  issues.push(limitIssue(violation));
  return undefined;
}

/**
 * `typeModel` is only called for XML; without one, XML text is refused (a fatal 'xml-not-supported').
 * The size limits apply here: text or bytes over maxBytes are refused unread (bytes are decoded as
 * strict UTF-8), and a value too deep, with too many entries or too long a string is refused before
 * anything walks it.
 */
export function parseInput(input: unknown, format: InputFormat | undefined, typeModel?: () => FhirTypeModel, limits: SizeLimits = DEFAULT_LIMITS): ParsedInput {
  const issues: Issue[] = [];
  if (input instanceof Uint8Array) {
    const tooLarge = checkInputSize(input.length, limits);
    if (tooLarge) return { issues: [limitIssue(tooLarge)] };
    const decoded = decodeUtf8(input);
    if (!decoded.ok) return { issues: [fatal(`The input could not be read: ${decoded.error.message}`, 'utf8-invalid', { line: decoded.error.line, column: decoded.error.column })] };
    input = decoded.text;
  }
  if (typeof input !== 'string') return { resource: withinLimits(asResource(input, issues), issues, limits), issues };
  const tooLarge = checkInputSize(input.length, limits, 'characters');
  if (tooLarge) return { issues: [limitIssue(tooLarge)] };
  if (!typeModel && detectFormat(input) === 'xml') {
    issues.push(fatal('This reader accepts FHIR JSON only; the content is XML', 'xml-not-supported', { line: 1, column: 1 }));
    return { issues };
  }
  const read = parseFhirText(input, typeModel ?? noTypeModel, { maxXmlDepth: limits.maxDepth });
  if (!read.ok) {
    const position = read.error.line !== undefined ? { line: read.error.line, column: read.error.column ?? 1 } : undefined;
    const what = read.format === 'xml' ? 'XML' : read.format === 'json' ? 'JSON' : 'input';
    issues.push(fatal(`The ${what} could not be read: ${read.error.message}`, read.format === 'xml' ? 'xml-syntax' : 'json-syntax', position));
    return { issues };
  }
  if (format && read.format !== format) {
    issues.push(fatal(`Expected FHIR ${format.toUpperCase()}, but the content is ${read.format.toUpperCase()}`, 'format-mismatch', { line: 1, column: 1 }));
    return { issues };
  }
  const resource = withinLimits(asResource(read.resource, issues), issues, limits);
  const rootType = typeof resource?.resourceType === 'string' ? resource.resourceType : 'Resource';
  for (const finding of read.findings) {
    const duplicate = finding.kind === 'duplicate-key';
    issues.push({
      severity: 'error', code: 'structure', ruleId: duplicate ? 'json-duplicate-key' : 'xml-content',
      message: duplicate ? `Duplicated property name: ${finding.message}` : finding.message,
      location: locationOf(rootType, finding.path), position: { line: finding.line, column: finding.column },
    });
  }
  return { resource, locator: { positionOf: read.positionOf, positionAt: read.positionAt }, issues };
}
