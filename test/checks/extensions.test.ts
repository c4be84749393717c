import { beforeAll, describe, expect, it } from 'vitest';
import type { Validator } from '../../src/api/index.js';
import { coreValidator, expectIssue, expectNoIssue, issuesOf } from './helpers.js';

const BIRTH_PLACE = 'http://hl7.org/fhir/StructureDefinition/patient-birthPlace';
const LOCAL = 'http://example.org/fhir/StructureDefinition/patient-nickname';
const localExtension = {
  resourceType: 'StructureDefinition', id: 'patient-nickname', url: LOCAL, version: '1.0.0', name: 'PatientNickname', status: 'active',
  kind: 'complex-type', abstract: false, type: 'Extension', baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Extension', derivation: 'constraint',
  context: [{ type: 'element', expression: 'Patient' }],
  differential: { element: [
    { id: 'Extension', path: 'Extension' },
    { id: 'Extension.url', path: 'Extension.url', fixedUri: LOCAL },
    { id: 'Extension.value[x]', path: 'Extension.value[x]', type: [{ code: 'string' }] },
  ] },
};

/** Usable on an inactive Patient only, and (through %extension) with a value other than 'forbidden' or 'banned'. */
const GUARDED = 'http://example.org/fhir/StructureDefinition/patient-guarded';
const guardedExtension = {
  ...localExtension, id: 'patient-guarded', url: GUARDED, name: 'PatientGuarded',
  contextInvariant: ['Patient.active.not()', "%extension.valueString != 'forbidden'", "%extension.value.exists() and %extension.value != 'banned'"],
  differential: { element: [
    { id: 'Extension', path: 'Extension' },
    { id: 'Extension.url', path: 'Extension.url', fixedUri: GUARDED },
    { id: 'Extension.value[x]', path: 'Extension.value[x]', type: [{ code: 'string' }] },
  ] },
};

