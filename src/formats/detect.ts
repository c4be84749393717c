/**
 * One entry point for FHIR text in either format: recognises JSON or XML from the first
 * non-space character and returns the resource as a JSON object, with positions by JSON path
 * (same convention for both formats), the format-level findings (duplicate JSON keys, XML
 * content left out) and the original text of decimals.
 */
import type { SourcePosition } from '../model/issue.js';
import { parseFhirJson } from './json-reader.js';
import type { FhirTypeModel } from './type-model.js';
import { decodeUtf8 } from './utf8.js';
import { parseFhirXml } from './xml-reader.js';

export type FhirFormat = 'json' | 'xml';

/** A finding of the format layer: a repeated JSON key, or XML content that was left out. */
export interface FormatFinding {
  kind: 'duplicate-key' | 'xml-left-out';
  message: string;
  path: string;
  line: number;
  column: number;
}

export interface FhirTextSuccess {
  ok: true;
  format: FhirFormat;
  resource: Record<string, unknown>;
  findings: FormatFinding[];
  positionOf(path: string): SourcePosition | undefined;
  /** positionOf for a path already split, where the reader takes it so (JSON). */
  positionAt?(segments: ReadonlyArray<string | number>): SourcePosition | undefined;
  /** The number at a path as written in the source, when known ("1.50"). */
  decimalText(path: string): string | undefined;
}

export interface FhirTextFailure {
  ok: false;
  format?: FhirFormat;
  error: { message: string; line?: number; column?: number };
}

export type FhirTextResult = FhirTextSuccess | FhirTextFailure;

/** 'json' when the text starts with `{` or `[`, 'xml' with `<` (after spaces and a BOM); else undefined. */
export function detectFormat(text: string): FhirFormat | undefined {
  const first = /^\uFEFF?\s*(\S)/.exec(text)?.[1];
  if (first === '{' || first === '[') return 'json';
  if (first === '<') return 'xml';
  return undefined;
}

export interface FhirTextOptions {
  /** Deepest XML element nesting accepted (default: the XML reader's). JSON depth is checked on the value read. */
  maxXmlDepth?: number;
}

/** `model` may be a getter: only XML needs the type model, so JSON never builds it. */
export function parseFhirText(text: string, model: FhirTypeModel | (() => FhirTypeModel), options: FhirTextOptions = {}): FhirTextResult {
  const format = detectFormat(text);
  if (format === undefined) {
    const empty = text.replace(/^\uFEFF/, '').trim() === '';
    return { ok: false, error: { message: empty ? 'the input is empty' : 'the input is neither FHIR JSON (starting with {) nor FHIR XML (starting with <)', line: 1, column: 1 } };
  }
  if (format === 'xml') {
    const read = parseFhirXml(text, typeof model === 'function' ? model() : model, { maxDepth: options.maxXmlDepth });
    if (!read.ok) return { ok: false, format, error: read.error };
    return {
      ok: true,
      format,
      resource: read.resource,
      findings: read.issues.map((i) => ({ kind: 'xml-left-out', ...i })),
      positionOf: read.positionOf,
      decimalText: (path) => read.decimalText.get(path),
    };
  }
  const read = parseFhirJson(text);
  if (!read.ok) return { ok: false, format, error: read.error };
  const value = read.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, format, error: { message: 'FHIR JSON must be an object (a resource)', ...(read.positionOf('') ?? { line: 1, column: 1 }) } };
  }
  return {
    ok: true,
    format,
    resource: value as Record<string, unknown>,
    findings: read.duplicateKeys.map((d) => ({ kind: 'duplicate-key', message: `duplicate key '${d.key}' (FHIR JSON forbids repeated keys; the last one was kept)`, path: d.path, line: d.line, column: d.column })),
    positionOf: read.positionOf,
    positionAt: read.positionAt,
    decimalText: read.numberText,
  };
}

/** parseFhirText for raw bytes: refuses invalid UTF-8 (with its line and column) before parsing. */
export function parseFhirBytes(bytes: Uint8Array, model: FhirTypeModel): FhirTextResult {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return { ok: false, error: { message: decoded.error.message, line: decoded.error.line, column: decoded.error.column } };
  return parseFhirText(decoded.text, model);
}
