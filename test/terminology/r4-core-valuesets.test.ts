import { beforeAll, describe, expect, it } from 'vitest';
import { createDefinitionSet } from '../../src/defs/definition-set.js';
import { loadR4CorePackage } from '../../src/defs/r4-core.js';
import type { DefinitionSet } from '../../src/defs/types.js';
import { createTerminology, type Terminology } from '../../src/terminology/index.js';

const VS = 'http://hl7.org/fhir/ValueSet/';
const GENDER = 'http://hl7.org/fhir/administrative-gender';

describe('terminology over R4 core value sets', () => {
  let defs: DefinitionSet;
  let terminology: Terminology;
  beforeAll(() => {
    defs = createDefinitionSet([loadR4CorePackage()]);
    terminology = createTerminology(defs);
  });

  it('administrative-gender: accepts its codes, rejects others, with and without a system', () => {
    expect(terminology.validateCode({ system: GENDER, code: 'male' }, `${VS}administrative-gender`)).toEqual({ result: 'valid', display: 'Male' });
    expect(terminology.validateCode({ code: 'unknown' }, `${VS}administrative-gender`).result).toBe('valid');
    const wrong = terminology.validateCode({ system: GENDER, code: 'M' }, `${VS}administrative-gender`);
    expect(wrong.result).toBe('invalid');
    expect(wrong.result === 'invalid' && wrong.message).toContain('not in value set');
    expect(terminology.validateCode({ code: 'M' }, `${VS}administrative-gender`).result).toBe('invalid');
  });

  it('is case-sensitive where the code system is, and says what was meant', () => {
    const result = terminology.validateCode({ system: GENDER, code: 'Male' }, `${VS}administrative-gender`);
    expect(result.result).toBe('invalid');
    expect(result.result === 'invalid' && result.message).toContain("did you mean 'male'");
  });

  it('reports a display mismatch separately from code validity', () => {
    const ok = terminology.validateCode({ system: GENDER, code: 'female', display: ' FEMALE ' }, `${VS}administrative-gender`);
    expect(ok).toEqual({ result: 'valid', display: 'Female' });
    const mismatch = terminology.validateCode({ system: GENDER, code: 'female', display: 'Woman' }, `${VS}administrative-gender`);
    expect(mismatch.result).toBe('valid');
    expect(mismatch.result === 'valid' && mismatch.displayMismatch).toEqual({ supplied: 'Woman', expected: ['Female'] });
  });

  it('observation-status and request-intent (required bindings on code elements)', () => {
    expect(terminology.validateCode({ code: 'final' }, `${VS}observation-status`).result).toBe('valid');
    expect(terminology.validateCode({ code: 'finished' }, `${VS}observation-status`).result).toBe('invalid');
    expect(terminology.validateCode({ code: 'original-order' }, `${VS}request-intent`).result).toBe('valid');
    expect(terminology.validateCode({ code: 'orders' }, `${VS}request-intent`).result).toBe('invalid');
  });

  it('request-intent: hierarchical codes nested under "order" are members', () => {
    const codes = terminology.expand(`${VS}request-intent`)!.contains.map((c) => c.code);
    expect(codes).toEqual(expect.arrayContaining(['proposal', 'plan', 'order', 'original-order', 'reflex-order', 'filler-order', 'instance-order']));
  });

  it('v3 is-a filter with exclude: ActInvoiceGroupCode holds descendants but not the abstract root', () => {
    const url = 'http://terminology.hl7.org/ValueSet/v3-ActInvoiceGroupCode';
    const expansion = terminology.expand(url)!;
    expect(expansion.complete).toBe(true);
    const codes = new Set(expansion.contains.map((c) => c.code));
    expect(codes.has('_ActInvoiceGroupCode')).toBe(false);
    expect(codes.has('_ActInvoiceRootGroupCode')).toBe(true);
    expect(codes.has('RXDINV')).toBe(true);
    const ActCode = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
    expect(terminology.validateCode({ system: ActCode, code: 'RXDINV' }, url).result).toBe('valid');
    expect(terminology.validateCode({ system: ActCode, code: '_ActInvoiceGroupCode' }, url).result).toBe('invalid');
    // EMER is an ActCode but not an invoice group code.
    expect(terminology.validateCode({ system: ActCode, code: 'EMER' }, url).result).toBe('invalid');
    expect(terminology.validateCodeInSystem({ system: ActCode, code: 'EMER' }).result).toBe('valid');
  });

  it('valueSet imports: yesnodontknow = yesno ∪ asked-unknown', () => {
    const url = `${VS}yesnodontknow`;
    expect(terminology.validateCode({ system: 'http://terminology.hl7.org/CodeSystem/v2-0136', code: 'Y' }, url).result).toBe('valid');
    expect(terminology.validateCode({ system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'asked-unknown' }, url).result).toBe('valid');
    expect(terminology.validateCode({ system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'masked' }, url).result).toBe('invalid');
  });

  it('SNOMED CT (not held locally) is not-checked, never invalid', () => {
    const result = terminology.validateCode({ system: 'http://snomed.info/sct', code: '22298006' }, `${VS}condition-code`);
    expect(result.result).toBe('not-checked');
    expect(result.result === 'not-checked' && result.message).toContain('http://snomed.info/sct');
    expect(terminology.validateCodeInSystem({ system: 'http://snomed.info/sct', code: '22298006' }).result).toBe('not-checked');
    expect(terminology.validateCodeInSystem({ system: 'http://loinc.org', code: '1234-5' }).result).toBe('not-checked');
    expect(terminology.expand(`${VS}condition-code`)!.complete).toBe(false);
  });

  it('a code from a system the value set does not include is invalid even if that system is SNOMED', () => {
    expect(terminology.validateCode({ system: 'http://snomed.info/sct', code: '248153007' }, `${VS}administrative-gender`).result).toBe('invalid');
  });

  it('unknown value sets are reported as such', () => {
    expect(terminology.validateCode({ code: 'x' }, `${VS}no-such-value-set`).result).toBe('unknown-valueset');
    expect(terminology.expand(`${VS}no-such-value-set`)).toBeUndefined();
  });

  it('versioned canonicals resolve', () => {
    expect(terminology.validateCode({ code: 'female' }, `${VS}administrative-gender|4.0.1`).result).toBe('valid');
    expect(terminology.validateCode({ code: 'female' }, `${VS}administrative-gender|9.9`).result).toBe('unknown-valueset');
  });

  it('resource-types and mime types (whole system checked by syntax)', () => {
    expect(terminology.validateCode({ code: 'ServiceRequest' }, `${VS}resource-types`).result).toBe('valid');
    expect(terminology.validateCode({ code: 'ServiceRequests' }, `${VS}resource-types`).result).toBe('invalid');
    expect(terminology.validateCode({ system: 'urn:ietf:bcp:13', code: 'application/fhir+json' }, `${VS}mimetypes`).result).toBe('valid');
    expect(terminology.validateCode({ system: 'urn:ietf:bcp:13', code: 'fhir json' }, `${VS}mimetypes`).result).toBe('invalid');
    expect(terminology.expand(`${VS}mimetypes`)!.notChecked[0]).toContain('syntax');
  });

  it('codes without a system in value sets of a grammar-checked system (Attachment.contentType, Money.currency)', () => {
    expect(terminology.validateCode({ code: 'application/pdf' }, `${VS}mimetypes`).result).toBe('valid');
    expect(terminology.validateCode({ code: 'pdf' }, `${VS}mimetypes`).result).toBe('invalid');
    expect(terminology.validateCode({ code: 'GBP' }, `${VS}currencies`).result).toBe('valid');
    expect(terminology.validateCode({ code: 'pounds' }, `${VS}currencies`).result).toBe('invalid');
    expect(terminology.validateCode({ code: 'QQQ' }, `${VS}currencies`).result).toBe('not-checked');
  });

  it('UCUM units by grammar, in a value set and as a code system', () => {
    expect(terminology.validateCode({ system: 'http://unitsofmeasure.org', code: 'mg/dL' }, `${VS}ucum-units`).result).toBe('valid');
    expect(terminology.validateCode({ system: 'http://unitsofmeasure.org', code: 'milligram' }, `${VS}ucum-units`).result).toBe('invalid');
    expect(terminology.validateCodeInSystem({ system: 'http://unitsofmeasure.org', code: 'mm[Hg]' }).result).toBe('valid');
  });

  it('example code systems can confirm a code but not reject one', () => {
    const system = 'http://terminology.hl7.org/CodeSystem/service-category';
    expect(terminology.validateCodeInSystem({ system, code: '1' }).result).toBe('valid');
    expect(terminology.validateCodeInSystem({ system, code: 'no-such-code' }).result).toBe('not-checked');
  });

  it('flags deprecated/retired concepts on a valid answer', () => {
    // v3 ActCode marks retired codes with status=retired.
    const actCode = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
    const expansion = terminology.expand('http://terminology.hl7.org/ValueSet/v3-ActCode')!;
    const retired = expansion.contains.find((c) => c.inactive);
    expect(retired).toBeDefined();
    const result = terminology.validateCodeInSystem({ system: actCode, code: retired!.code });
    expect(result.result === 'valid' && result.inactive).toBe(true);
  });

  it('every R4 core value set expands without error; most completely', () => {
    let complete = 0;
    let partial = 0;
    for (const valueSet of defs.all('ValueSet')) {
      const expansion = terminology.expand(valueSet.url!);
      expect(expansion, valueSet.url).toBeDefined();
      if (expansion!.complete) complete++;
      else {
        partial++;
        expect(expansion!.notChecked.length, valueSet.url).toBeGreaterThan(0);
      }
    }
    console.info(`R4 core value sets: ${complete} expand completely, ${partial} partly (systems not held locally)`);
    expect(complete).toBeGreaterThan(1000);
  });

  it('caches expansions per instance: the second expand returns the same object', () => {
    const first = terminology.expand(`${VS}observation-status`);
    expect(terminology.expand(`${VS}observation-status`)).toBe(first);
  });
});
