/**
 * FHIR JSON object → FHIR XML text (hl7.org/fhir/R4/xml.html): elements in definition
 * order, primitives as `value` attributes with their `_name` id/extensions merged back,
 * `id` of elements and `url` of extensions as attributes, the narrative div inlined as
 * written, nested resources wrapped in their element, namespace http://hl7.org/fhir.
 * Properties the definitions do not know cannot be placed in XML: they are left out and
 * passed to `onIssue` (so a caller can warn), as are a div that is not well-formed XHTML,
 * empty arrays, and primitives of the wrong JSON type (written, but they will read back
 * typed). A CR in a div becomes LF on reading back (XML normalises line ends).
 */
import { XMLValidator } from 'fast-xml-parser';
import { showValue } from './show-value.js';
import type { ElementInfo, ElementScope, FhirTypeModel } from './type-model.js';
import { checkXmlText } from './xml-guard.js';
import { FHIR_NAMESPACE } from './xml-reader.js';
import { escapeAttributeValue } from './xml-text.js';

export interface XmlWriteOptions {
  /** Original text of decimals by JSON path (e.g. `XmlReadSuccess.decimalText`), so "1.50" stays "1.50". */
  decimalText?: ReadonlyMap<string, string> | ((path: string) => string | undefined);
  /** Indent with two spaces per level (default true); false writes one line. */
  pretty?: boolean;
  /** Told of each property left out (unknown to the definitions, or of the wrong JSON shape). */
  onIssue?: (message: string, path: string) => void;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function hasOwn(object: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

const NUMBER_TYPES = new Set(['integer', 'positiveInt', 'unsignedInt', 'decimal']);

function expectedJsonType(type: string): 'boolean' | 'number' | 'string' {
  if (type === 'boolean') return 'boolean';
  return NUMBER_TYPES.has(type) ? 'number' : 'string';
}

/** Why a narrative string would break the XML it is inlined into, or undefined when it is fine. */
function xhtmlProblem(markup: string): string | undefined {
  const guard = checkXmlText(markup);
  if (guard) return guard.message;
  const validation = XMLValidator.validate(markup);
  return validation === true ? undefined : validation.err.msg;
}

export function writeFhirXml(resource: Record<string, unknown>, model: FhirTypeModel, options: XmlWriteOptions = {}): string {
  const pretty = options.pretty ?? true;
  const onIssue = options.onIssue ?? (() => undefined);
  const decimalLookup = options.decimalText;
  const decimalTextAt = (path: string): string | undefined =>
    typeof decimalLookup === 'function' ? decimalLookup(path) : decimalLookup?.get(path);
  const lines: string[] = [];

  const pad = (depth: number): string => (pretty ? '  '.repeat(depth) : '');
  const emit = (depth: number, text: string): void => {
    lines.push(pad(depth) + text);
  };

  function attribute(name: string, value: string): string {
    return ` ${name}="${escapeAttributeValue(value)}"`;
  }

  function primitiveText(value: unknown, path: string): string | undefined {
    if (typeof value === 'string') return value;
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (typeof value === 'number' && Number.isFinite(value)) {
      const original = decimalTextAt(path);
      return original !== undefined && Number(original) === value ? original : String(value);
    }
    return undefined;
  }

  function writeResource(object: JsonObject, depth: number, path: string, isRoot: boolean): void {
    const type = object.resourceType;
    if (typeof type !== 'string' || !model.isResource(type)) {
      onIssue(`'${showValue(type)}' is not a FHIR resource type: resource left out`, path);
      return;
    }
    const namespace = isRoot ? attribute('xmlns', FHIR_NAMESPACE) : '';
    const before = lines.length;
    emit(depth, `<${type}${namespace}>`);
    writeChildren(object, { typeName: type, path: '' }, depth + 1, path, new Set(['resourceType']));
    closeElement(before, depth, type);
  }

  /** Closes `<name ...>` opened at `lines[openedAt]`, collapsing it to `<name .../>` when nothing was written inside. */
  function closeElement(openedAt: number, depth: number, name: string): void {
    if (lines.length === openedAt + 1) {
      lines[openedAt] = `${lines[openedAt].slice(0, -1)}/>`;
    } else {
      emit(depth, `</${name}>`);
    }
  }

  /** The JSON keys an element may appear under (`value[x]` → `valueString`, `valueQuantity`, ...). */
  function keysFor(info: ElementInfo): Array<{ key: string; type: string }> {
    if (!info.isChoice) return [{ key: info.name, type: info.types[0] ?? '' }];
    const stem = info.name.slice(0, -3);
    return info.types.map((type) => ({ key: stem + capitalise(type), type }));
  }

  function writeChildren(object: JsonObject, scope: ElementScope, depth: number, path: string, handled: Set<string>): void {
    const prefix = path === '' ? '' : `${path}.`;
    for (const info of model.children(scope.typeName, scope.path)) {
      if (info.representation === 'xmlAttr') continue; // written as an attribute by the caller
      for (const { key, type } of keysFor(info)) {
        const hasValue = hasOwn(object, key);
        const hasExtras = hasOwn(object, `_${key}`);
        if (!hasValue && !hasExtras) continue;
        handled.add(key);
        handled.add(`_${key}`);
        const childScope = model.childScope(scope.typeName, scope.path === '' ? key : `${scope.path}.${key}`);
        const values = hasValue ? object[key] : undefined;
        const extras = hasExtras ? object[`_${key}`] : undefined;
        if (info.isArray) {
          if ((hasValue && !Array.isArray(values)) || (hasExtras && !Array.isArray(extras))) {
            onIssue(`'${key}' repeats and must be an array: left out`, `${prefix}${key}`);
            continue;
          }
          const valueList = (values as unknown[] | undefined) ?? [];
          const extrasList = (extras as unknown[] | undefined) ?? [];
          const count = Math.max(valueList.length, extrasList.length);
          if (count === 0) onIssue(`'${key}' is an empty array (FHIR JSON forbids them): nothing written`, `${prefix}${key}`);
          for (let i = 0; i < count; i++) {
            const value = valueList[i] ?? null;
            const extra = extrasList[i] ?? null;
            if (value === null && extra === null) {
              // Written as an empty element so that later items keep their index.
              onIssue(`'${key}[${i}]' is null in both '${key}' and '_${key}'`, `${prefix}${key}[${i}]`);
            }
            writeElement(key, type, childScope, value, extra, depth, `${prefix}${key}[${i}]`, `${prefix}_${key}[${i}]`);
          }
        } else {
          if (Array.isArray(values) || Array.isArray(extras)) {
            onIssue(`'${key}' does not repeat and must not be an array: left out`, `${prefix}${key}`);
            continue;
          }
          writeElement(key, type, childScope, values ?? null, extras ?? null, depth, `${prefix}${key}`, `${prefix}_${key}`);
        }
      }
    }
    for (const key of Object.keys(object)) {
      if (!handled.has(key)) onIssue(`unknown property '${key}' left out`, `${prefix}${key}`);
    }
  }

  function writeElement(
    name: string,
    type: string,
    scope: ElementScope | undefined,
    value: unknown,
    extras: unknown,
    depth: number,
    path: string,
    extrasPath: string,
  ): void {
    if (type === 'xhtml') {
      const problem = typeof value === 'string' ? xhtmlProblem(value) : 'it must be a string of XHTML';
      if (problem === undefined) lines.push(pad(depth) + (value as string));
      else onIssue(`'${name}' is not well-formed XHTML (${problem}): left out`, path);
      return;
    }
    if (type === 'Resource' || model.isResource(type)) {
      if (!isObject(value)) {
        onIssue(`'${name}' must hold a resource: left out`, path);
        return;
      }
      emit(depth, `<${name}>`);
      writeResource(value, depth + 1, path, false);
      emit(depth, `</${name}>`);
      return;
    }
    if (model.isPrimitive(type)) {
      writePrimitive(name, type, value, extras, depth, path, extrasPath);
      return;
    }
    if (!isObject(value) || !scope) {
      if (value !== null) onIssue(`'${name}' must be an object: left out`, path);
      return;
    }
    writeComplex(name, scope, value, depth, path);
  }

  function writePrimitive(name: string, type: string, value: unknown, extras: unknown, depth: number, path: string, extrasPath: string): void {
    let attributes = '';
    const extrasObject = isObject(extras) ? extras : undefined;
    if (extras !== null && extras !== undefined && !extrasObject) onIssue(`'_${name}' must be an object: left out`, extrasPath);
    if (extrasObject && typeof extrasObject.id === 'string') attributes += attribute('id', extrasObject.id);
    if (value !== null && value !== undefined) {
      const text = primitiveText(value, path);
      if (text === undefined) {
        onIssue(`'${name}' must be a ${type} value: left out`, path);
      } else {
        // XML has no JSON types: the text is written, but the JSON was wrong and reading back will differ.
        if (typeof value !== expectedJsonType(type)) onIssue(`'${name}' is a ${type}, so JSON needs a ${expectedJsonType(type)}, not a ${typeof value}`, path);
        attributes += attribute('value', text);
      }
    }
    const before = lines.length;
    emit(depth, `<${name}${attributes}>`);
    if (extrasObject) writeChildren(extrasObject, { typeName: type, path: '' }, depth + 1, extrasPath, new Set(['id']));
    closeElement(before, depth, name);
  }

  function writeComplex(name: string, scope: ElementScope, object: JsonObject, depth: number, path: string): void {
    let attributes = '';
    const handled = new Set<string>();
    for (const info of model.children(scope.typeName, scope.path)) {
      if (info.representation !== 'xmlAttr') continue;
      handled.add(info.name);
      const text = object[info.name];
      if (text === undefined) continue;
      if (typeof text === 'string') attributes += attribute(info.name, text);
      else onIssue(`'${info.name}' must be a string: left out`, path === '' ? info.name : `${path}.${info.name}`);
    }
    const before = lines.length;
    emit(depth, `<${name}${attributes}>`);
    writeChildren(object, scope, depth + 1, path, handled);
    closeElement(before, depth, name);
  }

  writeResource(resource, 0, '', true);
  return lines.join(pretty ? '\n' : '') + (pretty ? '\n' : '');
}
