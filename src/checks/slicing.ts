/**
 * Slicing: assigns each item of a sliced element to its slice (the walker then checks the
 * item against that slice), and reports items outside a closed slicing, order violations,
 * items after the open end of an openAtEnd slicing, and per-slice cardinality. Slices that
 * are themselves sliced (re-slicing) are handled the same way one level down.
 */
import { definitionOf, type ElementPlan, type SlicingPlan } from '../model/plan.js';
import type { Check, CheckContext, ChildItem } from './check.js';
import { createSliceTargets, itemMatchesSlice, type ItemValues } from './slice-matching.js';


function sliceLabel(sliced: ElementPlan, slice: ElementPlan): string {
  return `${sliced.path}:${slice.sliceName ?? '?'}`;
}

export function createSlicingCheck(): Check {
  const targets = createSliceTargets();
  // The children with slices, per parent element (most have none; plans belong to this validator).
  const sliced = new WeakMap<ElementPlan, ElementPlan[]>();
  function slicedChildren(parent: ElementPlan): ElementPlan[] {
    let list = sliced.get(parent);
    if (!list) {
      list = parent.childElements.filter((e) => e.slicing !== undefined && e.slicing.slices.length > 0);
      sliced.set(parent, list);
    }
    return list;
  }

  function assign(sliced: ElementPlan, slicing: SlicingPlan, items: ChildItem[], ctx: CheckContext): void {
    const counts = new Map<ElementPlan, ChildItem[]>();
    for (const slice of slicing.slices) counts.set(slice, []);
    let lastIndex = -1;
    let unmatchedSeen = false;
    for (const item of items) {
      const at = { key: item.key, index: item.index, element: item.element, typeCode: item.typeCode };
      let index = item.slice && item.slice.slicedFrom === sliced ? slicing.slices.indexOf(item.slice) : -1;
      if (index < 0) {
        const values: ItemValues = new Map();
        index = slicing.slices.findIndex((slice) => itemMatchesSlice(item, slice, slicing.discriminators, ctx, targets, values));
      }
      if (index < 0) {
        unmatchedSeen = true;
        const url = item.typeCode === 'Extension' ? (item.value as { url?: unknown } | null)?.url : undefined;
        if (sliced.path === 'Extension.extension' && sliced.structure.type === 'Extension' && typeof url === 'string' && !url.includes(':')) {
          // A relative url names a sub-extension of this extension: it must be one the definition declares.
          ctx.report({ severity: 'error', code: 'structure', ruleId: 'extension-sub-unknown', definition: definitionOf(sliced.structure), message: `Sub-extension url '${url}' is not defined by the Extension ${definitionOf(sliced.structure)}` }, at);
          continue;
        }
        if (slicing.rules === 'closed') {
          ctx.report({ severity: 'error', code: 'structure', ruleId: 'slicing-closed', definition: definitionOf(sliced.structure), message: `This element does not match any known slice defined in the profile ${definitionOf(sliced.structure)} and slicing is CLOSED` }, at);
        }
        continue;
      }
      const slice = slicing.slices[index];
      item.slice = slice;
      counts.get(slice)!.push(item);
      if (slicing.ordered && index < lastIndex) {
        ctx.report({ severity: 'error', code: 'structure', ruleId: 'slicing-order', definition: definitionOf(sliced.structure), message: `As specified by profile ${definitionOf(sliced.structure)}, the slices of ${sliced.path} must be in order, but ${sliceLabel(sliced, slice)} comes after a later slice` }, at);
      }
      if (slicing.rules === 'openAtEnd' && unmatchedSeen) {
        ctx.report({ severity: 'error', code: 'structure', ruleId: 'slicing-open-at-end', definition: definitionOf(sliced.structure), message: `The slicing of ${sliced.path} is open at the end, so ${sliceLabel(sliced, slice)} must come before any item that matches no slice` }, at);
      }
      lastIndex = Math.max(lastIndex, index);
    }
    for (const [slice, matched] of counts) {
      const label = sliceLabel(sliced, slice);
      if (matched.length < slice.min) {
        const message = matched.length === 0
          ? `Slice '${label}': a matching slice is required, but not found (from ${definitionOf(slice.structure)})`
          : `${label}: minimum required = ${slice.min}, but only found ${matched.length} (from ${definitionOf(slice.structure)})`;
        ctx.report({ severity: 'error', code: 'structure', ruleId: 'slice-cardinality-min', definition: definitionOf(slice.structure), message });
      } else if (matched.length > slice.max) {
        ctx.report({ severity: 'error', code: 'structure', ruleId: 'slice-cardinality-max', definition: definitionOf(slice.structure), message: `${label}: max allowed = ${slice.max}, but found ${matched.length} (from ${definitionOf(slice.structure)})` });
      }
      if (slice.slicing && slice.slicing.slices.length > 0 && matched.length > 0) assign(slice, slice.slicing, matched, ctx);
    }
  }

  return {
    name: 'slicing',
    checkProperties(_node, groups, ctx) {
      // Every sliced child, present or not: a required slice can be missing with no items at all.
      const sliced = slicedChildren(groups.parent);
      for (let i = 0; i < sliced.length; i++) assign(sliced[i], sliced[i].slicing!, groups.byElement.get(sliced[i]) ?? [], ctx);
    },
  };
}
