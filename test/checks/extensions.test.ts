import { beforeAll, describe, it } from 'vitest';
import type { Validator } from '../../src/api/index.js';
import { coreValidator, expectIssue, expectNoIssue, issuesOf } from './helpers.js';

const BIRTH_PLACE = 'http://hl7.org/fhir/StructureDefinition/patient-birthPlace';

describe('extensions check', () => {
  let v: Validator;
  beforeAll(async () => {
    v = await coreValidator();
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

  it('reports an extension used outside its context', () => {
    expectIssue(issuesOf(v, { resourceType: 'Observation', status: 'final', code: { text: 'x' }, extension: [{ url: BIRTH_PLACE, valueAddress: { city: 'Leeds' } }] }), 'extension-context', 'Observation.extension[0]', 'error');
  });

  it('warns on an unknown extension, errors on an unknown modifier extension', () => {
    expectIssue(issuesOf(v, { resourceType: 'Patient', extension: [{ url: 'http://example.org/unknown', valueString: 'x' }] }), 'extension-unknown', 'Patient.extension[0]', 'warning');
    expectIssue(issuesOf(v, { resourceType: 'Patient', modifierExtension: [{ url: 'http://example.org/unknown', valueString: 'x' }] }), 'extension-unknown-modifier', 'Patient.modifierExtension[0]', 'error');
  });

  it('reports ext-1 (value and nested extensions together)', () => {
    expectIssue(issuesOf(v, { resourceType: 'Patient', extension: [{ url: 'http://example.org/x', valueString: 'a', extension: [{ url: 'y', valueString: 'b' }] }] }), 'ext-1', 'Patient.extension[0]');
  });
});
