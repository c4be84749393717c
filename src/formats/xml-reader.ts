/**
 * FHIR XML → FHIR JSON object (hl7.org/fhir/R4/xml.html and json.html), typed by the core
 * definitions through a FhirTypeModel:
 * - repeating elements (base max > 1) become arrays; primitives become JSON booleans and
 *   numbers per their FHIR type, with `id`/`extension` under `_name` (null-aligned in arrays);
 * - decimals become JSON numbers; where the XML text would not survive Number (e.g. "1.50"),
 *   the original text is kept in `decimalText` (by JSON path) so writers can restore it;
 * - a value that is not a valid boolean/integer/decimal is kept as a string (the validator
 *   reports it as a wrong JSON type);
 * - `div` keeps its XHTML markup exactly as written (line ends normalised to LF);
 * - resources inside elements of type Resource (contained, Bundle.entry.resource, ...) get
 *   `resourceType` from their element name; comments and processing instructions are dropped;
 * - an empty primitive element (`<given/>`: no value, no id, no extension) becomes `_given: {}`
 *   (or `{}` at its index in an array): JSON has no other way to say it was there;
 * - unknown elements/attributes and elements in other namespaces are KEPT OUT of the result
 *   and reported in `issues` with their path and position.
 * Malformed XML, DOCTYPE/entity declarations and nesting beyond `maxDepth` give
 * `{ok:false}` with line and column. Never throws.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { SourcePosition } from '../model/issue.js';
import { createPositionIndex } from './text-position.js';
import type { ElementInfo, ElementScope, FhirTypeModel } from './type-model.js';
import { DEFAULT_MAX_XML_DEPTH, checkXmlText } from './xml-guard.js';
import { decodeAttributeValue } from './xml-text.js';

export const FHIR_NAMESPACE = 'http://hl7.org/fhir';
export const XHTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';
const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';

/** Something in the XML that was left out of the JSON, and why. */
export interface XmlReadIssue {
  message: string;
  /** JSON path of the element concerned (or of its parent, for an unknown child). */
  path: string;
  line: number;
  column: number;
}

export interface XmlReadSuccess {
  ok: true;
  resource: Record<string, unknown>;
  /** Unknown or foreign content that was left out. Empty for a clean resource. */
  issues: XmlReadIssue[];
  /** Original text of decimals that a JS number would change ("1.50", "1E3"), by JSON path. */
  decimalText: Map<string, string>;
  /** Position of the element at a JSON path (`entry[2].resource.subject`; `''` = the root). */
  positionOf(path: string): SourcePosition | undefined;
}

export type XmlParseResult =
  | XmlReadSuccess
  | { ok: false; error: { message: string; line?: number; column?: number } };

export interface XmlReadOptions {
  maxDepth?: number;
}

type XmlAttributes = Record<string, string>;
/** A node of fast-xml-parser's preserveOrder output: `{ tag: children, ':@': attributes }` or `{ '#text': text }`. */
type XmlNode = Record<string, unknown>;

const ATTRIBUTES_KEY = ':@';
const TEXT_KEY = '#text';
const DECIMAL = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;
const INTEGER = /^-?(0|[1-9][0-9]*)$/;
const INTEGER_TYPES = new Set(['integer', 'positiveInt', 'unsignedInt']);

function parserFor(maxDepth: number): XMLParser {
  return new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    captureMetaData: true,
    // Entities are decoded here (xml-text.ts), after DOCTYPEs have been refused.
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    maxNestedTags: maxDepth + 1,
  });
}

function tagOf(node: XmlNode): string | undefined {
  for (const key of Object.keys(node)) if (key !== ATTRIBUTES_KEY) return key;
  return undefined;
}

function attributesOf(node: XmlNode): XmlAttributes {
  return (node[ATTRIBUTES_KEY] as XmlAttributes | undefined) ?? {};
}

/** One element's name split from its prefix, with the namespace scope in force inside it. */
interface NamedElement {
  node: XmlNode;
  children: XmlNode[];
  localName: string;
  namespace: string | undefined;
  namespaces: ReadonlyMap<string, string>;
  attributes: XmlAttributes;
  start: number;
  end: number;
}

