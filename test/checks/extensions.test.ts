import { beforeAll, describe, it } from 'vitest';
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

describe('extensions check', () => {
  let v: Validator;
  beforeAll(async () => {
    v = await coreValidator([localExtension]);
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
