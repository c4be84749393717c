import { beforeAll, describe, expect, it } from 'vitest';
import type { FhirTypeModel } from '../../src/formats/type-model.js';
import { loadCoreTypeModel } from './model.js';

let model: FhirTypeModel;
beforeAll(() => {
  model = loadCoreTypeModel();
});

describe('FHIR type model from the R4 core definitions', () => {
  it('follows paths across complex types and tells array-ness from the base cardinality', () => {
    expect(model.element('Patient', 'name')).toMatchObject({ name: 'name', types: ['HumanName'], isArray: true });
    expect(model.element('Patient', 'name.given')).toMatchObject({ name: 'given', types: ['string'], isArray: true, definedIn: 'HumanName' });
    expect(model.element('HumanName', 'family')).toMatchObject({ types: ['string'], isArray: false });
    expect(model.element('Patient', 'gender')).toMatchObject({ types: ['code'], isArray: false });
    expect(model.element('Patient', 'nonsense')).toBeUndefined();
    expect(model.element('Nonsense', 'id')).toBeUndefined();
  });

  it('resolves backbone elements and contentReference', () => {
    expect(model.element('Patient', 'contact.name')).toMatchObject({ types: ['HumanName'], isArray: false, path: 'contact.name' });
    expect(model.element('Bundle', 'entry.resource')).toMatchObject({ types: ['Resource'], isArray: false });
    expect(model.element('Questionnaire', 'item.item')).toMatchObject({ isArray: true, contentReference: 'item' });
    expect(model.element('Questionnaire', 'item.item.item.linkId')).toMatchObject({ types: ['string'], isArray: false });
    expect(model.childScope('Questionnaire', 'item.item')).toEqual({ typeName: 'Questionnaire', path: 'item' });
    expect(model.childScope('Patient', 'name')).toEqual({ typeName: 'HumanName', path: '' });
  });

  it('resolves choice elements by their typed name', () => {
    expect(model.element('Observation', 'value[x]')?.types).toContain('Quantity');
    expect(model.element('Observation', 'valueQuantity')).toMatchObject({ name: 'valueQuantity', types: ['Quantity'], isChoice: true, choiceName: 'value[x]' });
    expect(model.element('Observation', 'valueDateTime')).toMatchObject({ types: ['dateTime'] });
    expect(model.element('Observation', 'valueQuantity.value')).toMatchObject({ types: ['decimal'] });
    expect(model.element('Observation', 'valueMoney')).toBeUndefined();
    expect(model.element('Extension', 'valueCodeableConcept')).toMatchObject({ types: ['CodeableConcept'] });
  });

  it('knows the XML representation of ids, extension urls and narrative', () => {
    expect(model.element('Extension', 'url')).toMatchObject({ representation: 'xmlAttr', types: ['uri'] });
    expect(model.element('HumanName', 'id')).toMatchObject({ representation: 'xmlAttr', types: ['string'] });
    expect(model.element('Patient', 'id')?.representation).toBeUndefined();
    expect(model.element('Patient', 'text.div')).toMatchObject({ representation: 'xhtml', types: ['xhtml'] });
  });

  it('classifies types and lists children in definition order', () => {
    expect(model.isPrimitive('decimal')).toBe(true);
    expect(model.isPrimitive('Quantity')).toBe(false);
    expect(model.isResource('Patient')).toBe(true);
    expect(model.isResource('HumanName')).toBe(false);
    expect(model.children('HumanName', '').map((e) => e.name)).toEqual(['id', 'extension', 'use', 'text', 'family', 'given', 'prefix', 'suffix', 'period']);
    expect(model.children('Patient', 'contact').map((e) => e.name).slice(0, 4)).toEqual(['id', 'extension', 'modifierExtension', 'relationship']);
  });
});
