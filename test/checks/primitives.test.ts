import { beforeAll, describe, expect, it } from 'vitest';
import { createValidator, type Validator } from '../../src/api/index.js';
import { isBase64, isRealDate, isWhitespaceUnit } from '../../src/checks/primitives.js';
import { createDefinitionSet } from '../../src/defs/definition-set.js';
import { coreValidator, errorsOf, expectIssue, expectNoIssue, issuesOf, profile, r4Core } from './helpers.js';

const limits = profile('pat-limits', 'Patient', [
  { id: 'Patient.multipleBirth[x]', path: 'Patient.multipleBirth[x]', type: [{ code: 'integer' }], minValueInteger: 1, maxValueInteger: 4 },
  { id: 'Patient.birthDate', path: 'Patient.birthDate', minValueDate: '1900-01-01' },
]);

describe('primitives check', () => {
  let v: Validator;
  beforeAll(async () => {
    v = await coreValidator([limits]);
  });
  const patient = (extra: Record<string, unknown>) => ({ resourceType: 'Patient', ...extra });

  it('accepts valid primitives of every JSON kind', () => {
    const issues = issuesOf(v, patient({ active: true, birthDate: '2000-02-29', multipleBirthInteger: 2, id: 'a.b-1', photo: [{ contentType: 'text/plain', data: 'aGVsbG8=' }] }));
    expect(errorsOf(issues)).toEqual([]);
  });

  it('requires the JSON type of the FHIR primitive ("true" is not a boolean)', () => {
    expectIssue(issuesOf(v, patient({ active: 'true' })), 'json-type', 'Patient.active', 'error');
    expectIssue(issuesOf(v, patient({ birthDate: 20000101 })), 'json-type', 'Patient.birthDate');
  });

  it('applies the type regex from the definitions and real-calendar dates', () => {
    expectIssue(issuesOf(v, patient({ birthDate: '2021-13-45' })), 'primitive-format', 'Patient.birthDate');
    expectIssue(issuesOf(v, patient({ birthDate: '2021-02-30' })), 'primitive-format', 'Patient.birthDate');
    expectIssue(issuesOf(v, patient({ deceasedDateTime: '2021-01-01T10:00:00' })), 'primitive-format', 'Patient.deceased.ofType(dateTime)');
    expectNoIssue(issuesOf(v, patient({ deceasedDateTime: '2021-01-01T10:00:00+01:00' })), 'primitive-format');
    expectIssue(issuesOf(v, patient({ id: 'has space' })), 'primitive-format', 'Patient.id');
  });

  it('checks integer ranges', () => {
    expectIssue(issuesOf(v, patient({ multipleBirthInteger: 1.5 })), 'primitive-format', 'Patient.multipleBirth.ofType(integer)');
    expectIssue(issuesOf(v, patient({ multipleBirthInteger: 3000000000 })), 'integer-range');
    expectIssue(issuesOf(v, { resourceType: 'Patient', contact: [{ telecom: [{ system: 'phone', value: '1', rank: 0 }] }] }), 'integer-range', 'Patient.contact[0].telecom[0].rank');
  });

  it('checks minValue/maxValue from a profile', () => {
    const url = 'http://example.org/fhir/StructureDefinition/pat-limits';
    expectNoIssue(issuesOf(v, patient({ multipleBirthInteger: 2, birthDate: '1950-01-01' }), url), 'value-above-maximum');
    expectIssue(issuesOf(v, patient({ multipleBirthInteger: 5 }), url), 'value-above-maximum', 'Patient.multipleBirth.ofType(integer)');
    expectIssue(issuesOf(v, patient({ multipleBirthInteger: 0 }), url), 'value-below-minimum');
    expectIssue(issuesOf(v, patient({ birthDate: '1850-03-01' }), url), 'value-below-minimum', 'Patient.birthDate');
  });

  it('checks date limits relative to the clock (min/maxValueDuration), the clock given to the validator', async () => {
    const relative = profile('pat-relative', 'Patient', [
      { id: 'Patient.birthDate', path: 'Patient.birthDate', maxValueDuration: { value: 10, unit: 'a', system: 'http://unitsofmeasure.org', code: 'a' } },
      { id: 'Patient.deceased[x]', path: 'Patient.deceased[x]', type: [{ code: 'dateTime' }], minValueDuration: { value: 2, unit: 'wk', system: 'http://unitsofmeasure.org', code: 'wk' } },
    ]);
    const clocked = await createValidator({ definitions: createDefinitionSet([r4Core(), { name: 'relative.test', version: '0.0.0', resources: [relative] }]), now: () => new Date('2026-01-01T00:00:00Z') });
    const url = 'http://example.org/fhir/StructureDefinition/pat-relative';
    expectNoIssue(issuesOf(clocked, patient({ birthDate: '2035-12-31' }), url), 'value-above-maximum');
    const late = expectIssue(issuesOf(clocked, patient({ birthDate: '2036-01-02' }), url), 'value-above-maximum', 'Patient.birthDate', 'error');
    expect(late.message).toContain('maxValue is 10 a after now (2036-01-01T00:00:00.000Z)');
    expectIssue(issuesOf(clocked, patient({ birthDate: '2100' }), url), 'value-above-maximum', 'Patient.birthDate');
    expectNoIssue(issuesOf(clocked, patient({ deceasedDateTime: '2025-12-20T00:00:00Z' }), url), 'value-below-minimum');
    const early = expectIssue(issuesOf(clocked, patient({ deceasedDateTime: '2025-12-17T23:59:59Z' }), url), 'value-below-minimum', 'Patient.deceased.ofType(dateTime)');
    expect(early.message).toContain('minValue is 2 wk before now (2025-12-18T00:00:00.000Z)');
    // A malformed date is the format rule's alone.
    expectNoIssue(issuesOf(clocked, patient({ birthDate: '2100-13-01' }), url), 'value-above-maximum');
  });

  it('rejects empty strings and warns on surrounding whitespace', () => {
    expectIssue(issuesOf(v, patient({ gender: '' })), 'string-empty', 'Patient.gender');
    expectIssue(issuesOf(v, patient({ name: [{ family: ' Lee' }] })), 'string-whitespace', 'Patient.name[0].family', 'warning');
  });

  it('checks base64 without a backtracking regex', () => {
    expect(isBase64('aGVsbG8=')).toBe(true);
    expect(isBase64('aGVsbG8')).toBe(false);
    expectIssue(issuesOf(v, patient({ photo: [{ data: 'not base64!' }] })), 'primitive-format', 'Patient.photo[0].data');
  });

  it('checks urn:uuid and urn:oid uris, and entities in narrative', () => {
    const withUri = (value: string) => ({ resourceType: 'Patient', identifier: [{ system: value, value: '1' }] });
    expectNoIssue(issuesOf(v, withUri('urn:uuid:3f2504e0-4f89-41d3-9a0c-0305e82c3301')), 'uuid-format');
    expectIssue(issuesOf(v, withUri('urn:uuid:3F2504E0-4F89-41D3-9A0C-0305E82C3301')), 'uuid-format', 'Patient.identifier[0].system');
    expectIssue(issuesOf(v, withUri('urn:oid:1.2.x')), 'oid-format');
    const div = (html: string) => ({ resourceType: 'Patient', text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${html}</div>` } });
    expectNoIssue(issuesOf(v, div('Tom &amp; Jerry &#174;')), 'xhtml-entity');
    expectIssue(issuesOf(v, div('Brand&reg;')), 'xhtml-entity', 'Patient.text.div');
    expectNoIssue(issuesOf(v, div('<a href="https://example.org/x">x</a> <a href="#p1">y</a>')), 'xhtml-link-scheme');
    expectIssue(issuesOf(v, div('<a href="urn:uuid:3f2504e0-4f89-41d3-9a0c-0305e82c3301">x</a>')), 'xhtml-link-scheme', 'Patient.text.div');
    expectNoIssue(issuesOf(v, div('<a name="p1">A</a> <a href="#p1">y</a>')), 'xhtml-link-unresolved');
    expectIssue(issuesOf(v, div('<a href="#nowhere">y</a>')), 'xhtml-link-unresolved', 'Patient.text.div');
  });

  it('knows real dates', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2023-02-29')).toBe(false);
    expect(isRealDate('2023-04')).toBe(true);
    // Century years are leap years only when divisible by 400; month lengths otherwise fixed.
    expect(isRealDate('2000-02-29')).toBe(true);
    expect(isRealDate('1900-02-29')).toBe(false);
    expect(isRealDate('0004-02-29')).toBe(true);
    expect(isRealDate('2021-04-31')).toBe(false);
    expect(isRealDate('2021-12-31T23:59:59Z')).toBe(true);
  });

  it('reads dates by position as the calendar does, for every day of every month over four centuries', () => {
    const byDate = (text: string) => {
      const [y, m, d] = text.slice(0, 10).split('-').map(Number);
      return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
    };
    const wrong: string[] = [];
    for (let year = 1800; year <= 2200; year++) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 28; day <= 31; day++) {
          const text = `${year}-${String(month).padStart(2, '0')}-${day}T00:00:00Z`;
          if (isRealDate(text) !== byDate(text)) wrong.push(text);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("tests surrounding whitespace as JavaScript's \\s does, for every code unit", () => {
    const wrong: number[] = [];
    for (let c = 0; c < 65536; c++) if (isWhitespaceUnit(c) !== /\s/.test(String.fromCharCode(c))) wrong.push(c);
    expect(wrong).toEqual([]);
    expectIssue(issuesOf(v, patient({ name: [{ family: 'Smith\u00a0' }] })), 'string-whitespace', 'Patient.name[0].family', 'warning');
    expectNoIssue(issuesOf(v, patient({ name: [{ family: 'Smith' }] })), 'string-whitespace');
  });
});
