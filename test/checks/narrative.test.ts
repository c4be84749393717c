import { beforeAll, describe, expect, it } from 'vitest';
import type { Validator } from '../../src/api/index.js';
import { languageSections } from '../../src/checks/narrative.js';
import { coreValidator, expectIssue, expectNoIssue, issuesOf, profile } from './helpers.js';

const CONTROL = 'http://hl7.org/fhir/StructureDefinition/narrative-language-control';
const controlled = (id: string, code: string) =>
  profile(id, 'Patient', [{ id: 'Patient.text', path: 'Patient.text', extension: [{ url: CONTROL, valueCode: code }] }]);
const url = (id: string) => `http://example.org/fhir/StructureDefinition/${id}`;
const XHTML = 'xmlns="http://www.w3.org/1999/xhtml"';
const patient = (div: string, language?: string) => ({ resourceType: 'Patient', ...(language ? { language } : {}), text: { status: 'generated', div } });
const plain = `<div ${XHTML}>Text without sections</div>`;
const twoSections = `<div ${XHTML}><div lang="en" xml:lang="en">English</div><div xml:lang="de">Deutsch</div></div>`;

describe('narrative check (narrative-language-control)', () => {
  let v: Validator;
  beforeAll(async () => {
    v = await coreValidator([controlled('lang-no', '_no'), controlled('lang-yes', '_yes'), controlled('lang-resource', '_resource'), controlled('lang-list', 'en fr')]);
  });

  it('finds the language sections: divs directly inside the root div with lang or xml:lang', () => {
    expect(languageSections(plain)).toEqual([]);
    expect(languageSections(twoSections)).toEqual(['de', 'en']);
    expect(languageSections(`<div ${XHTML}><p>x<br/></p><div><div lang="fr">nested, not a section</div></div><div lang='pt'>p</div></div>`)).toEqual(['pt']);
  });

  it('_no forbids language sections, _yes requires them', () => {
    expectNoIssue(issuesOf(v, patient(plain), url('lang-no')), 'narrative-language-sections');
    const forbidden = expectIssue(issuesOf(v, patient(twoSections), url('lang-no')), 'narrative-language-sections', 'Patient.text', 'error');
    expect(forbidden.message).toContain('some language sections (de, en), but language sections are prohibited');
    expectNoIssue(issuesOf(v, patient(twoSections), url('lang-yes')), 'narrative-language-sections');
    expect(expectIssue(issuesOf(v, patient(plain), url('lang-yes')), 'narrative-language-sections', 'Patient.text').message).toContain('no language sections, but language sections are required');
  });

  it('_resource requires a section in the resource language; a list, one per listed language', () => {
    expectNoIssue(issuesOf(v, patient(twoSections, 'de'), url('lang-resource')), 'narrative-language-sections');
    expectIssue(issuesOf(v, patient(twoSections, 'fr'), url('lang-resource')), 'narrative-language-sections', 'Patient.text');
    expect(expectIssue(issuesOf(v, patient(twoSections), url('lang-list')), 'narrative-language-sections', 'Patient.text').message).toContain('no language section for fr');
  });

  it('leaves a narrative alone where no profile controls it', () => {
    expectNoIssue(issuesOf(v, patient(twoSections)), 'narrative-language-sections');
  });
});
