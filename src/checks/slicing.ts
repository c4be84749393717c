/**
 * Slicing: assigns each item of a sliced element to its slice (the walker then checks the
 * item against that slice), and reports items outside a closed slicing, order violations,
 * items after the open end of an openAtEnd slicing, and per-slice cardinality. Slices that
 * are themselves sliced (re-slicing) are handled the same way one level down.
 */
import { definitionOf, type ElementPlan, type SlicingPlan } from '../model/plan.js';
import type { Check, CheckContext, ChildItem, RelativeLocation } from './check.js';
import { createSliceTargets, itemMatchesSlice, type ItemValues } from './slice-matching.js';

/** No items matched (frozen: shared by every call). */
const NO_ITEMS: ChildItem[] = Object.freeze([]) as unknown as ChildItem[];

/** Where an issue about one item goes (made only when one is reported). */
function placeOf(item: ChildItem): RelativeLocation {
  return { key: item.key, index: item.index, element: item.element, typeCode: item.typeCode };
}

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
    const slices = slicing.slices;
    // The items each slice matched, by the slice's place (made only for slices that match something).
    const matchedBySlice: Array<ChildItem[] | undefined> = new Array(slices.length);
    let lastIndex = -1;
    let unmatchedSeen = false;
    for (const item of items) {
      let index = item.slice && item.slice.slicedFrom === sliced ? slices.indexOf(item.slice) : -1;
      if (index < 0) {
        // What the discriminators select from the item, kept while its slices are tried.
        const values: ItemValues | undefined = slicing.discriminators.length > 0 ? new Map() : undefined;
        for (let s = 0; s < slices.length; s++) {
          if (itemMatchesSlice(item, slices[s], slicing.discriminators, ctx, targets, values)) {
            index = s;
            break;
          }
        }
      }
      if (index < 0) {
        unmatchedSeen = true;
        const url = item.typeCode === 'Extension' ? (item.value as { url?: unknown } | null)?.url : undefined;
        if (sliced.path === 'Extension.extension' && sliced.structure.type === 'Extension' && typeof url === 'string' && !url.includes(':')) {
          // A relative url names a sub-extension of this extension: it must be one the definition declares.
          ctx.report({ severity: 'error', code: 'structure', ruleId: 'extension-sub-unknown', definition: definitionOf(sliced.structure), message: `Sub-extension url '${url}' is not defined by the Extension ${definitionOf(sliced.structure)}` }, placeOf(item));
          continue;
        }
        if (slicing.rules === 'closed') {
          ctx.report({ severity: 'error', code: 'structure', ruleId: 'slicing-closed', definition: definitionOf(sliced.structure), message: `This element does not match any known slice defined in the profile ${definitionOf(sliced.structure)} and slicing is CLOSED` }, placeOf(item));
        }
        continue;
      }
      const slice = slices[index];
      item.slice = slice;
      const matched = matchedBySlice[index];
      if (matched) matched.push(item);
      else matchedBySlice[index] = [item];
      if (slicing.ordered && index < lastIndex) {
        ctx.report({ severity: 'error', code: 'structure', ruleId: 'slicing-order', definition: definitionOf(sliced.structure), message: `As specified by profile ${definitionOf(sliced.structure)}, the slices of ${sliced.path} must be in order, but ${sliceLabel(sliced, slice)} comes after a later slice` }, placeOf(item));
      }
      if (slicing.rules === 'openAtEnd' && unmatchedSeen) {
        ctx.report({ severity: 'error', code: 'structure', ruleId: 'slicing-open-at-end', definition: definitionOf(sliced.structure), message: `The slicing of ${sliced.path} is open at the end, so ${sliceLabel(sliced, slice)} must come before any item that matches no slice` }, placeOf(item));
      }
      lastIndex = Math.max(lastIndex, index);
    }
    for (let s = 0; s < slices.length; s++) {
      const slice = slices[s];
      const matched = matchedBySlice[s] ?? NO_ITEMS;
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
