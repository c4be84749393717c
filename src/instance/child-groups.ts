/**
 * A node's child items grouped by the element each matched, in order of first appearance: what
 * the walker hands the property checks (cardinality, slicing, choices). One exactly sized array
 * of element/items pairs instead of a Map: object nodes have a handful of groups, and a Map per
 * object node cost more than the rest of the grouping (REFREQ01: 84 of 206 kB per validation).
 */
import type { ChildItem } from '../checks/check.js';
import type { ElementPlan } from '../model/plan.js';

export class ChildGroups {
  /** element, items, element, items, ... */
  private readonly slots: Array<ElementPlan | ChildItem[]>;
  private count = 0;

  /** `capacity`: the most groups expected (the node's property count); more still fit. */
  constructor(capacity: number) {
    this.slots = new Array(capacity * 2);
  }

  /** Empties it for another node of up to `capacity` groups (more still fit). */
  reset(capacity: number): void {
    this.count = 0;
    if (this.slots.length < capacity * 2) this.slots.length = capacity * 2;
  }

  /** The number of groups. */
  get size(): number {
    return this.count;
  }

  get(element: ElementPlan): ChildItem[] | undefined {
    const slots = this.slots;
    for (let i = 0; i < this.count; i++) if (slots[2 * i] === element) return slots[2 * i + 1] as ChildItem[];
    return undefined;
  }

  has(element: ElementPlan): boolean {
    return this.get(element) !== undefined;
  }

  /** Sets the group's items; a new element goes last. */
  set(element: ElementPlan, items: ChildItem[]): void {
    const slots = this.slots;
    for (let i = 0; i < this.count; i++) {
      if (slots[2 * i] === element) {
        slots[2 * i + 1] = items;
        return;
      }
    }
    const at = 2 * this.count++;
    if (at < slots.length) {
      slots[at] = element;
      slots[at + 1] = items;
    } else {
      slots.push(element, items);
    }
  }

  /** The element of the i-th group (0 ≤ i < size). */
  elementAt(i: number): ElementPlan {
    return this.slots[2 * i] as ElementPlan;
  }

  /** The items of the i-th group (0 ≤ i < size). */
  itemsAt(i: number): ChildItem[] {
    return this.slots[2 * i + 1] as ChildItem[];
  }
}
