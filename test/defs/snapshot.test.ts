/**
 * The snapshot generator on small profiles written here, one rule at a time: expansion of
 * datatypes, choices, slices and re-slices, extensions, type profiles, content references,
 * property merging, and the issues a faulty profile gets.
 */
import type { ElementDefinition, StructureDefinition } from 'fhir/r4.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDefinitionSet } from '../../src/defs/definition-set.js';
import { loadR4CorePackage } from '../../src/defs/r4-core.js';
import { createSnapshotCache, generateSnapshot } from '../../src/defs/snapshot.js';
import { r4BaseForMissingUkCore } from '../../src/defs/ukcore-fallback.js';
import type { ConformanceResource, DefinitionSet, FhirPackage } from '../../src/defs/types.js';

let core: FhirPackage;
let coreDefs: DefinitionSet;

beforeAll(() => {
  core = loadR4CorePackage();
  coreDefs = createDefinitionSet([core]);
});

function profile(type: string, elements: ElementDefinition[], extra: Partial<StructureDefinition> = {}): StructureDefinition {
  return {
    resourceType: 'StructureDefinition',
    id: `test-${type.toLowerCase()}`,
    url: `https://example.org/StructureDefinition/test-${type.toLowerCase()}`,
    name: `Test${type}`,
    status: 'draft',
    kind: 'resource',
    abstract: false,
    type,
    baseDefinition: `http://hl7.org/fhir/StructureDefinition/${type}`,
    derivation: 'constraint',
    differential: { element: elements },
    ...extra,
  };
}

function withExtra(...resources: StructureDefinition[]): DefinitionSet {
  return createDefinitionSet([core, { name: 'test', version: '0.0.0', resources: resources as unknown as ConformanceResource[] }]);
}

function elementsOf(sd: StructureDefinition): Map<string, ElementDefinition> {
  return new Map((sd.snapshot?.element ?? []).map((e) => [e.id ?? e.path, e]));
}

