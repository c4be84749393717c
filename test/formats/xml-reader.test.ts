import { beforeAll, describe, expect, it } from 'vitest';
import type { FhirTypeModel } from '../../src/formats/type-model.js';
import { parseFhirXml, type XmlReadSuccess } from '../../src/formats/xml-reader.js';
import { loadCoreTypeModel } from './model.js';

let model: FhirTypeModel;
beforeAll(() => {
  model = loadCoreTypeModel();
});

function readOk(xml: string): XmlReadSuccess {
  const result = parseFhirXml(xml, model);
  if (!result.ok) throw new Error(`expected success, got: ${result.error.message} at ${result.error.line}:${result.error.column}`);
  return result;
}

function readError(xml: string): { message: string; line?: number; column?: number } {
  const result = parseFhirXml(xml, model);
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.resource)}`);
  return result.error;
}

describe('FHIR XML reader', () => {
  it('types primitives, makes arrays from cardinality and keeps resourceType', () => {
    const { resource, issues } = readOk(`<?xml version="1.0" encoding="UTF-8"?>
<Patient xmlns="http://hl7.org/fhir">
  <!-- a comment that must be dropped -->
  <id value="p1"/>
  <active value="true"/>
  <name><family value="Smith"/><given value="Ann"/><given value="B&amp;C &#x41;&#10;x"/></name>
  <multipleBirthInteger value="2"/>
</Patient>`);
    expect(issues).toEqual([]);
    expect(resource).toEqual({
      resourceType: 'Patient',
      id: 'p1',
      active: true,
      name: [{ family: 'Smith', given: ['Ann', 'B&C A\nx'] }],
      multipleBirthInteger: 2,
    });
  });

  it('puts id and extensions of primitives under _name, null-aligned in arrays', () => {
    const { resource } = readOk(`<Patient xmlns="http://hl7.org/fhir"><name>
  <given value="A"/>
  <given id="g2"><extension url="http://x/e"><valueString value="v"/></extension></given>
  <given value="C" id="g3"/>
</name><birthDate value="2000-01-01"><extension url="http://x/t"><valueDateTime value="2000-01-01T10:00:00Z"/></extension></birthDate></Patient>`);
    expect(resource.name).toEqual([{
      given: ['A', null, 'C'],
      _given: [null, { id: 'g2', extension: [{ url: 'http://x/e', valueString: 'v' }] }, { id: 'g3' }],
    }]);
    expect(resource.birthDate).toBe('2000-01-01');
    expect(resource._birthDate).toEqual({ extension: [{ url: 'http://x/t', valueDateTime: '2000-01-01T10:00:00Z' }] });
  });

  it('keeps decimal numbers, recording text a number would change', () => {
    const result = readOk(`<Observation xmlns="http://hl7.org/fhir"><status value="final"/><code><text value="t"/></code>
<valueQuantity><value value="1.50"/><unit value="mg"/></valueQuantity></Observation>`);
    expect(result.resource.valueQuantity).toEqual({ value: 1.5, unit: 'mg' });
    expect(result.decimalText.get('valueQuantity.value')).toBe('1.50');
    const plain = readOk(`<Observation xmlns="http://hl7.org/fhir"><status value="final"/><code/><valueQuantity><value value="2.25"/></valueQuantity></Observation>`);
    expect(plain.decimalText.size).toBe(0);
  });

  it('keeps the narrative div markup exactly, and reads contained and Bundle resources', () => {
    const div = '<div xmlns="http://www.w3.org/1999/xhtml"><p>a &lt; b <b>bold</b></p>\n  <br/></div>';
    const { resource } = readOk(`<Bundle xmlns="http://hl7.org/fhir"><type value="collection"/>
<entry><fullUrl value="urn:uuid:1"/><resource><Patient><text><status value="generated"/>${div}</text>
<contained><Organization><id value="o"/><name value="Org"/></Organization></contained></Patient></resource></entry>
<entry><resource><Basic><code><text value="x"/></code></Basic></resource><response><status value="200"/><outcome><OperationOutcome><issue><severity value="error"/><code value="invalid"/></issue></OperationOutcome></outcome></response></entry>
</Bundle>`);
    expect(resource).toEqual({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { fullUrl: 'urn:uuid:1', resource: { resourceType: 'Patient', text: { status: 'generated', div }, contained: [{ resourceType: 'Organization', id: 'o', name: 'Org' }] } },
        {
          resource: { resourceType: 'Basic', code: { text: 'x' } },
          response: { status: '200', outcome: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid' }] } },
        },
      ],
    });
  });

  it('reads resources in Parameters.parameter.resource and reports a wrapper without one resource', () => {
    const result = readOk(`<Parameters xmlns="http://hl7.org/fhir"><parameter><name value="p"/><resource><Patient><id value="x"/></Patient></resource></parameter>
<parameter><name value="q"/><resource><Patient/><Patient/></resource></parameter></Parameters>`);
    expect(result.resource.parameter).toEqual([
      { name: 'p', resource: { resourceType: 'Patient', id: 'x' } },
      { name: 'q', resource: { resourceType: 'Patient' } },
    ]);
    expect(result.issues.map((i) => i.message)).toEqual(["'resource' must hold exactly one resource (found 2)"]);
  });

  it('reads Questionnaire items nested through contentReference', () => {
    const { resource } = readOk(`<Questionnaire xmlns="http://hl7.org/fhir"><status value="draft"/>
