/**
 * Element-for-element comparison of two snapshots on the properties validation depends on:
 * ids, paths, cardinality, types with profiles, fixed/pattern values, bindings, slicing and
 * constraint keys. Used by the snapshot oracles.
 */
import type { ElementDefinition } from 'fhir/r4.js';

export interface ElementDifference {
  id: string;
  property: string;
  expected: unknown;
  actual: unknown;
}

function valueEntries(element: ElementDefinition): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(element)) {
    if (/^(fixed|pattern)[A-Z]/.test(key)) out[key] = value;
  }
  return out;
}

function typesOf(element: ElementDefinition): string[] {
  return (element.type ?? []).map((t) => {
    const profiles = (t.profile ?? []).join(',');
    const targets = (t.targetProfile ?? []).join(',');
    return `${t.code}${profiles ? `<${profiles}>` : ''}${targets ? `(${targets})` : ''}`;
  });
}

/** The comparable view of one element. */
export function comparableElement(element: ElementDefinition): Record<string, unknown> {
  return {
    path: element.path,
    sliceName: element.sliceName,
    min: element.min,
    max: element.max,
    type: typesOf(element),
    values: valueEntries(element),
    binding: element.binding ? { strength: element.binding.strength, valueSet: element.binding.valueSet } : undefined,
    slicing: element.slicing
      ? {
          discriminator: (element.slicing.discriminator ?? []).map((d) => `${d.type}:${d.path}`),
          ordered: element.slicing.ordered,
          rules: element.slicing.rules,
        }
      : undefined,
    constraintKeys: (element.constraint ?? []).map((c) => c.key).sort(),
    contentReference: element.contentReference,
  };
}

/** Every difference between two snapshots, in order; missing and extra elements included. */
export function compareSnapshots(expected: readonly ElementDefinition[], actual: readonly ElementDefinition[]): ElementDifference[] {
  const differences: ElementDifference[] = [];
  const actualById = new Map(actual.map((e) => [e.id ?? e.path, e]));
  const expectedIds = expected.map((e) => e.id ?? e.path);
  const actualIds = actual.map((e) => e.id ?? e.path);
  for (const element of expected) {
    const id = element.id ?? element.path;
    const other = actualById.get(id);
    if (!other) {
      differences.push({ id, property: 'element', expected: 'present', actual: 'missing' });
      continue;
    }
    const a = comparableElement(element);
    const b = comparableElement(other);
    for (const key of Object.keys(a)) {
      if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) differences.push({ id, property: key, expected: a[key], actual: b[key] });
    }
  }
  const expectedSet = new Set(expectedIds);
  for (const id of actualIds) if (!expectedSet.has(id)) differences.push({ id, property: 'element', expected: 'absent', actual: 'extra' });
  const commonExpected = expectedIds.filter((id) => actualById.has(id));
  const commonActual = actualIds.filter((id) => expectedSet.has(id));
  if (differences.length === 0 && JSON.stringify(commonExpected) !== JSON.stringify(commonActual)) {
    differences.push({ id: '(order)', property: 'order', expected: commonExpected, actual: commonActual });
  }
  return differences;
}