describe('extensions check', () => {
  let v: Validator;
  beforeAll(async () => {
    v = await coreValidator([localExtension, guardedExtension]);
  });

  it('reports a context invariant that does not hold on the element holding the extension (at the extension, as extension-context is)', () => {
    const patient = (active: boolean, value: string) => ({ resourceType: 'Patient', active, extension: [{ url: GUARDED, valueString: value }] });
    expectNoIssue(issuesOf(v, patient(false, 'fine')), 'extension-context-invariant');
    expectNoIssue(issuesOf(v, patient(false, 'fine')), 'extension-context-invariant-error');
    const onActive = issuesOf(v, patient(true, 'fine')).filter((i) => i.ruleId === 'extension-context-invariant');
    expect(onActive.map((i) => [i.location, i.severity, i.message])).toEqual([
      ['Patient.extension[0]', 'error', `The extension ${GUARDED} is not allowed to be used at this point (based on context invariant 'Patient.active.not()')`],
    ]);
    // %extension is the extension itself, typed Extension (`value` finds valueString).
    const failed = (value: string) => issuesOf(v, patient(false, value)).filter((i) => i.ruleId === 'extension-context-invariant').map((i) => i.message);
    expect(failed('forbidden')).toEqual([`The extension ${GUARDED} is not allowed to be used at this point (based on context invariant '%extension.valueString != 'forbidden'')`]);
    expect(failed('banned')).toEqual([`The extension ${GUARDED} is not allowed to be used at this point (based on context invariant '%extension.value.exists() and %extension.value != 'banned'')`]);
  });

  it('evaluates a core extension\'s context invariant on the backbone element holding it (questionnaire-unit on Questionnaire.item)', () => {
    const unit = 'http://hl7.org/fhir/StructureDefinition/questionnaire-unit';
    const questionnaire = (type: string) => ({
      resourceType: 'Questionnaire', status: 'active',
      item: [{ linkId: 'a', text: 'A', type: 'group', item: [{ linkId: 'a1', text: 'Weight', type, extension: [{ url: unit, valueCoding: { system: 'http://unitsofmeasure.org', code: 'kg' } }] }] }],
    });
    expectNoIssue(issuesOf(v, questionnaire('decimal')), 'extension-context-invariant');
    expectIssue(issuesOf(v, questionnaire('string')), 'extension-context-invariant', 'Questionnaire.item[0].item[0].extension[0]', 'error');
  });

  it('accepts a known extension in its context with the right value type', () => {
    const issues = issuesOf(v, { resourceType: 'Patient', extension: [{ url: BIRTH_PLACE, valueAddress: { city: 'Leeds' } }] });
    expectNoIssue(issues, 'extension-context');
    expectNoIssue(issues, 'extension-unknown');
    expectNoIssue(issues, 'choice-type-not-allowed');
  });

  it('walks the value against the extension definition (value type not allowed)', () => {
    expectIssue(issuesOf(v, { resourceType: 'Patient', extension: [{ url: BIRTH_PLACE, valueString: 'Leeds' }] }), 'choice-type-not-allowed', 'Patient.extension[0]');
  });

  it('reports an extension used outside its context (an error; a warning for HL7 core extensions, as the Java validator tolerates)', () => {
    expectNoIssue(issuesOf(v, { resourceType: 'Patient', extension: [{ url: LOCAL, valueString: 'Addy' }] }), 'extension-context');
    expectIssue(issuesOf(v, { resourceType: 'Observation', status: 'final', code: { text: 'x' }, extension: [{ url: LOCAL, valueString: 'Addy' }] }), 'extension-context', 'Observation.extension[0]', 'error');
    expectIssue(issuesOf(v, { resourceType: 'Observation', status: 'final', code: { text: 'x' }, extension: [{ url: BIRTH_PLACE, valueAddress: { city: 'Leeds' } }] }), 'extension-context', 'Observation.extension[0]', 'warning');
  });

  it('reports a versioned extension url, and still checks the extension against its definition', () => {
    const issues = issuesOf(v, { resourceType: 'Patient', extension: [{ url: `${BIRTH_PLACE}|4.0.0`, valueString: 'Leeds' }] });
    expectIssue(issues, 'extension-url-versioned', 'Patient.extension[0]', 'error');
    expectNoIssue(issues, 'extension-unknown');
    // Walked against patient-birthPlace: its url is fixed (unversioned) and its value is an Address.
    expectIssue(issues, 'fixed-value', 'Patient.extension[0].url');
    expectIssue(issues, 'choice-type-not-allowed', 'Patient.extension[0]');
  });

  it('reports an extension without url on its own besides the cardinality of Extension.url', () => {
    const issues = issuesOf(v, { resourceType: 'Patient', extension: [{ valueString: 'x' }] });
    expectIssue(issues, 'extension-url-missing', 'Patient.extension[0]', 'error');
    expectIssue(issues, 'cardinality-min', 'Patient.extension[0]');
  });

  it('warns on an unknown extension, errors on an unknown modifier extension', () => {
    expectIssue(issuesOf(v, { resourceType: 'Patient', extension: [{ url: 'http://example.org/unknown', valueString: 'x' }] }), 'extension-unknown', 'Patient.extension[0]', 'warning');
    expectIssue(issuesOf(v, { resourceType: 'Patient', modifierExtension: [{ url: 'http://example.org/unknown', valueString: 'x' }] }), 'extension-unknown-modifier', 'Patient.modifierExtension[0]', 'error');
  });

  it('reports a sub-extension that the complex extension does not define', () => {
    const nationality = 'http://hl7.org/fhir/StructureDefinition/patient-nationality';
    const ext = (url: string) => ({ resourceType: 'Patient', extension: [{ url: nationality, extension: [{ url, valueCodeableConcept: { text: 'x' } }] }] });
    expectNoIssue(issuesOf(v, ext('code')), 'extension-sub-unknown');
    expectIssue(issuesOf(v, ext('codex')), 'extension-sub-unknown', 'Patient.extension[0].extension[0]');
  });

  it('reports ext-1 (value and nested extensions together)', () => {
    expectIssue(issuesOf(v, { resourceType: 'Patient', extension: [{ url: 'http://example.org/x', valueString: 'a', extension: [{ url: 'y', valueString: 'b' }] }] }), 'ext-1', 'Patient.extension[0]');
  });
});
