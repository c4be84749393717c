import { describe, expect, it } from 'vitest';
import type { ChildItem } from '../../src/checks/check.js';
import { ChildGroups } from '../../src/instance/child-groups.js';
import type { ElementPlan } from '../../src/model/plan.js';

const element = (path: string) => ({ path }) as unknown as ElementPlan;
const items = (key: string, n: number) => Array.from({ length: n }, (_, index) => ({ key, index }) as unknown as ChildItem);

describe('ChildGroups', () => {
  it('keeps groups in order of first appearance, replacing a group in its place', () => {
    const [a, b, c] = [element('X.a'), element('X.b'), element('X.c')];
    const groups = new ChildGroups(3);
    groups.set(b, items('b', 1));
    groups.set(a, items('a', 2));
    const replaced = items('b', 3);
    groups.set(b, replaced);
    groups.set(c, items('c', 1));
    expect(groups.size).toBe(3);
    expect([0, 1, 2].map((i) => groups.elementAt(i))).toEqual([b, a, c]);
    expect(groups.itemsAt(0)).toBe(replaced);
    expect(groups.get(a)).toHaveLength(2);
    expect(groups.has(c)).toBe(true);
    expect(groups.get(element('X.d'))).toBeUndefined();
  });

  it('holds more groups than its capacity', () => {
    const elements = Array.from({ length: 5 }, (_, i) => element(`X.e${i}`));
    const groups = new ChildGroups(1);
    elements.forEach((e, i) => groups.set(e, items(`e${i}`, i + 1)));
    expect(groups.size).toBe(5);
    elements.forEach((e, i) => {
      expect(groups.elementAt(i)).toBe(e);
      expect(groups.get(e)).toHaveLength(i + 1);
    });
  });

  it('is empty with capacity 0', () => {
    const groups = new ChildGroups(0);
    expect(groups.size).toBe(0);
    expect(groups.get(element('X.a'))).toBeUndefined();
  });
});
