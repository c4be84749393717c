/** The UK-Core-absent policy: which profiles rest on a missing UK Core parent, and the one issue it folds into. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createDefinitionSet } from '../../src/defs/definition-set.js';
import { loadR4CorePackage } from '../../src/defs/r4-core.js';
import type { DefinitionSet } from '../../src/defs/types.js';
import { foldMissingUkCore, hasUkCore, restsOnMissingUkCore, UK_CORE_NOT_CHECKED_RULE } from '../../src/defs/ukcore-fallback.js';
import type { Issue } from '../../src/model/issue.js';

const UKCORE_PATIENT = 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient';
const sd = (url: string, baseDefinition: string) => ({ resourceType: 'StructureDefinition', url, type: 'Patient', derivation: 'constraint', baseDefinition });

describe('ukcore-fallback', () => {
  let defs: DefinitionSet;
  beforeAll(() => {
    defs = createDefinitionSet([
      loadR4CorePackage(),
      { name: 'test', version: '0.0.0', resources: [sd('https://example.org/child', 'https://example.org/parent'), sd('https://example.org/parent', UKCORE_PATIENT), sd('https://example.org/plain', 'http://hl7.org/fhir/StructureDefinition/Patient')] },
    ]);
  });

  it('knows whether UK Core is loaded', () => {
    expect(hasUkCore(defs)).toBe(false);
    expect(hasUkCore(createDefinitionSet([{ name: 'uk', version: '1', resources: [sd(UKCORE_PATIENT, 'http://hl7.org/fhir/StructureDefinition/Patient')] }]))).toBe(true);
  });

  it('follows the chain of bases to a missing UK Core profile', () => {
    expect(restsOnMissingUkCore(defs, 'https://example.org/child')).toBe(true);
    expect(restsOnMissingUkCore(defs, 'https://example.org/parent|1.0')).toBe(true);
    expect(restsOnMissingUkCore(defs, 'https://example.org/plain')).toBe(false);
    expect(restsOnMissingUkCore(defs, 'https://example.org/not-loaded')).toBe(false);
  });

  it('folds unfollowed UK Core references and substituted profiles into one information issue, keeping the rest', () => {
    const issues: Issue[] = [
      { severity: 'warning', code: 'not-found', ruleId: 'profile-unknown', message: `Profile reference '${UKCORE_PATIENT}' has not been checked because it could not be found` },
      { severity: 'warning', code: 'structure', ruleId: 'extension-unknown', message: 'Unknown extension https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-ContactRank' },
      { severity: 'warning', code: 'structure', ruleId: 'extension-unknown', message: 'Unknown extension https://example.org/ext' },
      { severity: 'error', code: 'required', ruleId: 'cardinality-min', message: 'Patient.gender: minimum required = 1, but only found 0' },
    ];
    const folded = foldMissingUkCore(issues, ['https://example.org/parent']);
    expect(folded.map((i) => i.ruleId)).toEqual(['extension-unknown', 'cardinality-min', UK_CORE_NOT_CHECKED_RULE]);
    expect(folded[2].message).toMatch(/1 profile\(s\) based on UK Core were checked over the R4 base of the same type \(parent\); 2 reference\(s\)/);
  });

  it('leaves the issues alone when nothing touched UK Core', () => {
    const issues: Issue[] = [{ severity: 'warning', code: 'structure', ruleId: 'extension-unknown', message: 'Unknown extension https://example.org/ext' }];
    expect(foldMissingUkCore(issues, [])).toBe(issues);
  });
});
