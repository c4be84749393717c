/** The element tree under the snapshot generator: id parsing, tree building, flattening. */
import type { ElementDefinition } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { buildTemplateTree, copyTemplate, flattenTree, parseElementId } from '../../src/defs/snapshot-tree.js';

describe('parseElementId', () => {
  it('splits names and slice names, re-slices included', () => {
    expect(parseElementId('Observation.component:systolic.code.coding:loinc/main.system')).toEqual([
      { name: 'Observation' }, { name: 'component', sliceName: 'systolic' }, { name: 'code' },
      { name: 'coding', sliceName: 'loinc/main' }, { name: 'system' },
    ]);
  });

  it('keeps a slice name that contains dots whole, guided by the path', () => {
    expect(parseElementId('Patient.extension:uk.nhs.flag.value[x]', 'Patient.extension.value[x]')).toEqual([
      { name: 'Patient' }, { name: 'extension', sliceName: 'uk.nhs.flag' }, { name: 'value[x]' },
    ]);
  });
});

describe('buildTemplateTree and flattenTree', () => {
  const elements: ElementDefinition[] = [
    { id: 'Patient', path: 'Patient' },
    { id: 'Patient.identifier', path: 'Patient.identifier', slicing: { rules: 'open' } },
    { id: 'Patient.identifier.system', path: 'Patient.identifier.system' },
    { id: 'Patient.identifier:a', path: 'Patient.identifier', sliceName: 'a', slicing: { rules: 'open' } },
    { id: 'Patient.identifier:a.system', path: 'Patient.identifier.system' },
    { id: 'Patient.identifier:a/b', path: 'Patient.identifier', sliceName: 'a/b' },
    { id: 'Patient.identifier:z', path: 'Patient.identifier', sliceName: 'z' },
    { id: 'Patient.gender', path: 'Patient.gender' },
  ];

  it('hangs children under their parent, slices under the sliced element, re-slices under their slice', () => {
    const { root, orphans } = buildTemplateTree(elements);
    expect(orphans).toEqual([]);
    expect(root?.children.map((c) => c.name)).toEqual(['identifier', 'gender']);
    const identifier = root!.children[0];
    expect(identifier.children.map((c) => c.name)).toEqual(['system']);
    expect(identifier.slices.map((s) => s.element.sliceName)).toEqual(['a', 'z']);
    expect(identifier.slices[0].slices.map((s) => s.element.sliceName)).toEqual(['a/b']);
  });

  it('flattens back to the same ids and paths in the same order', () => {
    const { root } = buildTemplateTree(elements);
    const flat = flattenTree(copyTemplate(root!), 'Patient');
    expect(flat.map((e) => [e.id, e.path])).toEqual(elements.map((e) => [e.id, e.path]));
  });

  it('returns the elements whose parent is missing as orphans', () => {
    const { orphans } = buildTemplateTree([
      { id: 'Patient', path: 'Patient' },
      { id: 'Patient.contact.name', path: 'Patient.contact.name' },
      { id: 'Patient.identifier:x', path: 'Patient.identifier', sliceName: 'x' },
    ]);
    expect(orphans.map((e) => e.id)).toEqual(['Patient.contact.name', 'Patient.identifier:x']);
  });
});
