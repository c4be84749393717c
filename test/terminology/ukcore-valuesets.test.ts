import { beforeAll, expect, it } from 'vitest';
import { loadDefinitions } from '../../src/defs/load.js';
import type { DefinitionSet } from '../../src/defs/types.js';
import { createTerminology, type Terminology } from '../../src/terminology/index.js';
import { describeWithShared, sharedDir } from '../support/shared.js';

const UK_VS = 'https://fhir.hl7.org.uk/ValueSet/';
const UK_CS = 'https://fhir.hl7.org.uk/CodeSystem/';

describeWithShared('terminology over UK Core STU1 (the version BaRS declares)', () => {
  let defs: DefinitionSet;
  let terminology: Terminology;
  beforeAll(() => {
    defs = loadDefinitions({ ukCore: 'stu1', generatedDir: false, sharedDir });
    terminology = createTerminology(defs);
  });

  it('NHS number verification status: a UK Core code system held in full', () => {
    const vs = `${UK_VS}UKCore-NHSNumberVerificationStatus`;
    const system = `${UK_CS}UKCore-NHSNumberVerificationStatus`;
    expect(terminology.validateCode({ system, code: 'number-present-and-verified', display: 'Number present and verified' }, vs)).toEqual({
      result: 'valid',
      display: 'Number present and verified',
    });
    expect(terminology.validateCode({ system, code: 'verified' }, vs).result).toBe('invalid');
  });

  it('SNOMED CT based UK Core value sets are not-checked, never invalid', () => {
    const result = terminology.validateCode({ system: 'http://snomed.info/sct', code: '999999999' }, `${UK_VS}UKCore-ConditionCode`);
    expect(result.result).toBe('not-checked');
  });

  it('PersonRelationshipType: v3 RoleCode by is-a filter, v2-0131, and no SNOMED CT', () => {
    const vs = `${UK_VS}UKCore-PersonRelationshipType`;
    expect(terminology.validateCode({ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'ONESELF' }, vs).result).toBe('valid');
    expect(terminology.validateCode({ system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'N' }, vs).result).toBe('valid');
    expect(terminology.validateCode({ system: 'http://snomed.info/sct', code: '999999999' }, vs).result).toBe('invalid');
  });

  it('code systems published without their codes (content not-present) are not-checked, and say why', () => {
    const result = terminology.validateCodeInSystem({ system: `${UK_CS}UKCore-MessageEvent`, code: 'anything' });
    expect(result.result).toBe('not-checked');
    expect(result.result === 'not-checked' && result.message).toContain('not-present');
  });

  it('every UK Core value set expands without error', () => {
    const ukValueSets = defs.all('ValueSet').filter((vs) => vs.url?.startsWith(UK_VS));
    expect(ukValueSets.length).toBeGreaterThan(50);
    let complete = 0;
    for (const vs of ukValueSets) {
      const expansion = terminology.expand(vs.url!);
      expect(expansion, vs.url).toBeDefined();
      if (expansion!.complete) complete++;
    }
    console.info(`UK Core STU1 value sets: ${complete} of ${ukValueSets.length} expand completely (the rest use SNOMED CT, dm+d or code systems without codes)`);
    expect(complete).toBeGreaterThan(20);
  });
});
