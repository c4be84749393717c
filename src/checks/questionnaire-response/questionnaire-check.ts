/**
 * Rules on a Questionnaire itself that its responses depend on: each enableWhen names a
 * question the Questionnaire has, other than the item itself or one nested inside it (an
 * item cannot wait for its own children); a question that only comes later in the form is
 * a warning.
 */
import type { Check, CheckContext } from '../check.js';
import { isObject, objectsOf, stringOf, type JsonObject } from './values.js';

interface ItemIndex {
  byLinkId: Map<string, JsonObject>;
  /** Position of each item in document order. */
  order: Map<JsonObject, number>;
  /** Items each item contains, at any depth. */
  descendants: Map<JsonObject, Set<JsonObject>>;
}

function indexItems(questionnaire: JsonObject): ItemIndex {
  const index: ItemIndex = { byLinkId: new Map(), order: new Map(), descendants: new Map() };
  const visit = (items: JsonObject[], ancestors: JsonObject[]) => {
    for (const item of items) {
      index.order.set(item, index.order.size);
      const linkId = stringOf(item.linkId);
      if (linkId !== undefined && !index.byLinkId.has(linkId)) index.byLinkId.set(linkId, item);
      index.descendants.set(item, new Set());
      for (const ancestor of ancestors) index.descendants.get(ancestor)!.add(item);
      visit(objectsOf(item.item), [...ancestors, item]);
    }
  };
  visit(objectsOf(questionnaire.item), []);
  return index;
}

export function createQuestionnaireCheck(): Check {
  // One index per Questionnaire object, weakly held so that it goes with the input; rebuilt
  // on each validation run (`seen` is per run) in case the caller changed the object since.
  const indexes = new WeakMap<object, ItemIndex>();
  function indexOf(ctx: CheckContext): ItemIndex {
    const questionnaire = ctx.resource.resource;
    let index = indexes.get(questionnaire);
    if (!index || !ctx.seen(questionnaire, 'questionnaire-item-index')) {
      index = indexItems(questionnaire);
      indexes.set(questionnaire, index);
    }
    return index;
  }

  return {
    name: 'questionnaire',
    // A Questionnaire's items, at any depth (Questionnaire.item, Questionnaire.item.item).
    appliesTo: (element, role) => role === 'element' && element.path.startsWith('Questionnaire.') && element.path.endsWith('.item'),
    checkNode(visit, ctx) {
      if (visit.role !== 'element' || visit.key !== 'item' || ctx.resource.resourceType !== 'Questionnaire' || !isObject(visit.value)) return;
      const item = visit.value;
      const conditions = Array.isArray(item.enableWhen) ? item.enableWhen : [];
      if (conditions.length === 0 || ctx.seen(item, 'questionnaire-enablewhen')) return;
      const index = indexOf(ctx);
      const linkId = stringOf(item.linkId) ?? '';
      conditions.forEach((condition: unknown, i: number) => {
        const question = isObject(condition) ? stringOf(condition.question) : undefined;
        if (question === undefined) return; // question is 1..1: the cardinality check reports it
        const at = { key: 'enableWhen', index: i };
        const target = index.byLinkId.get(question);
        if (!target) {
          ctx.report({ severity: 'error', code: 'business-rule', ruleId: 'questionnaire-enablewhen-unknown', message: `The enableWhen of item '${linkId}' refers to question '${question}', which this Questionnaire does not have` }, at);
        } else if (target === item) {
          ctx.report({ severity: 'error', code: 'business-rule', ruleId: 'questionnaire-enablewhen-self', message: `The enableWhen of item '${linkId}' refers to the item itself` }, at);
        } else if (index.descendants.get(item)?.has(target)) {
          ctx.report({ severity: 'error', code: 'business-rule', ruleId: 'questionnaire-enablewhen-inner', message: `The enableWhen of item '${linkId}' refers to '${question}', an item nested inside it, which cannot be answered while '${linkId}' is disabled` }, at);
        } else if ((index.order.get(target) ?? 0) > (index.order.get(item) ?? 0) && !index.descendants.get(target)?.has(item)) {
          ctx.report({ severity: 'warning', code: 'business-rule', ruleId: 'questionnaire-enablewhen-after', message: `The enableWhen of item '${linkId}' refers to '${question}', which comes later in the Questionnaire` }, at);
        }
      });
    },
  };
}