function ids(sd: StructureDefinition): string[] {
  return (sd.snapshot?.element ?? []).map((e) => e.id ?? e.path);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

describe('generateSnapshot: structure', () => {
  it('keeps the base order and the root, and pulls datatype children in where the differential constrains inside them', () => {
    const sd = profile('Patient', [
      { id: 'Patient', path: 'Patient', short: 'A test patient' },
      { id: 'Patient.name.family', path: 'Patient.name.family', min: 1 },
    ]);
    const { structureDefinition, issues } = generateSnapshot(sd, coreDefs);
    expect(issues).toEqual([]);
    const all = ids(structureDefinition);
    const byId = elementsOf(structureDefinition);
    expect(all[0]).toBe('Patient');
    expect(byId.get('Patient')?.short).toBe('A test patient');
    expect(all.slice(all.indexOf('Patient.name'), all.indexOf('Patient.name') + 8)).toEqual([
      'Patient.name', 'Patient.name.id', 'Patient.name.extension', 'Patient.name.use',
      'Patient.name.text', 'Patient.name.family', 'Patient.name.given', 'Patient.name.prefix',
    ]);
    expect(byId.get('Patient.name.family')).toMatchObject({ path: 'Patient.name.family', min: 1, max: '1', base: { path: 'HumanName.family' } });
    // Elements the differential does not touch stay as the base has them, unexpanded.
    expect(all).not.toContain('Patient.telecom.system');
    // HumanName's nine elements come in below Patient.name.
    expect(all.length).toBe(coreDefs.typeDefinition<StructureDefinition & ConformanceResource>('Patient')!.snapshot!.element.length + 9);
  });

  it('leaves its input unchanged and returns a new StructureDefinition', () => {
    const sd = deepFreeze(profile('Patient', [{ id: 'Patient.gender', path: 'Patient.gender', min: 1 }]));
    const before = JSON.stringify(sd);
    const { structureDefinition } = generateSnapshot(sd, coreDefs);
    expect(JSON.stringify(sd)).toBe(before);
    expect(sd.snapshot).toBeUndefined();
    expect(elementsOf(structureDefinition).get('Patient.gender')?.min).toBe(1);
  });

  it('unfolds BackboneElement children and content references (Questionnaire.item.item)', () => {
    const sd = profile('Questionnaire', [
      { id: 'Questionnaire.item.linkId', path: 'Questionnaire.item.linkId', maxLength: 20 },
      { id: 'Questionnaire.item.item.linkId', path: 'Questionnaire.item.item.linkId', maxLength: 10 },
    ]);
    const { structureDefinition, issues } = generateSnapshot(sd, coreDefs);
    expect(issues).toEqual([]);
    const byId = elementsOf(structureDefinition);
    expect(byId.get('Questionnaire.item.linkId')?.maxLength).toBe(20);
    // Unfolded, item.item trades its content reference for the referenced element's type (as SUSHI does).
    expect(byId.get('Questionnaire.item.item')?.contentReference).toBeUndefined();
    expect(byId.get('Questionnaire.item.item')?.type).toEqual([{ code: 'BackboneElement' }]);
    expect(byId.get('Questionnaire.item.item.item')?.contentReference).toBe('#Questionnaire.item');
    expect(byId.get('Questionnaire.item.item.linkId')).toMatchObject({ maxLength: 10, min: 1, base: { path: 'Questionnaire.item.linkId' } });
    expect(byId.has('Questionnaire.item.item.enableWhen.question')).toBe(true);
  });

  it('takes children from a type profile (SimpleQuantity forbids comparator)', () => {
    const sd = profile('Observation', [{ id: 'Observation.referenceRange.low.unit', path: 'Observation.referenceRange.low.unit', min: 1 }]);
    const { structureDefinition, issues } = generateSnapshot(sd, coreDefs);
    expect(issues).toEqual([]);
    const byId = elementsOf(structureDefinition);
    expect(byId.get('Observation.referenceRange.low.comparator')?.max).toBe('0');
    expect(byId.get('Observation.referenceRange.low.unit')?.min).toBe(1);
    expect(byId.get('Observation.referenceRange.high.comparator')).toBeUndefined();
  });
});

describe('generateSnapshot: choice types', () => {
  it('narrows value[x] to one type and then constrains inside it through the renamed path', () => {
    const sd = profile('Observation', [
      { id: 'Observation.value[x]', path: 'Observation.value[x]', type: [{ code: 'Quantity' }] },
      { id: 'Observation.valueQuantity.system', path: 'Observation.valueQuantity.system', fixedUri: 'http://unitsofmeasure.org' },
    ]);
    const { structureDefinition, issues } = generateSnapshot(sd, coreDefs);
    expect(issues).toEqual([]);
    const byId = elementsOf(structureDefinition);
    expect(byId.get('Observation.value[x]')?.type).toEqual([{ code: 'Quantity' }]);
    expect(byId.get('Observation.value[x].system')).toMatchObject({ path: 'Observation.value[x].system', fixedUri: 'http://unitsofmeasure.org' });
  });

  it('turns a renamed path on an open choice into a type slice and closes the choice to it', () => {
    const sd = profile('Observation', [{ id: 'Observation.valueString', path: 'Observation.valueString', maxLength: 50 }]);
    const { structureDefinition, issues } = generateSnapshot(sd, coreDefs);
    expect(issues).toEqual([]);
    const byId = elementsOf(structureDefinition);
    expect(byId.get('Observation.value[x]')?.slicing).toEqual({ discriminator: [{ type: 'type', path: '$this' }], ordered: false, rules: 'closed' });
    expect(byId.get('Observation.value[x]')?.type).toEqual([{ code: 'string' }]);
    expect(byId.get('Observation.value[x]:valueString')).toMatchObject({ sliceName: 'valueString', maxLength: 50, type: [{ code: 'string' }] });
  });

  it('treats a type slice named on a choice without slicing (value[x]:valueQuantity) as the implicit type slicing', () => {
    const sd = profile('Observation', [
      { id: 'Observation.value[x]:valueQuantity', path: 'Observation.value[x]', sliceName: 'valueQuantity', min: 1 },
      { id: 'Observation.value[x]:valueQuantity.code', path: 'Observation.value[x].code', min: 1 },
    ]);
    const { structureDefinition, issues } = generateSnapshot(sd, coreDefs);
    expect(issues).toEqual([]);
    const byId = elementsOf(structureDefinition);
    expect(byId.get('Observation.value[x]')).toMatchObject({ slicing: { discriminator: [{ type: 'type', path: '$this' }] }, type: [{ code: 'Quantity' }] });
    expect(byId.get('Observation.value[x]:valueQuantity')).toMatchObject({ min: 1, type: [{ code: 'Quantity' }] });
    expect(byId.get('Observation.value[x]:valueQuantity.code')?.min).toBe(1);
  });

  it('reports constraining inside a choice that still has several types', () => {
    const sd = profile('Observation', [{ id: 'Observation.value[x].value', path: 'Observation.value[x].value', min: 1 }]);
    const { issues } = generateSnapshot(sd, coreDefs);
    expect(issues.map((i) => i.ruleId)).toContain('snapshot-choice-not-narrowed');
  });
});

describe('generateSnapshot: slicing', () => {
  const slicedIdentifier = (): StructureDefinition =>
    profile('Patient', [
      { id: 'Patient.identifier', path: 'Patient.identifier', slicing: { discriminator: [{ type: 'value', path: 'system' }], rules: 'open' }, min: 1 },
      { id: 'Patient.identifier.use', path: 'Patient.identifier.use', mustSupport: true },
      { id: 'Patient.identifier:nhs', path: 'Patient.identifier', sliceName: 'nhs', max: '1' },
      { id: 'Patient.identifier:nhs.system', path: 'Patient.identifier.system', min: 1, fixedUri: 'https://fhir.nhs.uk/Id/nhs-number' },
      { id: 'Patient.identifier:local', path: 'Patient.identifier', sliceName: 'local' },
      { id: 'Patient.identifier:local.system', path: 'Patient.identifier.system', slicing: undefined, patternUri: 'https://example.org/ids' },
    ]);

  it('puts slices after the sliced element and its children; each slice carries the constraints on the slicing entry\'s children', () => {
    const { structureDefinition, issues } = generateSnapshot(slicedIdentifier(), coreDefs);
    expect(issues).toEqual([]);
    const all = ids(structureDefinition);
    const byId = elementsOf(structureDefinition);
    const start = all.indexOf('Patient.identifier');
    expect(all.slice(start, start + 10)).toEqual([
      'Patient.identifier', 'Patient.identifier.id', 'Patient.identifier.extension', 'Patient.identifier.use', 'Patient.identifier.type',
      'Patient.identifier.system', 'Patient.identifier.value', 'Patient.identifier.period', 'Patient.identifier.assigner', 'Patient.identifier:nhs',
    ]);
    expect(all[all.indexOf('Patient.identifier:local.assigner') + 1]).toBe('Patient.active');
    expect(byId.get('Patient.identifier')).toMatchObject({ min: 1, slicing: { discriminator: [{ type: 'value', path: 'system' }], rules: 'open' } });
    // The slice keeps the base cardinality and no slicing of its own, and inherits what the profile said inside the entry.
    expect(byId.get('Patient.identifier:nhs')).toMatchObject({ sliceName: 'nhs', min: 0, max: '1', path: 'Patient.identifier' });
    expect(byId.get('Patient.identifier:local')).toMatchObject({ sliceName: 'local', min: 0, max: '*' });
    expect(byId.get('Patient.identifier:nhs')?.slicing).toBeUndefined();
    expect(byId.get('Patient.identifier:nhs.use')?.mustSupport).toBe(true);
    expect(byId.get('Patient.identifier:local.use')?.mustSupport).toBe(true);
    expect(byId.get('Patient.identifier:nhs.system')).toMatchObject({ path: 'Patient.identifier.system', min: 1, fixedUri: 'https://fhir.nhs.uk/Id/nhs-number' });
    expect(byId.get('Patient.identifier:local.system')?.patternUri).toBe('https://example.org/ids');
  });

  it('re-slices a slice (slice/reslice) and refines a slice of the base profile', () => {
    const base = generateSnapshot(slicedIdentifier(), coreDefs).structureDefinition;
    const derived = profile('Patient', [
      { id: 'Patient.identifier:nhs', path: 'Patient.identifier', sliceName: 'nhs', min: 1, slicing: { discriminator: [{ type: 'value', path: 'value' }], rules: 'open' } },
      { id: 'Patient.identifier:nhs/test', path: 'Patient.identifier', sliceName: 'nhs/test' },
      { id: 'Patient.identifier:nhs/test.value', path: 'Patient.identifier.value', patternString: '999' },
    ], { id: 'derived', url: 'https://example.org/StructureDefinition/derived', baseDefinition: base.url });
    const defs = withExtra(base);
    const { structureDefinition, issues } = generateSnapshot(derived, defs);
    expect(issues).toEqual([]);
    const all = ids(structureDefinition);
    const byId = elementsOf(structureDefinition);
    expect(byId.get('Patient.identifier:nhs')).toMatchObject({ min: 1, max: '1' });
    expect(byId.get('Patient.identifier:nhs.system')?.fixedUri).toBe('https://fhir.nhs.uk/Id/nhs-number');
    expect(byId.get('Patient.identifier:nhs/test')).toMatchObject({ sliceName: 'nhs/test', path: 'Patient.identifier' });
    expect(byId.get('Patient.identifier:nhs/test.value')?.patternString).toBe('999');
    expect(all.indexOf('Patient.identifier:nhs/test')).toBeGreaterThan(all.indexOf('Patient.identifier:nhs.assigner'));
    expect(all.indexOf('Patient.identifier:nhs/test')).toBeLessThan(all.indexOf('Patient.identifier:local'));
  });

  it('re-slices, inside a new slice, an extension slice defined on the slicing entry (as the pq-cmc test profile does)', () => {
    const actionType = profile('Extension', [
      { id: 'Extension.url', path: 'Extension.url', fixedUri: 'https://example.org/actionType' },
      { id: 'Extension.value[x]', path: 'Extension.value[x]', type: [{ code: 'code' }] },
    ], { id: 'actionType', url: 'https://example.org/actionType', kind: 'complex-type', baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Extension' });
    const sd = profile('PlanDefinition', [
      { id: 'PlanDefinition.action', path: 'PlanDefinition.action', slicing: { discriminator: [{ type: 'value', path: "extension('https://example.org/actionType').value" }], rules: 'open' } },
      { id: 'PlanDefinition.action.extension:actionType', path: 'PlanDefinition.action.extension', sliceName: 'actionType', type: [{ code: 'Extension', profile: [actionType.url!] }] },
      { id: 'PlanDefinition.action:single', path: 'PlanDefinition.action', sliceName: 'single', min: 1 },
      { id: 'PlanDefinition.action:single.extension:actionType/single', path: 'PlanDefinition.action.extension', sliceName: 'actionType/single', min: 1, max: '1', type: [{ code: 'Extension', profile: [actionType.url!] }] },
      { id: 'PlanDefinition.action:single.extension:actionType/single.valueCode', path: 'PlanDefinition.action.extension.valueCode', fixedCode: 'single' },
    ]);
    const { structureDefinition, issues } = generateSnapshot(sd, withExtra(actionType));
    expect(issues).toEqual([]);
    const all = ids(structureDefinition);
    const byId = elementsOf(structureDefinition);
    expect(byId.get('PlanDefinition.action:single.extension:actionType')?.type?.[0].profile).toEqual([actionType.url]);
    expect(byId.get('PlanDefinition.action:single.extension:actionType/single')).toMatchObject({ min: 1, max: '1' });
    expect(byId.get('PlanDefinition.action:single.extension:actionType/single.value[x]')?.fixedCode).toBe('single');
    expect(byId.get('PlanDefinition.action:single.extension:actionType/single.url')?.fixedUri).toBe('https://example.org/actionType');
    expect(all.indexOf('PlanDefinition.action:single.extension:actionType/single')).toBeGreaterThan(all.indexOf('PlanDefinition.action:single.extension:actionType'));
  });

  it('places differential elements without ids by path, inside the slice last entered at that path', () => {
    const sd = profile('Patient', [
      { path: 'Patient.identifier', slicing: { discriminator: [{ type: 'value', path: 'system' }], rules: 'open' } },
      { path: 'Patient.identifier', sliceName: 'nhs', max: '1' },
      { path: 'Patient.identifier.system', fixedUri: 'https://fhir.nhs.uk/Id/nhs-number' },
      { path: 'Patient.identifier', sliceName: 'local' },
      { path: 'Patient.identifier.value', min: 1 },
      { path: 'Patient.gender', min: 1 },
    ]);
    const { structureDefinition, issues } = generateSnapshot(sd, coreDefs);
    expect(issues).toEqual([]);
    const byId = elementsOf(structureDefinition);
    expect(byId.get('Patient.identifier:nhs.system')?.fixedUri).toBe('https://fhir.nhs.uk/Id/nhs-number');
    expect(byId.get('Patient.identifier:local.value')?.min).toBe(1);
    expect(byId.get('Patient.identifier:nhs.value')?.min).toBe(0);
    expect(byId.get('Patient.gender')?.min).toBe(1);
  });

  it('follows the path when an id names another element, with a warning (as the medstmt-ips test profile needs)', () => {
    const sd = profile('MedicationStatement', [
      { id: 'MedicationStatement.effective[x]:data-absent-reason', path: 'MedicationStatement.effective[x].extension', sliceName: 'data-absent-reason', type: [{ code: 'Extension', profile: ['http://hl7.org/fhir/StructureDefinition/data-absent-reason'] }] },
    ]);
    const { structureDefinition, issues } = generateSnapshot(sd, coreDefs);
    expect(issues.map((i) => `${i.severity} ${i.ruleId}`)).toEqual(['warning snapshot-id-path-mismatch']);
    expect(elementsOf(structureDefinition).get('MedicationStatement.effective[x].extension:data-absent-reason')?.type?.[0].profile).toEqual([
      'http://hl7.org/fhir/StructureDefinition/data-absent-reason',
    ]);
  });

  it('reports a differential path that matches nothing, a slice that does not exist, and a slice without slicing', () => {
    const sd = profile('Patient', [
      { id: 'Patient.nickname', path: 'Patient.nickname', min: 1 },
      { id: 'Patient.identifier:ghost.system', path: 'Patient.identifier.system', min: 1 },
      { id: 'Patient.name:official', path: 'Patient.name', sliceName: 'official' },
      { id: 'Patient.gender', path: 'Patient.gender', min: 1 },
    ]);
    const { structureDefinition, issues } = generateSnapshot(sd, coreDefs);
    expect(issues.map((i) => i.ruleId)).toEqual(['snapshot-path-not-found', 'snapshot-slice-not-found', 'snapshot-slicing-missing']);
    expect(issues.every((i) => i.severity === 'error' && i.definition === sd.url)).toBe(true);
    expect(issues[0].location).toBe('Patient.nickname');
    // One bad element does not stop the rest.
    expect(elementsOf(structureDefinition).get('Patient.gender')?.min).toBe(1);
  });
});

describe('generateSnapshot: extensions', () => {
  it('slices extension by url implicitly; an extension slice unfolds from its definition, url fixed, cardinality and definition from it', () => {
    const sd = profile('Patient', [
      { id: 'Patient.extension:birthPlace', path: 'Patient.extension', sliceName: 'birthPlace', type: [{ code: 'Extension', profile: ['http://hl7.org/fhir/StructureDefinition/patient-birthPlace'] }] },
      { id: 'Patient.extension:birthPlace.value[x].country', path: 'Patient.extension.value[x].country', min: 1 },
      { id: 'Patient.name.extension:own', path: 'Patient.name.extension', sliceName: 'own', min: 1, type: [{ code: 'Extension', profile: ['http://hl7.org/fhir/StructureDefinition/humanname-own-name'] }] },
    ]);
    const { structureDefinition, issues } = generateSnapshot(sd, coreDefs);
    expect(issues).toEqual([]);
    const byId = elementsOf(structureDefinition);
    const birthPlace = byId.get('Patient.extension:birthPlace');
    expect(birthPlace).toMatchObject({ sliceName: 'birthPlace', min: 0, max: '1', base: { path: 'DomainResource.extension' } });
    expect(birthPlace?.definition).toMatch(/place of birth/i);
    expect(byId.get('Patient.extension:birthPlace.url')?.fixedUri).toBe('http://hl7.org/fhir/StructureDefinition/patient-birthPlace');
    expect(byId.get('Patient.extension:birthPlace.value[x]')?.type).toEqual([{ code: 'Address' }]);
    expect(byId.get('Patient.extension:birthPlace.value[x].country')?.min).toBe(1);
    expect(byId.get('Patient.name.extension')?.slicing).toMatchObject({ discriminator: [{ type: 'value', path: 'url' }], rules: 'open' });
    expect(byId.get('Patient.name.extension:own')).toMatchObject({ min: 1, max: '1' });
  });
});

describe('generateSnapshot: extension slices of a base profile', () => {
  it('keeps the base slice\'s cardinality and text when a derived profile restates its type', () => {
    const base = profile('Patient', [
      { id: 'Patient.extension:birthPlace', path: 'Patient.extension', sliceName: 'birthPlace', min: 1, short: 'Where born', type: [{ code: 'Extension', profile: ['http://hl7.org/fhir/StructureDefinition/patient-birthPlace'] }] },
    ], { id: 'with-birthplace', url: 'https://example.org/with-birthplace' });
    const derived = profile('Patient', [
      { id: 'Patient.extension:birthPlace', path: 'Patient.extension', sliceName: 'birthPlace', mustSupport: true, type: [{ code: 'Extension', profile: ['http://hl7.org/fhir/StructureDefinition/patient-birthPlace'] }] },
    ], { id: 'derived-birthplace', url: 'https://example.org/derived-birthplace', baseDefinition: base.url });
    const { structureDefinition, issues } = generateSnapshot(derived, withExtra(base));
    expect(issues).toEqual([]);
    expect(elementsOf(structureDefinition).get('Patient.extension:birthPlace')).toMatchObject({ min: 1, max: '1', short: 'Where born', mustSupport: true });
  });
});

describe('generateSnapshot: merging element properties', () => {
  it('narrows types and target profiles, merges bindings, adds constraints, conditions, mappings and aliases to the base ones', () => {
    const sd = profile('Observation', [
      {
        id: 'Observation.subject', path: 'Observation.subject', min: 1,
        type: [{ code: 'Reference', targetProfile: ['http://hl7.org/fhir/StructureDefinition/Patient'] }],
        constraint: [{ key: 'test-1', severity: 'error', human: 'Must have a reference', expression: 'reference.exists()' }],
        condition: ['test-1'], alias: ['patient'], mapping: [{ identity: 'rim', map: 'test' }],
      },
      { id: 'Observation.status', path: 'Observation.status', short: 'final only', fixedCode: 'final', mustSupport: true },
      { id: 'Observation.code', path: 'Observation.code', binding: { strength: 'required', valueSet: 'https://example.org/ValueSet/codes' } },
      { id: 'Observation.interpretation', path: 'Observation.interpretation', binding: { strength: 'required' } },
    ]);
    const { structureDefinition, issues } = generateSnapshot(sd, coreDefs);
    expect(issues).toEqual([]);
    const byId = elementsOf(structureDefinition);
    const subject = byId.get('Observation.subject');
    expect(subject?.type).toEqual([{ code: 'Reference', targetProfile: ['http://hl7.org/fhir/StructureDefinition/Patient'] }]);
    expect(subject?.constraint?.map((c) => c.key)).toEqual(['ele-1', 'test-1']);
    expect(subject?.constraint?.[1].source).toBe(sd.url);
    expect(subject?.condition).toContain('test-1');
    expect(subject?.alias).toContain('patient');
    expect(subject?.mapping?.some((m) => m.map === 'test')).toBe(true);
    expect(subject?.mapping?.length).toBeGreaterThan(1);
    expect(subject?.base).toEqual({ path: 'Observation.subject', min: 0, max: '1' });
    expect(byId.get('Observation.status')).toMatchObject({ short: 'final only', fixedCode: 'final', mustSupport: true, isModifier: true });
    expect(byId.get('Observation.code')?.binding).toMatchObject({ strength: 'required', valueSet: 'https://example.org/ValueSet/codes' });
    expect(byId.get('Observation.code')?.binding?.description).toBeUndefined();
    expect(byId.get('Observation.interpretation')?.binding).toMatchObject({ strength: 'required', valueSet: 'http://hl7.org/fhir/ValueSet/observation-interpretation' });
  });

  it('reports loosening: a type the base does not allow, wider cardinality, a weaker required binding, a changed fixed value', () => {
    const base = profile('Patient', [{ id: 'Patient.gender', path: 'Patient.gender', fixedCode: 'female' }], { id: 'fixed-gender', url: 'https://example.org/fixed-gender' });
    const defs = withExtra(base);
    const sd = profile('Patient', [
      { id: 'Patient.gender', path: 'Patient.gender', max: '*', type: [{ code: 'string' }], binding: { strength: 'example' }, fixedCode: 'male' },
      { id: 'Patient.active', path: 'Patient.active', type: [{ code: 'boolean' }] },
      { id: 'Patient.deceased[x]', path: 'Patient.deceased[x]', type: [{ code: 'date' }] },
      { id: 'Patient.id', path: 'Patient.id', type: [{ code: 'boolean' }] },
      { id: 'Patient.meta.versionId', path: 'Patient.meta.versionId', type: [{ code: 'id' }] },
    ], { baseDefinition: base.url });
    const { issues } = generateSnapshot(sd, defs);
    expect(issues.map((i) => i.ruleId).sort()).toEqual(
      ['snapshot-binding-weakened', 'snapshot-fixed-value-changed', 'snapshot-max-widened', 'snapshot-type-not-allowed', 'snapshot-type-not-allowed', 'snapshot-type-not-allowed'].sort(),
    );
    // A system type (Resource.id is System.String) admits the primitives that carry it, and no others.
    expect(issues.find((i) => i.location === 'Patient.id')?.ruleId).toBe('snapshot-type-not-allowed');
    expect(issues.find((i) => i.ruleId === 'snapshot-type-not-allowed' && i.location === 'Patient.deceased[x]')).toBeDefined();
  });

  it('checks narrowed reference targets: a profile of an allowed target passes, another resource is reported', () => {
    const myPractitioner = profile('Practitioner', [], { id: 'my-practitioner', url: 'https://example.org/my-practitioner' });
    const sd = profile('Patient', [
      { id: 'Patient.generalPractitioner', path: 'Patient.generalPractitioner', type: [{ code: 'Reference', targetProfile: [myPractitioner.url!, 'http://hl7.org/fhir/StructureDefinition/Device'] }] },
    ]);
    const { issues } = generateSnapshot(sd, withExtra(myPractitioner));
    expect(issues.map((i) => i.ruleId)).toEqual(['snapshot-target-not-allowed']);
    expect(issues[0].message).toContain('StructureDefinition/Device');
  });

  it('allows a specialised type where the base names its parent (Age for Quantity, a resource for Resource)', () => {
    const sd = profile('Observation', [
      { id: 'Observation.value[x]', path: 'Observation.value[x]', type: [{ code: 'Quantity', profile: ['http://hl7.org/fhir/StructureDefinition/SimpleQuantity'] }] },
      { id: 'Observation.referenceRange.age.low', path: 'Observation.referenceRange.age.low', type: [{ code: 'Quantity' }] },
    ]);
    expect(generateSnapshot(sd, coreDefs).issues).toEqual([]);
    const bundle = profile('Bundle', [{ id: 'Bundle.entry.resource', path: 'Bundle.entry.resource', type: [{ code: 'Patient' }] }]);
    expect(generateSnapshot(bundle, coreDefs).issues).toEqual([]);
  });
});

describe('generateSnapshot: bases without snapshots', () => {
  it('generates the base first when it has no snapshot, through any depth', () => {
    const a = profile('Patient', [{ id: 'Patient.birthDate', path: 'Patient.birthDate', min: 1 }], { id: 'a', url: 'https://example.org/a' });
    const b = profile('Patient', [{ id: 'Patient.gender', path: 'Patient.gender', min: 1 }], { id: 'b', url: 'https://example.org/b', baseDefinition: a.url });
    const c = profile('Patient', [{ id: 'Patient.active', path: 'Patient.active', min: 1 }], { id: 'c', url: 'https://example.org/c', baseDefinition: b.url });
    const defs = withExtra(a, b, c);
    const cache = createSnapshotCache();
    const { structureDefinition, issues } = generateSnapshot(c, defs, { cache });
    expect(issues).toEqual([]);
    const byId = elementsOf(structureDefinition);
    expect([byId.get('Patient.birthDate')?.min, byId.get('Patient.gender')?.min, byId.get('Patient.active')?.min]).toEqual([1, 1, 1]);
    // The caller's cache now holds the generated bases, and the bases themselves are unchanged.
    expect([...cache.generated.keys()].sort()).toEqual(['https://example.org/a|', 'https://example.org/b|']);
    expect(a.snapshot).toBeUndefined();
  });

  it('stops at a cycle of bases and at a missing base with an issue, never a throw', () => {
    const x = profile('Patient', [], { id: 'x', url: 'https://example.org/x', baseDefinition: 'https://example.org/y' });
    const y = profile('Patient', [], { id: 'y', url: 'https://example.org/y', baseDefinition: 'https://example.org/x' });
    const cyclic = generateSnapshot(x, withExtra(x, y));
    expect(cyclic.issues.map((i) => i.ruleId)).toContain('snapshot-cycle');
    expect(cyclic.structureDefinition.snapshot).toBeUndefined();
    const orphan = generateSnapshot(profile('Patient', [], { baseDefinition: 'https://example.org/nowhere' }), coreDefs);
    expect(orphan.issues.map((i) => i.ruleId)).toEqual(['snapshot-base-not-found']);
  });

  it('holds no state between definition sets: two versions of a base give two results', () => {
    const base1 = profile('Patient', [{ id: 'Patient.gender', path: 'Patient.gender', short: 'one' }], { id: 'v', url: 'https://example.org/v', version: '1' });
    const base2 = { ...base1, version: '2', differential: { element: [{ id: 'Patient.gender', path: 'Patient.gender', short: 'two' }] } };
    const derived = profile('Patient', [], { id: 'd', url: 'https://example.org/d', baseDefinition: 'https://example.org/v' });
    const one = generateSnapshot(derived, withExtra(base1)).structureDefinition;
    const two = generateSnapshot(derived, withExtra(base2)).structureDefinition;
    expect(elementsOf(one).get('Patient.gender')?.short).toBe('one');
    expect(elementsOf(two).get('Patient.gender')?.short).toBe('two');
  });
});

describe('generateSnapshot: malformed profiles', () => {
  it('reports malformed content as issues and never throws', () => {
    const cases: Array<[string, unknown, string]> = [
      ['element list is not a list', { differential: { element: 'x' } }, 'snapshot-invalid-element'],
      ['element without a path', { differential: { element: [{ id: 'Patient.gender' }] } }, 'snapshot-invalid-element'],
      ['element that is not an object', { differential: { element: [null, 5] } }, 'snapshot-invalid-element'],
      ['constraint that is not a list', { differential: { element: [{ id: 'Patient.gender', path: 'Patient.gender', constraint: 'x' }] } }, 'snapshot-invalid-element'],
      ['type that is not a list', { differential: { element: [{ id: 'Patient.gender', path: 'Patient.gender', type: 'code' }] } }, 'snapshot-invalid-element'],
      ['baseDefinition that is not a string', { baseDefinition: 42 }, 'snapshot-base-not-found'],
    ];
    for (const [label, patch, ruleId] of cases) {
      const sd = { ...profile('Patient', []), ...(patch as object) } as StructureDefinition;
      const { issues } = generateSnapshot(sd, coreDefs);
      expect(issues.map((i) => i.ruleId), label).toContain(ruleId);
      expect(issues.map((i) => i.ruleId), label).not.toContain('snapshot-malformed-profile');
    }
  });

  it('survives random damage to real profiles (seeded), reporting instead of failing', () => {
    const profiles = coreDefs.all('StructureDefinition').filter((r) => r.derivation === 'constraint') as unknown as StructureDefinition[];
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const damage: Array<(e: Record<string, unknown>) => void> = [
      (e) => { e.id = String(e.id).replace(/\./g, ':'); },
      (e) => { e.path = `${String(e.path)}.nothing`; },
      (e) => { e.id = `${String(e.id)}:x/y/z`; },
      (e) => { e.type = [{ code: 'Nonsense', profile: ['https://example.org/nothing'] }]; },
      (e) => { e.max = 'many'; e.min = -3; },
      (e) => { e.slicing = { discriminator: 'bad' }; },
      (e) => { e.sliceName = 'a/b'; },
      (e) => { e.contentReference = '#Nothing.here'; },
      (e) => { e.constraint = 'not a list'; },
    ];
    let issuesReported = 0;
    for (let run = 0; run < 300; run++) {
      const sd = structuredClone(pick(profiles));
      delete sd.snapshot;
      for (let k = 0; k < 3; k++) pick(damage)(pick(sd.differential!.element) as unknown as Record<string, unknown>);
      const { issues } = generateSnapshot(sd, coreDefs);
      expect(issues.map((i) => i.ruleId)).not.toContain('snapshot-malformed-profile');
      issuesReported += issues.length;
    }
    expect(issuesReported).toBeGreaterThan(300);
  });
});

describe('generateSnapshot: new types (specialization)', () => {
  it('builds a logical model on Element: inherited id and extension, new elements with their own base, backbone children seeded', () => {
    const model: StructureDefinition = {
      resourceType: 'StructureDefinition',
      id: 'referral-model',
      url: 'https://example.org/StructureDefinition/ReferralModel',
      name: 'ReferralModel',
      status: 'draft',
      kind: 'logical',
      abstract: false,
      type: 'https://example.org/StructureDefinition/ReferralModel',
      baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Element',
      derivation: 'specialization',
      differential: {
        element: [
          { id: 'ReferralModel', path: 'ReferralModel', short: 'A referral' },
          { id: 'ReferralModel.priority', path: 'ReferralModel.priority', min: 1, max: '1', type: [{ code: 'code' }] },
          { id: 'ReferralModel.step', path: 'ReferralModel.step', min: 0, max: '*', type: [{ code: 'BackboneElement' }] },
          { id: 'ReferralModel.step.when[x]', path: 'ReferralModel.step.when[x]', min: 0, max: '1', type: [{ code: 'dateTime' }, { code: 'Period' }] },
        ],
      },
    };
    const { structureDefinition, issues } = generateSnapshot(model, coreDefs);
    expect(issues).toEqual([]);
    expect(ids(structureDefinition)).toEqual([
      'ReferralModel', 'ReferralModel.id', 'ReferralModel.extension', 'ReferralModel.priority', 'ReferralModel.step',
      'ReferralModel.step.id', 'ReferralModel.step.extension', 'ReferralModel.step.modifierExtension', 'ReferralModel.step.when[x]',
    ]);
    const byId = elementsOf(structureDefinition);
    expect(byId.get('ReferralModel')).toMatchObject({ short: 'A referral', base: { path: 'ReferralModel' } });
    expect(byId.get('ReferralModel.id')?.base?.path).toBe('Element.id');
    expect(byId.get('ReferralModel.priority')).toMatchObject({ min: 1, base: { path: 'ReferralModel.priority', min: 1, max: '1' }, isModifier: false });
    expect(byId.get('ReferralModel.priority')?.constraint?.map((c) => c.key)).toEqual(['ele-1']);
    expect(byId.get('ReferralModel.step.modifierExtension')?.base?.path).toBe('BackboneElement.modifierExtension');
  });
});

describe('generateSnapshot: a missing base with a stand-in (UK Core absent)', () => {
  const ukCoreBased = () =>
    profile('Patient', [{ id: 'Patient.gender', path: 'Patient.gender', min: 1 }], { baseDefinition: 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient' });

  it('without substituteBase the missing base is an error and no snapshot is made', () => {
    const result = generateSnapshot(ukCoreBased(), coreDefs);
    expect(result.issues.map((i) => i.ruleId)).toEqual(['snapshot-base-not-found']);
    expect(result.structureDefinition.snapshot).toBeUndefined();
  });

  it('with the R4 stand-in the profile is built over the R4 base of its type, and says so', () => {
    const result = generateSnapshot(ukCoreBased(), coreDefs, { substituteBase: r4BaseForMissingUkCore(coreDefs) });
    expect(result.issues.map((i) => [i.severity, i.ruleId])).toEqual([['information', 'snapshot-base-substituted']]);
    const elements = elementsOf(result.structureDefinition);
    expect(elements.get('Patient.gender')?.min).toBe(1);
    expect(elements.get('Patient.birthDate')?.max).toBe('1');
  });

  it('the R4 stand-in answers only for UK Core canonicals', () => {
    const other = profile('Patient', [], { baseDefinition: 'https://example.org/StructureDefinition/missing' });
    expect(generateSnapshot(other, coreDefs, { substituteBase: r4BaseForMissingUkCore(coreDefs) }).issues.map((i) => i.ruleId)).toEqual(['snapshot-base-not-found']);
  });
});
