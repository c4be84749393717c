/** The oracles' comparison helpers find what they are meant to find. */
import type { ElementDefinition } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { compareSnapshots, differentialNotInSnapshot } from './snapshot-compare.js';

const base: ElementDefinition[] = [
  { id: 'Patient', path: 'Patient', min: 0, max: '*' },
  { id: 'Patient.identifier', path: 'Patient.identifier', min: 0, max: '*', type: [{ code: 'Identifier' }], slicing: { discriminator: [{ type: 'value', path: 'system' }], rules: 'open' } },
  { id: 'Patient.identifier:nhs', path: 'Patient.identifier', sliceName: 'nhs', min: 0, max: '1', type: [{ code: 'Identifier' }] },
  { id: 'Patient.identifier:nhs.system', path: 'Patient.identifier.system', min: 1, max: '1', type: [{ code: 'uri' }], fixedUri: 'https://fhir.nhs.uk/Id/nhs-number' },
  { id: 'Patient.gender', path: 'Patient.gender', min: 0, max: '1', binding: { strength: 'required', valueSet: 'http://hl7.org/fhir/ValueSet/administrative-gender|4.0.1' }, constraint: [{ key: 'ele-1', severity: 'error', human: 'x' }] },
];

describe('compareSnapshots', () => {
  it('finds nothing between equal snapshots', () => {
    expect(compareSnapshots(base, structuredClone(base))).toEqual([]);
  });

  it('finds missing, extra and reordered elements and each changed property', () => {
    const changed = structuredClone(base);
    changed[3].fixedUri = 'https://example.org';
    changed[4].binding = { strength: 'extensible', valueSet: 'http://hl7.org/fhir/ValueSet/administrative-gender|4.0.1' };
    changed[4].constraint = [];
    changed[2].max = '*';
    changed.push({ id: 'Patient.active', path: 'Patient.active' });
    const found = compareSnapshots(base, changed).map((d) => `${d.id} ${d.property}`);
    expect(found).toEqual([
      'Patient.identifier:nhs max',
      'Patient.identifier:nhs.system values',
      'Patient.gender binding',
      'Patient.gender constraintKeys',
      'Patient.active element',
    ]);
    expect(compareSnapshots(base, base.slice(0, 4)).map((d) => `${d.id} ${d.property} ${d.actual}`)).toEqual(['Patient.gender element missing']);
    const swapped = [base[0], base[2], base[1], base[3], base[4]];
    expect(compareSnapshots(base, swapped).map((d) => d.property)).toEqual(['order']);
  });
});

describe('differentialNotInSnapshot', () => {
  it('accepts a snapshot that carries every differential constraint', () => {
    const differential: ElementDefinition[] = [
      { id: 'Patient.identifier:nhs', path: 'Patient.identifier', sliceName: 'nhs', max: '1' },
      { id: 'Patient.identifier:nhs.system', path: 'Patient.identifier.system', min: 1, fixedUri: 'https://fhir.nhs.uk/Id/nhs-number' },
      { id: 'Patient.gender', path: 'Patient.gender', binding: { strength: 'required' }, constraint: [{ key: 'ele-1', severity: 'error', human: 'x' }] },
    ];
    expect(differentialNotInSnapshot(differential, base)).toEqual([]);
  });

  it('reports a differential element without a snapshot element, and each property the snapshot does not carry', () => {
    const differential: ElementDefinition[] = [
      { id: 'Patient.identifier:local', path: 'Patient.identifier', sliceName: 'local' },
      { id: 'Patient.identifier:nhs.system', path: 'Patient.identifier.system', min: 0, fixedUri: 'https://example.org', type: [{ code: 'string' }] },
      { id: 'Patient.gender', path: 'Patient.gender', binding: { strength: 'preferred' }, mustSupport: true, constraint: [{ key: 'pat-9', severity: 'error', human: 'y' }] },
    ];
    expect(differentialNotInSnapshot(differential, base).map((d) => `${d.id} ${d.property}`)).toEqual([
      'Patient.identifier:local element',
      'Patient.identifier:nhs.system min',
      'Patient.identifier:nhs.system fixedUri',
      'Patient.identifier:nhs.system type string',
      'Patient.identifier:nhs.system type codes',
      'Patient.gender mustSupport',
      'Patient.gender binding',
      'Patient.gender constraint pat-9',
    ]);
  });
});
