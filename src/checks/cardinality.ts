/**
 * Cardinality: every child element of an object node occurs between its min and max times
 * (slice cardinality is the slicing check's). Reported at the parent, as the Java validator does.
 */
import { definitionOf, type ElementPlan } from '../model/plan.js';
import type { Check, CheckContext, ChildItem, PropertyGroups } from './check.js';

/**
 * A parent's children that can break their cardinality: the required ones (min > 0) break it when
 * absent too; the others only by occurring more than their max, so only when present.
 */
interface CardinalityPlan {
  required: ElementPlan[];
  /** Each constrained child's place among the parent's children, to report in definition order. */
  order: Map<ElementPlan, number>;
}

export function createCardinalityCheck(): Check {
  // Per parent element, decided once (plans belong to this validator).
  const plans = new WeakMap<ElementPlan, CardinalityPlan>();
  function planOf(parent: ElementPlan): CardinalityPlan {
    let plan = plans.get(parent);
    if (!plan) {
      const constrained = parent.childElements.filter((e) => e.min > 0 || e.max !== Infinity);
      plan = { required: constrained.filter((e) => e.min > 0), order: new Map(constrained.map((e, i) => [e, i])) };
      plans.set(parent, plan);
    }
    return plan;
  }

  return {
    name: 'cardinality',
    checkProperties(_node, groups, ctx) {
      check(groups.parent, groups.byElement, ctx);
      // The folded definitions' cardinalities, reported from each as its own walk would.
      if (groups.shadows) for (const shadow of groups.shadows) check(shadow.parent, shadow.byElement, ctx);
    },
  };

  function check(parent: ElementPlan, byElement: PropertyGroups['byElement'], ctx: CheckContext): void {
    const plan = planOf(parent);
    let broken: Array<{ element: ElementPlan; count: number; place: number }> | undefined;
    for (let i = 0; i < plan.required.length; i++) {
      const element = plan.required[i];
      const count = countOf(element, byElement.get(element));
      if (count < element.min || count > element.max) (broken ??= []).push({ element, count, place: plan.order.get(element)! });
    }
    for (let i = 0; i < byElement.size; i++) {
      const element = byElement.elementAt(i);
      if (element.min > 0 || element.max === Infinity) continue;
      const place = plan.order.get(element);
      if (place === undefined) continue;
      const count = countOf(element, byElement.itemsAt(i));
      if (count > element.max) (broken ??= []).push({ element, count, place });
    }
    if (!broken) return;
    broken.sort((a, b) => a.place - b.place);
    for (const { element, count } of broken) report(element, count, ctx);
  }
}

function countOf(element: ElementPlan, items: ChildItem[] | undefined): number {
  if (!items) return 0;
  // A choice given under two names is the structure check's; count it once here.
  if (element.isChoice && items.length > 1 && new Set(items.map((i) => i.key)).size > 1) return 1;
  return items.length;
}

function report(element: ElementPlan, count: number, ctx: CheckContext): void {
  const from = definitionOf(element.structure);
  if (count < element.min) {
    ctx.report({
      severity: 'error', code: 'structure', ruleId: 'cardinality-min', definition: from,
      message: `${element.path}: minimum required = ${element.min}, but only found ${count} (from ${from})`,
    });
  } else {
    ctx.report({
      severity: 'error', code: 'structure', ruleId: 'cardinality-max', definition: from,
      message: `${element.path}: max allowed = ${element.max}, but found ${count} (from ${from})`,
    });
  }
}
