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

  // Per main parent and folded parent: how the folded parent's constrained children read from the
  // main grouping, or null where they cannot (decided once).
  const mappings = new WeakMap<ElementPlan, Map<ElementPlan, FoldedMapping | null>>();
  function mappingOf(main: ElementPlan, folded: ElementPlan): FoldedMapping | null {
    let byFolded = mappings.get(main);
    if (!byFolded) mappings.set(main, (byFolded = new Map()));
    let mapping = byFolded.get(folded);
    if (mapping === undefined) byFolded.set(folded, (mapping = foldedMapping(main, folded, planOf(folded))));
    return mapping;
  }

  return {
    name: 'cardinality',
    checkProperties(_node, groups, ctx) {
      check(groups.parent, groups.byElement, ctx);
      // The folded definitions' cardinalities, reported from each as its own walk would.
      if (!groups.shadows) return;
      for (const shadow of groups.shadows) {
        const mapping = mappingOf(groups.parent, shadow.parent);
        if (mapping) checkMapped(mapping, groups.byElement, ctx);
        else check(shadow.parent, shadow.byElement, ctx);
      }
    },
  };

  /** check() for a folded parent whose constrained children all count as main elements do. */
  function checkMapped(mapping: FoldedMapping, byElement: PropertyGroups['byElement'], ctx: CheckContext): void {
    for (const { folded, main } of mapping.constrained) {
      const count = countOf(main, byElement.get(main));
      if (count < folded.min || count > folded.max) report(folded, count, ctx);
    }
  }

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

/** A folded parent's constrained children, in definition order, each with the main element whose items it counts. */
interface FoldedMapping {
  constrained: Array<{ folded: ElementPlan; main: ElementPlan }>;
}

/** The element a property's items are grouped under: a choice's type slice (`value[x]:valueQuantity`) counts as the choice. */
function groupedUnder(element: ElementPlan): ElementPlan {
  return element.slicedFrom?.isChoice ? element.slicedFrom : element;
}

/** The property names grouped under each element of a parent's children. */
function namesByElement(parent: ElementPlan): Map<ElementPlan, string[]> {
  const names = new Map<ElementPlan, string[]>();
  for (const [key, entry] of parent.children) {
    const element = groupedUnder(entry.element);
    const list = names.get(element);
    if (list) list.push(key);
    else names.set(element, [key]);
  }
  return names;
}

/**
 * How a folded parent's cardinalities read from the main grouping: each constrained child is
 * grouped from exactly the property names that the main parent groups under one element of
 * the same kind (both plain, or both choices). Then both groupings hold the same properties'
 * items for it, so its count is that main element's. Null when any child is otherwise (a choice
 * the main profile narrowed to fewer types, a name only one of them has): the folded grouping
 * itself is made and counted.
 */
function foldedMapping(main: ElementPlan, folded: ElementPlan, plan: CardinalityPlan): FoldedMapping | null {
  const foldedNames = namesByElement(folded);
  let mainNames: Map<ElementPlan, string[]> | undefined;
  const constrained: FoldedMapping['constrained'] = [];
  // The plan's order map was filled in definition order.
  for (const element of plan.order.keys()) {
    const names = foldedNames.get(element);
    if (!names) return null;
    const mainEntry = main.children.get(names[0]);
    if (!mainEntry) return null;
    const mainElement = groupedUnder(mainEntry.element);
    if (mainElement.isChoice !== element.isChoice) return null;
    mainNames ??= namesByElement(main);
    const same = mainNames.get(mainElement);
    if (!same || same.length !== names.length || !names.every((name) => same.includes(name))) return null;
    constrained.push({ folded: element, main: mainElement });
  }
  return { constrained };
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