export function parseFhirXml(text: string, model: FhirTypeModel, options: XmlReadOptions = {}): XmlParseResult {
  try {
    return read(text, model, options.maxDepth ?? DEFAULT_MAX_XML_DEPTH);
  } catch (e) {
    // Defensive: a parser bug must not escape as a throw.
    return { ok: false, error: { message: `XML could not be read: ${e instanceof Error ? e.message : String(e)}` } };
  }
}

function read(text: string, model: FhirTypeModel, maxDepth: number): XmlParseResult {
  // Line ends are normalised here, as XML prescribes, so that the guard, the parser's offsets,
  // positions and the narrative's markup all use one text. Lines keep their numbers and
  // columns, so positions in `source` are those of `text` (the BOM, which editors do not show
  // as a column, is dropped first).
  const source = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n');
  const positions = createPositionIndex(source);
  const fail = (message: string, offset: number): XmlParseResult => ({ ok: false, error: { message, ...positions.at(offset) } });

  const guard = checkXmlText(source, { maxDepth });
  if (guard) return fail(guard.message, guard.offset);
  const validation = XMLValidator.validate(source, { allowBooleanAttributes: false });
  if (validation !== true) {
    return { ok: false, error: { message: validation.err.msg, line: validation.err.line, column: validation.err.col } };
  }
  let tree: XmlNode[];
  try {
    tree = parserFor(maxDepth).parse(source) as XmlNode[];
  } catch (e) {
    return { ok: false, error: { message: e instanceof Error ? e.message : String(e) } };
  }

  const metadataKey = XMLParser.getMetaDataSymbol() as unknown as string;
  const elementOffsets = new Map<string, number>();
  const issues: XmlReadIssue[] = [];
  const decimalText = new Map<string, string>();

  const report = (message: string, path: string, offset: number): void => {
    const { line, column } = positions.at(offset);
    issues.push({ message, path, line, column });
  };

  function named(node: XmlNode, inherited: ReadonlyMap<string, string>): NamedElement | undefined {
    const tag = tagOf(node);
    if (tag === undefined || tag === TEXT_KEY) return undefined;
    const attributes = attributesOf(node);
    let namespaces = inherited;
    for (const attribute of Object.keys(attributes)) {
      if (attribute === 'xmlns' || attribute.startsWith('xmlns:')) {
        if (namespaces === inherited) namespaces = new Map(inherited);
        (namespaces as Map<string, string>).set(attribute === 'xmlns' ? '' : attribute.slice(6), attributes[attribute]);
      }
    }
    const colon = tag.indexOf(':');
    const prefix = colon < 0 ? '' : tag.slice(0, colon);
    const meta = node[metadataKey] as { startIndex?: number; endIndex?: number } | undefined;
    return {
      node,
      children: (node[tag] as XmlNode[] | undefined) ?? [],
      localName: colon < 0 ? tag : tag.slice(colon + 1),
      namespace: namespaces.get(prefix),
      namespaces,
      attributes,
      start: meta?.startIndex ?? 0,
      end: meta?.endIndex ?? meta?.startIndex ?? 0,
    };
  }

  function childElements(parent: NamedElement, path: string): NamedElement[] {
    const result: NamedElement[] = [];
    for (const child of parent.children) {
      const text = child[TEXT_KEY];
      if (text !== undefined) {
        if (String(text).trim() !== '') report(`text content is not allowed here: "${String(text).trim().slice(0, 40)}"`, path, parent.start);
        continue;
      }
      const element = named(child, parent.namespaces);
      if (element) result.push(element);
    }
    return result;
  }

  /** Attributes other than namespace declarations and those `allowed`. */
  function reportUnexpectedAttributes(element: NamedElement, allowed: readonly string[], path: string): void {
    for (const attribute of Object.keys(element.attributes)) {
      if (attribute === 'xmlns' || attribute.startsWith('xmlns:') || allowed.includes(attribute)) continue;
      // xsi:schemaLocation and the like point at schemas; they carry no FHIR content.
      const colon = attribute.indexOf(':');
      if (colon > 0 && element.namespaces.get(attribute.slice(0, colon)) === XSI_NAMESPACE) continue;
      report(`unexpected attribute '${attribute}' on '${element.localName}' (left out)`, path, element.start);
    }
  }

  function attributeValue(element: NamedElement, name: string, path: string): string | undefined {
    const raw = element.attributes[name];
    if (raw === undefined) return undefined;
    const decoded = decodeAttributeValue(raw);
    if (decoded.ok) return decoded.value;
    report(`attribute '${name}': ${decoded.message}`, path, element.start);
    return undefined;
  }

  function readResource(element: NamedElement, path: string): Record<string, unknown> | undefined {
    if (element.namespace !== FHIR_NAMESPACE) {
      report(`'${element.localName}' is not in the FHIR namespace ${FHIR_NAMESPACE} (left out)`, path, element.start);
      return undefined;
    }
    if (!model.isResource(element.localName)) {
      report(`'${element.localName}' is not a FHIR resource type (left out)`, path, element.start);
      return undefined;
    }
    elementOffsets.set(path, element.start);
    reportUnexpectedAttributes(element, [], path);
    const resource: Record<string, unknown> = { resourceType: element.localName };
    readChildren(element, { typeName: element.localName, path: '' }, path, resource);
    return resource;
  }

  /** One JSON property being built from one or more XML elements of the same name. */
  interface Property {
    info: ElementInfo;
    primitive: boolean;
    values: unknown[];
    extras: Array<Record<string, unknown> | null>;
  }

  function readChildren(parent: NamedElement, scope: ElementScope, path: string, target: Record<string, unknown>): void {
    const properties = new Map<string, Property>();
    const prefix = path === '' ? '' : `${path}.`;
    for (const child of childElements(parent, path)) {
      const info = model.element(scope.typeName, scope.path === '' ? child.localName : `${scope.path}.${child.localName}`);
      const xhtml = info?.representation === 'xhtml';
      if (!xhtml && child.namespace !== FHIR_NAMESPACE) {
        report(`element '${child.localName}' is in namespace '${child.namespace ?? '(none)'}', not FHIR's (left out)`, path, child.start);
        continue;
      }
      if (!info || info.representation === 'xmlAttr' || child.localName.endsWith('[x]')) {
        report(`unknown element '${child.localName}' (left out)`, path, child.start);
        continue;
      }
      let property = properties.get(info.name);
      if (!property) {
        property = { info, primitive: model.isPrimitive(info.types[0] ?? ''), values: [], extras: [] };
        properties.set(info.name, property);
      } else if (!info.isArray) {
        report(`'${info.name}' appears more than once but does not repeat (later ones left out)`, path, child.start);
        continue;
      }
      const childPath = info.isArray ? `${prefix}${info.name}[${property.values.length}]` : `${prefix}${info.name}`;
      elementOffsets.set(childPath, child.start);
      const innerScope = model.childScope(scope.typeName, scope.path === '' ? child.localName : `${scope.path}.${child.localName}`);
      if (xhtml) {
        property.values.push(readXhtml(child, childPath));
        property.extras.push(null);
      } else if (property.primitive) {
        const extrasPath = info.isArray ? `${prefix}_${info.name}[${property.values.length}]` : `${prefix}_${info.name}`;
        const { value, extras } = readPrimitive(child, info.types[0], innerScope, childPath, extrasPath);
        property.values.push(value);
        property.extras.push(extras);
      } else if (info.types.length === 1 && (info.types[0] === 'Resource' || model.isResource(info.types[0]))) {
        property.values.push(readResourceWrapper(child, childPath) ?? null);
        property.extras.push(null);
      } else if (innerScope) {
        property.values.push(readComplex(child, innerScope, childPath));
        property.extras.push(null);
      } else {
        report(`cannot tell the type of '${child.localName}' (left out)`, path, child.start);
        property.values.push(null);
        property.extras.push(null);
      }
    }
    for (const [name, property] of properties) writeProperty(target, name, property);
  }

  function writeProperty(target: Record<string, unknown>, name: string, property: Property): void {
    const hasValue = property.values.some((v) => v !== null && v !== undefined);
    const hasExtras = property.extras.some((e) => e !== null);
    if (property.info.isArray) {
      if (hasValue || !hasExtras) target[name] = property.values.map((v) => v ?? null);
      if (hasExtras) target[`_${name}`] = property.extras;
    } else {
      if (property.values[0] !== undefined && property.values[0] !== null) target[name] = property.values[0];
      if (property.extras[0]) target[`_${name}`] = property.extras[0];
    }
  }

  function readComplex(element: NamedElement, scope: ElementScope, path: string): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const isExtension = scope.typeName === 'Extension' && scope.path === '';
    reportUnexpectedAttributes(element, isExtension ? ['id', 'url'] : ['id'], path);
    const id = attributeValue(element, 'id', path);
    if (id !== undefined) result.id = id;
    // Extension.url is an attribute in XML; in JSON it comes first after id by convention.
    if (isExtension) {
      const url = attributeValue(element, 'url', path);
      if (url !== undefined) result.url = url;
    }
    readChildren(element, scope, path, result);
    return result;
  }

  function readPrimitive(
    element: NamedElement,
    type: string,
    scope: ElementScope | undefined,
    path: string,
    extrasPath: string,
  ): { value: unknown; extras: Record<string, unknown> | null } {
    reportUnexpectedAttributes(element, ['id', 'value'], path);
    const raw = attributeValue(element, 'value', path);
    const value = raw === undefined ? null : typedPrimitive(type, raw, path);
    const extras: Record<string, unknown> = {};
    const id = attributeValue(element, 'id', path);
    if (id !== undefined) extras.id = id;
    readChildren(element, scope ?? { typeName: type, path: '' }, extrasPath, extras);
    // An element with neither value nor extensions stays visible as `_name: {}`, so the validator can report it.
    return { value, extras: Object.keys(extras).length > 0 || value === null ? extras : null };
  }

  function typedPrimitive(type: string, raw: string, path: string): unknown {
    if (type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
    if (INTEGER_TYPES.has(type)) {
      const n = Number(raw);
      return INTEGER.test(raw) && Number.isSafeInteger(n) ? n : raw;
    }
    if (type === 'decimal') {
      if (!DECIMAL.test(raw)) return raw;
      const n = Number(raw);
      if (!Number.isFinite(n)) return raw;
      if (String(n) !== raw) decimalText.set(path, raw);
      return n;
    }
    return raw;
  }

  function readXhtml(element: NamedElement, path: string): string {
    if (element.localName !== 'div' || element.namespace !== XHTML_NAMESPACE) {
      report(`narrative must be a 'div' in the XHTML namespace ${XHTML_NAMESPACE}`, path, element.start);
    }
    return source.slice(element.start, element.end);
  }

  function readResourceWrapper(wrapper: NamedElement, path: string): Record<string, unknown> | undefined {
    reportUnexpectedAttributes(wrapper, [], path);
    const inner = childElements(wrapper, path);
    if (inner.length !== 1) {
      report(`'${wrapper.localName}' must hold exactly one resource (found ${inner.length})`, path, wrapper.start);
      if (inner.length === 0) return undefined;
    }
    return readResource(inner[0], path);
  }

  const roots = tree.map((node) => named(node, new Map())).filter((e): e is NamedElement => e !== undefined);
  if (roots.length !== 1) return fail('expected exactly one root element', 0);
  const root = roots[0];
  if (root.namespace !== FHIR_NAMESPACE) {
    return fail(`the root element '${root.localName}' is not in the FHIR namespace ${FHIR_NAMESPACE}`, root.start);
  }
  if (!model.isResource(root.localName)) return fail(`'${root.localName}' is not a FHIR resource type`, root.start);
  const resource = readResource(root, '');
  if (!resource) return fail(`'${root.localName}' could not be read as a resource`, root.start);

  return {
    ok: true,
    resource,
    issues,
    decimalText,
    positionOf(path) {
      const offset = elementOffsets.get(path);
      return offset === undefined ? undefined : positions.at(offset);
    },
  };
}
