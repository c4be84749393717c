/** Type-code helpers shared by the compiler and the checks. */

const FHIR_TYPE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type';

/** FHIRPath system types used for primitive `.value` and `id` elements, mapped to FHIR type names. */
const SYSTEM_TYPES: Record<string, string> = {
  'http://hl7.org/fhirpath/System.String': 'string',
  'http://hl7.org/fhirpath/System.Boolean': 'boolean',
  'http://hl7.org/fhirpath/System.Integer': 'integer',
  'http://hl7.org/fhirpath/System.Decimal': 'decimal',
  'http://hl7.org/fhirpath/System.Date': 'date',
  'http://hl7.org/fhirpath/System.DateTime': 'dateTime',
  'http://hl7.org/fhirpath/System.Time': 'time',
};

interface RawType {
  code?: string;
  extension?: Array<{ url?: string; valueUrl?: string; valueUri?: string }>;
}

/** The FHIR type name of an ElementDefinition.type entry (System.* codes resolved via the fhir-type extension). */
export function fhirTypeCode(type: RawType): string {
  const code = type.code ?? '';
  if (!code.startsWith('http://hl7.org/fhirpath/')) return code;
  const ext = type.extension?.find((e) => e.url === FHIR_TYPE_EXTENSION);
  return ext?.valueUrl ?? ext?.valueUri ?? SYSTEM_TYPES[code] ?? 'string';
}

/** `valueQuantity` from `value` + `Quantity`; `valueDateTime` from `value` + `dateTime`. */
export function choicePropertyName(baseName: string, typeCode: string): string {
  return baseName + typeCode.charAt(0).toUpperCase() + typeCode.slice(1);
}

/** The FHIR primitive types and the JSON value type each takes. */
export const PRIMITIVE_JSON_TYPES: Readonly<Record<string, 'string' | 'boolean' | 'number'>> = {
  boolean: 'boolean',
  integer: 'number',
  integer64: 'string',
  positiveInt: 'number',
  unsignedInt: 'number',
  decimal: 'number',
  string: 'string',
  code: 'string',
  id: 'string',
  markdown: 'string',
  uri: 'string',
  url: 'string',
  canonical: 'string',
  oid: 'string',
  uuid: 'string',
  base64Binary: 'string',
  instant: 'string',
  date: 'string',
  dateTime: 'string',
  time: 'string',
  xhtml: 'string',
};

export function isPrimitiveType(typeCode: string): boolean {
  return Object.prototype.hasOwnProperty.call(PRIMITIVE_JSON_TYPES, typeCode);
}

/** Resource-valued elements (`contained`, `Bundle.entry.resource`, `Parameters.parameter.resource`). */
export function isResourceType(typeCode: string): boolean {
  return typeCode === 'Resource' || typeCode === 'DomainResource';
}

/** The last path segment of a canonical (`.../StructureDefinition/Patient` → `Patient`). */
export function tailOfCanonical(url: string): string {
  const noVersion = url.split('|')[0];
  return noVersion.slice(noVersion.lastIndexOf('/') + 1);
}
