/**
 * Element ids (`Element.id`): the items of one repeating element may not share an id, as the HL7
 * Java validator checks (fhir-test-cases mr-single-two-groups: two MeasureReport.group items with
 * one id). The scope is the list, as that validator's outcomes show: a StructureDefinition's
 * snapshot and differential carry the same element ids legitimately. Resources (Bundle entries,
 * contained, Parameters) are not elements: their ids are theirs.
 */
import type { Check, CheckContext, NodeVisit, PropertyGroups } from './check.js';

function checkLists(node: NodeVisit, groups: PropertyGroups, ctx: CheckContext): void {
  const object = node.value as object;
  // A node walked against several definitions is met once per definition: its lists count once.
  let checked = false;
  const properties = groups.properties;
  for (let p = 0; p < properties.length; p++) {
    const { key, value: list } = properties[p];
    if (!Array.isArray(list) || list.length < 2) continue;
    let ids: Set<string> | undefined;
    for (let index = 0; index < list.length; index++) {
      const item = list[index] as { id?: unknown; resourceType?: unknown } | null;
      if (item === null || typeof item !== 'object' || typeof item.id !== 'string' || typeof item.resourceType === 'string') continue;
      if (!checked) {
        if (ctx.seen(object, 'element-ids')) return;
        checked = true;
      }
      ids ??= new Set();
      if (ids.has(item.id)) {
        ctx.report({ severity: 'error', code: 'invalid', ruleId: 'element-id-duplicate', message: `Duplicate id value '${item.id}': the items of '${key}' must not share an id` }, { key, index });
      } else {
        ids.add(item.id);
      }
    }
  }
}

export function createElementIdsCheck(): Check {
  return {
    name: 'element-ids',
    checkProperties: (node, groups, ctx) => checkLists(node, groups, ctx),
  };
}
