/**
 * Cardinality: every child element of an object node occurs between its min and max times
 * (slice cardinality is the slicing check's). Reported at the parent, as the Java validator does.
 */
import { definitionOf, type ElementPlan } from '../model/plan.js';
import type { Check, CheckContext, PropertyGroups } from './check.js';

export function createCardinalityCheck(): Check {
  // The children that have a cardinality to check, per parent element (plans belong to this validator).
  const constrained = new WeakMap<ElementPlan, ElementPlan[]>();
  function constrainedChildren(parent: ElementPlan): ElementPlan[] {
    let list = constrained.get(parent);
    if (!list) {
      list = parent.childElements.filter((e) => e.min > 0 || e.max !== Infinity);
      constrained.set(parent, list);
    }
    return list;
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
    for (const element of constrainedChildren(parent)) {
      const items = byElement.get(element);
      let count = items ? items.length : 0;
      // A choice given under two names is the structure check's; count it once here.
      if (element.isChoice && items && count > 1 && new Set(items.map((i) => i.key)).size > 1) count = 1;
      if (count < element.min) {
        const from = definitionOf(element.structure);
        ctx.report({
          severity: 'error', code: 'structure', ruleId: 'cardinality-min', definition: from,
          message: `${element.path}: minimum required = ${element.min}, but only found ${count} (from ${from})`,
        });
      } else if (count > element.max) {
        const from = definitionOf(element.structure);
        ctx.report({
          severity: 'error', code: 'structure', ruleId: 'cardinality-max', definition: from,
          message: `${element.path}: max allowed = ${element.max}, but found ${count} (from ${from})`,
        });
      }
    }
  }
}
