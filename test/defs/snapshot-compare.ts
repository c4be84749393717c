/**
 * Element-for-element comparison of two snapshots on the properties validation depends on:
 * ids, paths, cardinality, types with profiles, fixed/pattern values, bindings, slicing,
 * constraint keys, content references, mustSupport, isModifier, maxLength and base. Used by
 * the snapshot oracles.
 *
 * Left out, because the 2019 R4 publication differs there for reasons of presentation only:
 * short/definition/comment/requirements/alias (the publication rewrote relative markdown
 * links to absolute ones and gave sliced extension elements the texts "Extension" / "An
 * Extension"), and isSummary/condition/alias of extension slices (taken there from the
 * extension definition's root element). None of these changes what an instance must be.
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
    mustSupport: element.mustSupport,
    isModifier: element.isModifier,
    maxLength: element.maxLength,
    base: element.base,
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

/** Properties a differential element can set whose value the snapshot element must then carry as given. */
const REPLACED_PROPERTIES = [
  'min', 'max', 'short', 'definition', 'comment', 'requirements', 'label', 'mustSupport', 'isModifier', 'isModifierReason',
  'isSummary', 'maxLength', 'meaningWhenMissing', 'orderMeaning', 'contentReference', 'sliceIsConstraining',
] as const;

/**
 * Every way a snapshot fails to carry a differential: a differential element with no snapshot
 * element of the same id, or a property the differential sets that the snapshot element does
 * not have with that value (lists that accumulate must contain the differential's entries).
 */
export function differentialNotInSnapshot(differential: readonly ElementDefinition[], snapshot: readonly ElementDefinition[]): ElementDifference[] {
  const out: ElementDifference[] = [];
  const byId = new Map(snapshot.map((e) => [e.id, e]));
  for (const diff of differential) {
    const id = diff.id ?? diff.path;
    const snap = byId.get(id);
    if (!snap) {
      out.push({ id, property: 'element', expected: 'present', actual: 'missing' });
      continue;
    }
    const check = (property: string, expected: unknown, actual: unknown): void => {
      if (JSON.stringify(expected) !== JSON.stringify(actual)) out.push({ id, property, expected, actual });
    };
    const d = diff as unknown as Record<string, unknown>;
    const s = snap as unknown as Record<string, unknown>;
    for (const key of REPLACED_PROPERTIES) if (d[key] !== undefined) check(key, d[key], s[key]);
    for (const key of Object.keys(d)) if (/^(fixed|pattern|minValue|maxValue|defaultValue)[A-Z]/.test(key)) check(key, d[key], s[key]);
    if (diff.type) {
      // Each differential type is there with at least the profiles and target profiles it names.
      for (const type of diff.type) {
        const match = snap.type?.find((t) => t.code === type.code);
        check(`type ${type.code}`, { ...type }, match ? { ...type, ...pick(match, Object.keys(type)) } : undefined);
      }
      check('type codes', diff.type.map((t) => t.code), snap.type?.map((t) => t.code));
    }
    if (diff.binding) check('binding', diff.binding, pick(snap.binding ?? {}, Object.keys(diff.binding)));
    if (diff.slicing) check('slicing', diff.slicing, pick(snap.slicing ?? {}, Object.keys(diff.slicing)));
    for (const constraint of diff.constraint ?? []) {
      // The snapshot may add what the differential left out (the constraint's source).
      const match = snap.constraint?.find((c) => c.key === constraint.key);
      check(`constraint ${constraint.key}`, constraint, match ? pick(match, Object.keys(constraint)) : undefined);
    }
    for (const key of ['condition', 'alias'] as const) {
      for (const value of diff[key] ?? []) if (!snap[key]?.includes(value)) out.push({ id, property: key, expected: value, actual: snap[key] });
    }
    for (const mapping of diff.mapping ?? []) {
      if (!snap.mapping?.some((m) => JSON.stringify(m) === JSON.stringify(mapping))) out.push({ id, property: 'mapping', expected: mapping, actual: snap.mapping });
    }
  }
  return out;
}

function pick(source: object, keys: readonly string[]): Record<string, unknown> {
  const record = source as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of keys) if (record[key] !== undefined) out[key] = record[key];
  return out;
}
