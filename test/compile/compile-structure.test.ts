import { describe, expect, it } from 'vitest';
import { compileStructure, type RawStructureDefinition } from '../../src/compile/compile-structure.js';
import { createPlanCompiler } from '../../src/compile/plan-compiler.js';
import { createDefinitionSet } from '../../src/defs/definition-set.js';
import { r4Core } from '../checks/helpers.js';

describe('compileStructure', () => {
  const defs = createDefinitionSet([r4Core()]);
  const sd = (type: string) => defs.typeDefinition<RawStructureDefinition>(type)!;

  it('builds the element tree with cardinality, array-ness, types and constraints', () => {
    const plan = compileStructure(sd('ServiceRequest'));
    expect(plan.root.path).toBe('ServiceRequest');
    expect(plan.root.constraints.map((c) => c.key)).toContain('prr-1');
    const status = plan.root.children.get('status')!.element;
    expect(status).toMatchObject({ min: 1, max: 1, isArray: false, binding: { strength: 'required' } });
    const category = plan.root.children.get('category')!.element;
    expect(category).toMatchObject({ min: 0, max: Infinity, isArray: true });
    expect(plan.root.children.get('id')!.typeCode).toBe('id');
  });

  it('maps each typed property name of a choice to the choice element', () => {
    const plan = compileStructure(sd('ServiceRequest'));
    const period = plan.root.children.get('occurrencePeriod')!;
    const timing = plan.root.children.get('occurrenceTiming')!;
    expect(period.element).toBe(timing.element);
    expect(period.typeCode).toBe('Period');
    expect(plan.root.children.get('occurrenceDateTime')!.typeCode).toBe('dateTime');
    expect(plan.root.choiceNames).toContain('occurrence');
    expect(plan.root.children.has('occurrence[x]')).toBe(false);
  });

  it('resolves contentReference to the referenced element\'s children', () => {
    const plan = compileStructure(sd('Questionnaire'));
    const item = plan.root.children.get('item')!.element;
    const nested = item.children.get('item')!.element;
    expect(nested.children.get('linkId')).toBeDefined();
  });

  it('takes the primitive value regex from the type definition', () => {
    const plan = compileStructure(sd('date'));
    expect(plan.valueRegex?.test('2021-02-03')).toBe(true);
    expect(plan.valueRegex?.test('2021-13-03')).toBe(false);
  });

  it('puts slices under their sliced element', () => {
    const plan = compileStructure(defs.resolve<RawStructureDefinition>('http://hl7.org/fhir/StructureDefinition/vitalsigns')!);
    const category = plan.root.children.get('category')!.element;
    expect(category.slicing?.slices.map((s) => s.sliceName)).toEqual(['VSCat']);
    expect(category.slicing?.slices[0].slicedFrom).toBe(category);
    expect(category.slicing?.discriminators[0]).toMatchObject({ type: 'value' });
  });

  it('reports a profile whose snapshot is broken as a profile issue', () => {
    const broken: RawStructureDefinition = {
      resourceType: 'StructureDefinition', url: 'http://example.org/broken', type: 'Patient', kind: 'resource',
      snapshot: { element: [{ id: 'Patient', path: 'Patient' }, { id: 'Patient.missing.child', path: 'Patient.missing.child' }] },
    };
    const plan = compileStructure(broken);
    expect(plan.profileIssues.map((i) => i.ruleId)).toEqual(['profile-invalid']);
  });
});

describe('createPlanCompiler', () => {
  it('compiles once per canonical and per type, and reports unusable profiles', () => {
    const noSnapshot = { resourceType: 'StructureDefinition', url: 'http://example.org/no-snapshot', type: 'Patient', kind: 'resource', differential: { element: [] } };
    const defs = createDefinitionSet([r4Core(), { name: 't', version: '1.0.0', resources: [noSnapshot] }]);
    const compiler = createPlanCompiler({ defs });
    const a = compiler.typePlan('Patient');
    expect(compiler.typePlan('Patient')).toBe(a);
    expect(compiler.plan('http://hl7.org/fhir/StructureDefinition/Patient')).toBe(compiler.plan('http://hl7.org/fhir/StructureDefinition/Patient'));
    expect(compiler.plan('http://example.org/no-snapshot')).toBeUndefined();
    expect(compiler.profileIssues().map((i) => i.ruleId)).toContain('profile-invalid');
  });
});