<item><linkId value="1"/><type value="group"/><item><linkId value="1.1"/><type value="boolean"/><required value="false"/></item></item></Questionnaire>`);
    expect(resource.item).toEqual([{ linkId: '1', type: 'group', item: [{ linkId: '1.1', type: 'boolean', required: false }] }]);
  });

  it('leaves out and reports unknown elements, attributes and foreign namespaces', () => {
    const result = readOk(`<Patient xmlns="http://hl7.org/fhir" xmlns:x="http://example.org/x">
<id value="a"/>
<nonsense value="1"/>
<x:foreign value="2"/>
<gender value="male" bogus="1"/>
</Patient>`);
    expect(result.resource).toEqual({ resourceType: 'Patient', id: 'a', gender: 'male' });
    expect(result.issues.map((i) => [i.message.split(' (')[0], i.line])).toEqual([
      ["unknown element 'nonsense'", 3],
      ["element 'foreign' is in namespace 'http://example.org/x', not FHIR's", 4],
      ["unexpected attribute 'bogus' on 'gender'", 5],
    ]);
  });

  it('gives positions of elements by JSON path', () => {
    const result = readOk(`<Bundle xmlns="http://hl7.org/fhir">
  <type value="collection"/>
  <entry>
    <resource>
      <Patient>
        <name><given value="x"/></name>
      </Patient>
    </resource>
  </entry>
</Bundle>`);
    expect(result.positionOf('')).toEqual({ line: 1, column: 1 });
    expect(result.positionOf('type')).toEqual({ line: 2, column: 3 });
    expect(result.positionOf('entry[0].resource')).toEqual({ line: 5, column: 7 });
    expect(result.positionOf('entry[0].resource.name[0].given[0]')).toEqual({ line: 6, column: 15 });
    expect(result.positionOf('entry[1]')).toBeUndefined();
  });
});

describe('FHIR XML reader line ends', () => {
  it('normalises CR LF (in the narrative too) and keeps line/column of the original text', () => {
    const xml = '\uFEFF<Patient xmlns="http://hl7.org/fhir">\r\n  <text><status value="generated"/><div xmlns="http://www.w3.org/1999/xhtml">a\r\nb</div></text>\r\n  <gender value="male"/>\r\n</Patient>';
    const result = readOk(xml);
    expect(result.resource.text).toEqual({ status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">a\nb</div>' });
    expect(result.positionOf('gender')).toEqual({ line: 4, column: 3 });
    expect(result.positionOf('text')).toEqual({ line: 2, column: 3 });
  });
});

describe('FHIR XML reader on bad input', () => {
  it('reports malformed XML with line and column', () => {
    const error = readError('<Patient xmlns="http://hl7.org/fhir">\n  <id value="a">\n</Patient>');
    expect(error.line).toBe(3);
    expect(error.column).toBeGreaterThan(0);
    expect(readError('<Patient xmlns="http://hl7.org/fhir"><id value="a"/>').message).toMatch(/closed|ends/);
  });

  it('refuses DOCTYPE, internal entities (billion laughs) and external entities', () => {
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<Patient xmlns="http://hl7.org/fhir"><id value="&lol2;"/></Patient>`;
    expect(readError(laughs)).toMatchObject({ message: expect.stringMatching(/DOCTYPE/), line: 2, column: 1 });
    const external = `<!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><Patient xmlns="http://hl7.org/fhir"><id value="&x;"/></Patient>`;
    expect(readError(external).message).toMatch(/DOCTYPE/);
    // An undeclared entity reference is an error too, not silently kept.
    expect(readError('<Patient xmlns="http://hl7.org/fhir"><id value="&x;"/></Patient>')).toMatchObject({ line: 1, column: 49 });
  });

  it('answers 10,000-deep nesting with a clear error', () => {
    const deep = `<Patient xmlns="http://hl7.org/fhir">${'<extension url="u">'.repeat(10_000)}${'</extension>'.repeat(10_000)}</Patient>`;
    expect(readError(deep).message).toMatch(/nested more than \d+ deep/);
  });

  it('rejects NUL and other characters XML forbids, with their position', () => {
    expect(readError('<Patient xmlns="http://hl7.org/fhir">\n<id value="a\u0000"/></Patient>')).toMatchObject({ message: expect.stringMatching(/U\+0000/), line: 2, column: 13 });
    expect(readError('<Patient xmlns="http://hl7.org/fhir"><id value="\uD800"/></Patient>').message).toMatch(/U\+D800/);
  });

  it('rejects non-FHIR roots, several roots and empty input', () => {
    expect(readError('<Patient><id value="a"/></Patient>').message).toMatch(/namespace/);
    expect(readError('<Nonsense xmlns="http://hl7.org/fhir"/>').message).toMatch(/not a FHIR resource type/);
    expect(readError('<Patient xmlns="http://hl7.org/fhir"/><Patient xmlns="http://hl7.org/fhir"/>').message).toMatch(/one root/);
    expect(readError('').message).toBe('no root element');
    expect(readError('just text').message).toBeTruthy();
  });
});
