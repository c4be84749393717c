/**
 * Content negotiation for the two FHIR wire formats: which format a request body is in (from
 * Content-Type) and which one to answer in (from `_format`, then Accept with q-values).
 */
export type WireFormat = 'json' | 'xml';

export const MEDIA_TYPES: Record<WireFormat, string> = { json: 'application/fhir+json', xml: 'application/fhir+xml' };

const mediaType = (value: string): string => value.split(';')[0].trim().toLowerCase();

/** The format of a request body, or undefined when Content-Type names neither FHIR format. */
export function bodyFormat(contentType: string | undefined): WireFormat | undefined {
  if (contentType === undefined) return undefined;
  const type = mediaType(contentType);
  if (type === MEDIA_TYPES.json) return 'json';
  if (type === MEDIA_TYPES.xml) return 'xml';
  return undefined;
}

const FORMAT_NAMES: Record<string, WireFormat> = {
  json: 'json',
  'application/fhir+json': 'json',
  'application/json': 'json',
  xml: 'xml',
  'application/fhir+xml': 'xml',
  'application/xml': 'xml',
  'text/xml': 'xml',
};

/**
 * The response format: `_format` wins (FHIR's override for clients that cannot set Accept), then
 * the Accept range with the highest q that names a format; JSON for no Accept or a wildcard.
 * Undefined when Accept names only types this service cannot produce.
 */
export function responseFormat(accept: string | undefined, formatParam?: string | null): WireFormat | undefined {
  if (formatParam) {
    const named = FORMAT_NAMES[mediaType(formatParam)];
    if (named) return named;
  }
  if (accept === undefined || accept.trim() === '') return 'json';
  const ranges = accept
    .split(',')
    .map((range, index) => {
      const [type, ...params] = range.split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)).find(Boolean);
      return { type: type.trim().toLowerCase(), q: q ? Number(q[1]) : 1, index };
    })
    .filter((r) => r.type !== '' && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const range of ranges) {
    const named = FORMAT_NAMES[range.type];
    if (named) return named;
    if (range.type === '*/*' || range.type === 'application/*') return 'json';
  }
  return undefined;
}
