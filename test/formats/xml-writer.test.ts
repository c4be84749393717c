import { beforeAll, describe, expect, it } from 'vitest';
import type { FhirTypeModel } from '../../src/formats/type-model.js';
import { parseFhirXml } from '../../src/formats/xml-reader.js';
import { writeFhirXml } from '../../src/formats/xml-writer.js';
import { loadCoreTypeModel } from './model.js';

let model: FhirTypeModel;
beforeAll(() => {
  model = loadCoreTypeModel();
});

describe('FHIR XML writer', () => {
  it('writes elements in definition order with value attributes and the FHIR namespace', () => {
    const xml = writeFhirXml({ resourceType: 'Patient', gender: 'female', name: [{ given: ['A'], family: 'B' }], id: 'p1', active: true }, model);
    expect(xml).toBe(`<Patient xmlns="http://hl7.org/fhir">
  <id value="p1"/>
  <active value="true"/>
  <name>
    <family value="B"/>
    <given value="A"/>
  </name>
  <gender value="female"/>
</Patient>
`);
  });

  it('merges _name extras back into primitives, keeping null alignment', () => {
    const resource = {
      resourceType: 'Patient',
      name: [{ given: ['A', null], _given: [null, { id: 'g', extension: [{ url: 'http://x', valueBoolean: false }] }] }],
      _birthDate: {},
    };
    const xml = writeFhirXml(resource, model, { pretty: false });
    expect(xml).toBe('<Patient xmlns="http://hl7.org/fhir"><name><given value="A"/><given id="g"><extension url="http://x"><valueBoolean value="false"/></extension></given></name><birthDate/></Patient>');
    const back = parseFhirXml(xml, model);
    expect(back.ok && back.resource).toEqual(resource);
  });

  it('escapes attribute text so that it reads back exactly', () => {
    const text = 'a < b & "c" > d\nline two\ttab\r';
    const xml = writeFhirXml({ resourceType: 'Basic', code: { text } }, model);
    expect(xml).toContain('value="a &lt; b &amp; &quot;c&quot; &gt; d&#xA;line two&#x9;tab&#xD;"');
    const back = parseFhirXml(xml, model);
    expect(back.ok && back.resource).toEqual({ resourceType: 'Basic', code: { text } });
  });

  it('inlines the narrative, wraps nested resources and keeps decimal text', () => {
    const div = '<div xmlns="http://www.w3.org/1999/xhtml">x &amp; y</div>';
    const resource = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ resource: { resourceType: 'Observation', text: { status: 'generated', div }, status: 'final', code: { text: 'c' }, valueQuantity: { value: 1.5 } } }],
    };
    const xml = writeFhirXml(resource, model, { decimalText: new Map([['entry[0].resource.valueQuantity.value', '1.50']]) });
    expect(xml).toContain(`      ${div}\n`);
    expect(xml).toContain('<resource>\n      <Observation>');
    expect(xml).toContain('<value value="1.50"/>');
    const back = parseFhirXml(xml, model);
    expect(back.ok && back.resource).toEqual(resource);
    expect(back.ok && back.decimalText.get('entry[0].resource.valueQuantity.value')).toBe('1.50');
  });

  it('leaves out and reports what XML cannot hold', () => {
    const issues: string[] = [];
    const xml = writeFhirXml({ resourceType: 'Patient', id: 'a', bogus: 1, name: { family: 'x' }, active: 'yes?' }, model, {
      onIssue: (message, path) => issues.push(`${path}: ${message}`),
    });
    expect(xml).toContain('<id value="a"/>');
    expect(xml).toContain('<active value="yes?"/>');
    expect(issues).toEqual([
      "active: 'active' is a boolean, so JSON needs a boolean, not a string",
      "name: 'name' repeats and must be an array: left out",
      "bogus: unknown property 'bogus' left out",
    ]);
  });

  it('quotes a resourceType that is not a string without calling its toString (found by the fuzzer)', () => {
    const issues: string[] = [];
    const hostile = JSON.parse('{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":[{"toString":1}]}}]}') as Record<string, unknown>;
    const xml = writeFhirXml(hostile, model, { onIssue: (message, path) => issues.push(`${path}: ${message}`) });
    expect(xml).toContain('<Bundle');
    expect(issues).toEqual([`entry[0].resource: '[{"toString":1}]' is not a FHIR resource type: resource left out`]);
  });

  it('refuses a narrative that is not well-formed, and reports empty arrays and null pairs', () => {
    const issues: string[] = [];
    const xml = writeFhirXml(
      {
        resourceType: 'Patient',
        text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">&reg;<p></div>' },
        identifier: [],
        name: [{ given: ['a', null, 'c'] }],
      },
      model,
      { onIssue: (message, path) => issues.push(`${path}: ${message}`) },
    );
    expect(xml).not.toContain('&reg;');
    expect(issues).toEqual([
      "text.div: 'div' is not well-formed XHTML (the entity 'reg' is referenced but not declared (only &lt; &gt; &amp; &quot; &apos; and character references such as &#xA; are allowed)): left out",
      "identifier: 'identifier' is an empty array (FHIR JSON forbids them): nothing written",
      "name[0].given[1]: 'given[1]' is null in both 'given' and '_given'",
    ]);
    expect(parseFhirXml(xml, model).ok).toBe(true);
  });
});
