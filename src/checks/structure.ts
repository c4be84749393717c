/**
 * JSON structure: unknown or misplaced properties, arrays where single values belong (and
 * the reverse), empty objects and arrays, `_name` companions that do not line up, a choice
 * element given twice or with a type it does not allow, and resource types.
 */
import { PRIMITIVE_JSON_TYPES, isPrimitiveType, isResourceType } from '../compile/type-codes.js';
import type { Check, CheckContext, NodeVisit, PropertyGroups, PropertyInfo } from './check.js';

function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an Array';
  if (typeof value === 'object') return 'an Object';
  return `a ${typeof value}`;
}

/** The JSON keys found for each choice element, by its base name. */
type ChoiceKeys = Map<string, { path: string; keys: Set<string> }>;

/** No own key (without making the key array: this runs for every object node). */
function isEmptyObject(value: object): boolean {
  for (const _key in value) return false;
  return true;
}

function noteChoiceKey(choices: ChoiceKeys, name: string, path: string, key: string): void {
  const found = choices.get(name);
  if (found) found.keys.add(key);
  else choices.set(name, { path, keys: new Set([key]) });
}

export function createStructureCheck(): Check {
  function checkProperty(p: PropertyInfo, groups: PropertyGroups, ctx: CheckContext): void {
    if (!p.entry) {
      if (p.key === 'resourceType' && groups.isResourceRoot) return;
      const choice = groups.parent.choiceNames.find((name) => p.key.startsWith(name) && /^[A-Z]/.test(p.key.slice(name.length)));
      if (choice && !p.isCompanion) {
        ctx.report({
          severity: 'error', code: 'structure', ruleId: 'choice-type-not-allowed',
          message: `The property '${p.key}' is not allowed: ${groups.parent.path}.${choice}[x] does not allow the type ${p.key.slice(choice.length)}`,
        });
        return;
      }
      ctx.report({ severity: 'error', code: 'structure', ruleId: 'unknown-property', message: `Unrecognized property '${p.key}'` });
      return;
    }
    const element = p.entry.element;
    const typeCode = p.entry.typeCode ?? element.types[0]?.code ?? '';
    if (p.isCompanion && groups.isResourceRoot && p.key === '_id') {
      ctx.report({ severity: 'error', code: 'structure', ruleId: 'resource-id-extension', message: 'Extensions are not allowed on Resource.id' }, { key: 'id' });
      return;
    }
    if (p.isCompanion) {
      if (!isPrimitiveType(typeCode)) {
        ctx.report({ severity: 'error', code: 'structure', ruleId: 'unknown-property', message: `Unrecognized property '${p.key}' (${p.key.slice(1)} is not a primitive)` });
        return;
      }
      const base = groups.properties.find((q) => q.key === p.key.slice(1));
      if (base && Array.isArray(base.value) !== Array.isArray(p.value)) {
        ctx.report({ severity: 'error', code: 'structure', ruleId: 'companion-misaligned', message: `The property '${p.key}' must have the same form as '${base.key}' (${jsonKind(base.value)}), but is ${jsonKind(p.value)}` });
      } else if (base && Array.isArray(base.value) && Array.isArray(p.value) && base.value.length !== p.value.length) {
        ctx.report({ severity: 'error', code: 'structure', ruleId: 'companion-misaligned', message: `The array '${p.key}' has ${p.value.length} items but '${base.key}' has ${base.value.length}; they must line up` });
      }
      if (Array.isArray(p.value) && p.value.length === 0) {
        ctx.report({ severity: 'error', code: 'structure', ruleId: 'empty-array', message: 'Array cannot be empty - the property should not be present if it has no values' }, { key: p.key });
      }
      return;
    }
    if (Array.isArray(p.value)) {
      if (!element.isArray) {
        ctx.report({ severity: 'error', code: 'structure', ruleId: 'json-array-unexpected', message: `The property '${p.key}' must be a single value (${element.path} allows at most 1), not an Array` }, { key: p.key, element, typeCode });
      } else if (p.value.length === 0) {
        ctx.report({ severity: 'error', code: 'structure', ruleId: 'empty-array', message: 'Array cannot be empty - the property should not be present if it has no values' }, { key: p.key, element, typeCode });
      }
    } else if (element.isArray) {
      ctx.report({ severity: 'error', code: 'structure', ruleId: 'json-array-expected', message: `The property '${p.key}' must be an Array, not ${jsonKind(p.value)} (${element.path} can repeat)` }, { key: p.key, element, typeCode });
    }
  }

  return {
    name: 'structure',
    checkProperties(node, groups, ctx) {
      // A primitive's `_name` companion (walked against the type's root) holds id and extension
      // only: its type's `value` element is the JSON primitive itself, never a property here.
      const companionWalk = node.value !== null && typeof node.value === 'object' && isPrimitiveType(node.typeCode);
      for (const p of groups.properties) {
        if (companionWalk && p.key === 'value') ctx.report({ severity: 'error', code: 'structure', ruleId: 'unknown-property', message: `The property 'value' is invalid in '_${node.key}' (a primitive's extensions and id only)` });
        else checkProperty(p, groups, ctx);
      }
      // A choice given twice counts its types the definition does not allow too (a profile
      // narrowing event[x] to Coding still sees eventCoding and eventUri as two values of it).
      // Made only when the node's element has a choice child (most have none; each is in choiceNames).
      if (groups.parent.choiceNames.length === 0) return;
      let choices: ChoiceKeys | undefined;
      const byElement = groups.byElement;
      for (let i = 0; i < byElement.size; i++) {
        const element = byElement.elementAt(i);
        if (element.isChoice) for (const item of byElement.itemsAt(i)) noteChoiceKey((choices ??= new Map()), element.name, element.path, item.key);
      }
      for (const p of groups.properties) {
        if (p.entry || p.isCompanion) continue;
        const choice = groups.parent.choiceNames.find((name) => p.key.startsWith(name) && /^[A-Z]/.test(p.key.slice(name.length)));
        if (choice) noteChoiceKey((choices ??= new Map()), choice, `${groups.parent.path}.${choice}[x]`, p.key);
      }
      if (!choices) return;
      for (const { path, keys } of choices.values()) {
        if (keys.size > 1) ctx.report({ severity: 'error', code: 'structure', ruleId: 'choice-multiple', message: `Only one of ${path} may be present, but found ${[...keys].join(' and ')}` });
      }
    },
    // What depends on the type alone (primitive or not; a resource type, asked of the plans on
    // first need) is decided once per element and type.
    prepareNode(_element, role, typeCode) {
      if (role !== 'element') return undefined;
      const facts: TypeFacts = { primitive: Object.prototype.hasOwnProperty.call(PRIMITIVE_JSON_TYPES, typeCode), resource: undefined };
      return (visit, ctx) => checkElementNode(visit, ctx, facts);
    },
    checkNode(visit: NodeVisit, ctx) {
      if (visit.role !== 'element') return;
      checkElementNode(visit, ctx, { primitive: Object.prototype.hasOwnProperty.call(PRIMITIVE_JSON_TYPES, visit.typeCode), resource: undefined });
    },
  };
}

