/**
 * Member navigation over typed items: `subject` on a ServiceRequest reads the `subject` key
 * as a Reference; `occurrence` reads every `occurrence<Type>` key with its type; a Bundle
 * entry's `resource` is typed by its resourceType; `extension` and `id` on a primitive come
 * from its `_name` sibling. Data the model does not describe is left to fhirpath.js.
 */
import { bail, EMPTY, Item } from './items.js';
import { isResourceType, type MemberKey, type ModelTypes } from './model-types.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function typedItem(value: unknown, key: MemberKey, companion: unknown): Item {
  if (companion !== undefined && companion !== null && !isPlainObject(companion)) return bail('a primitive companion that is not an object');
  if (key.primitive) {
    if (value !== undefined && typeof value === 'object') return bail(`a ${key.type} whose JSON value is not a primitive`);
    return new Item(value, key.type, (companion ?? undefined) as Record<string, unknown> | undefined);
  }
  if (!isPlainObject(value)) return bail(`a ${key.type} whose JSON value is not an object`);
  if (key.type === 'Resource' || key.type === 'DomainResource') {
    const resourceType = value.resourceType;
    if (typeof resourceType !== 'string' || !isResourceType(resourceType)) return bail('a resource without a known resourceType');
    return new Item(value, resourceType);
  }
  return new Item(value, key.type);
}

/** The values of one key, as fhirpath.js makes its nodes: every array position, then any further companions. */
function pushValues(out: Item[], object: Record<string, unknown>, key: MemberKey): boolean {
  const raw = object[key.key];
  const companion = key.companion ? object[key.companionKey] : undefined;
  if ((raw === undefined || raw === null) && (companion === undefined || companion === null)) return false;
  if (Array.isArray(raw) || Array.isArray(companion)) {
    const values = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : bail('a repeated companion of a single value');
    const companions = Array.isArray(companion) ? companion : companion === undefined ? [] : bail('a single companion of repeated values');
    const length = Math.max(values.length, companions.length);
    for (let i = 0; i < length; i++) out.push(typedItem(values[i] ?? undefined, key, companions[i] ?? undefined));
    return true;
  }
  out.push(typedItem(raw ?? undefined, key, companion ?? undefined));
  return true;
}

/**
 * A navigation step's keys by the types it has met (a step over `entry.resource` meets many), and
 * the last type and its keys: most steps only ever see one type.
 */
export interface MemberCache {
  type: string;
  keys: readonly MemberKey[] | undefined;
  byType: Map<string, readonly MemberKey[] | null>;
}

export function createMemberCache(): MemberCache {
  return { type: '', keys: undefined, byType: new Map() };
}

/** The items `name` reaches from each input item, in order. */
export function navigateMember(input: readonly Item[], name: string, types: ModelTypes, cache: MemberCache = createMemberCache()): readonly Item[] {
  const out: Item[] = [];
  for (let i = 0; i < input.length; i++) {
    const item = input[i];
    const value = item.value;
    // `System.` types (literals, results) have a dot at index 6, as few FHIR type names do (`Bundle.entry`): a cheap first test.
    if (item.type.charCodeAt(6) === 46 && item.type.startsWith('System.')) return bail(`navigating ${name} from a ${item.type}`);
    if (!isPlainObject(value)) {
      // A FHIR primitive: only its id and extensions, held in the `_name` sibling.
      const companion = item.companion;
      if (name === 'extension') {
        const extensions = companion?.extension;
        if (extensions === undefined) continue;
        if (!Array.isArray(extensions)) return bail('a primitive extension that is not an array');
        for (const extension of extensions) {
          if (!isPlainObject(extension)) return bail('an extension that is not an object');
          out.push(new Item(extension, 'Extension'));
        }
        continue;
      }
      if (name === 'id') {
        const id = companion?.id;
        if (id === undefined) continue;
        if (typeof id !== 'string') return bail('a primitive id that is not a string');
        out.push(new Item(id, 'System.String'));
        continue;
      }
      return bail(`navigating ${name} from a primitive`);
    }
    if (cache.type !== item.type) {
      cache.type = item.type;
      let known = cache.byType.get(item.type);
      if (known === undefined) {
        known = types.member(item.type, name) ?? null;
        cache.byType.set(item.type, known);
      }
      cache.keys = known ?? undefined;
    }
    const keys = cache.keys;
    if (!keys) {
      // fhirpath.js reads a member the model does not know from the data, untyped: nothing there is nothing.
      if (value[name] === undefined && value[`_${name}`] === undefined) continue;
      return bail(`${item.type} has no member ${name} in the model`);
    }
    // One item, one key, no companion (most steps: `fullUrl`, `code`, `entry`): an array of the exact size.
    if (input.length === 1 && keys.length === 1) {
      const single = exactValues(value, keys[0]);
      if (single !== undefined) return single;
    }
    // A choice reads its first type present in the data (model order), as fhirpath.js does.
    for (const key of keys) if (pushValues(out, value, key) && keys.length > 1) break;
  }
  return out;
}

/** The values of a key without a companion, as pushValues gives them; undefined when one is there (even null). */
function exactValues(object: Record<string, unknown>, key: MemberKey): readonly Item[] | undefined {
  if (key.companion && object[key.companionKey] !== undefined) return undefined;
  const raw = object[key.key];
  if (raw === undefined || raw === null) return EMPTY;
  if (!Array.isArray(raw)) return [typedItem(raw, key, undefined)];
  const out: Item[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = typedItem(raw[i] ?? undefined, key, undefined);
  return out;
}