/** Whether a type is a primitive (its JSON value is not an object) and whether it is a resource type (undefined: not asked yet). */
interface TypeFacts {
  primitive: boolean;
  resource: boolean | undefined;
}

function checkElementNode(visit: NodeVisit, ctx: CheckContext, facts: TypeFacts): void {
  const value = visit.value;
  if (value === null && (visit.companion === undefined || visit.companion === null)) {
    ctx.report({ severity: 'error', code: 'structure', ruleId: 'json-null', message: `The property '${visit.key}' is null; null is only allowed in an array whose '_${visit.key}' companion gives the item` });
    return;
  }
  if (value === undefined || value === null) return;
  if (typeof value === 'object' && !Array.isArray(value)) {
    if (isEmptyObject(value)) {
      ctx.report({ severity: 'error', code: 'structure', ruleId: 'empty-object', message: 'Object must have some content' });
      return;
    }
    facts.resource ??= isResourceType(visit.typeCode) || ctx.services.plans.typePlan(visit.typeCode)?.info.kind === 'resource';
    if (facts.resource) checkResourceType(value as Record<string, unknown>, visit, ctx);
  } else if (Array.isArray(value)) {
    ctx.report({ severity: 'error', code: 'structure', ruleId: 'json-array-nested', message: `An array is not allowed inside the array '${visit.key}'` });
  } else if (!facts.primitive) {
    ctx.report({ severity: 'error', code: 'structure', ruleId: 'json-object-expected', message: `The property '${visit.key}' must be an Object (type ${visit.typeCode}), not ${jsonKind(value)}` });
  }
}

function checkResourceType(resource: Record<string, unknown>, visit: NodeVisit, ctx: CheckContext): void {
  const type = resource.resourceType;
  if (typeof type !== 'string') {
    ctx.report({ severity: 'error', code: 'structure', ruleId: 'resource-type-missing', message: 'Unable to find resourceType property: a resource must name its type' });
    return;
  }
  const plan = ctx.services.plans.typePlan(type);
  if (!plan || plan.info.kind !== 'resource') {
    ctx.report({ severity: 'error', code: 'structure', ruleId: 'resource-type-unknown', message: `Unknown resource type '${type}'` });
    return;
  }
  const allowed = visit.element.types.map((t) => t.code).filter((c) => !isResourceType(c));
  if (allowed.length > 0 && !allowed.includes(type)) {
    ctx.report({ severity: 'error', code: 'structure', ruleId: 'resource-type-not-allowed', message: `A resource of type ${type} is not allowed here (allowed: ${allowed.join(', ')})` });
  }
}
