import { beforeAll, describe, expect, it } from 'vitest';
import { detectFormat, parseFhirBytes, parseFhirText } from '../../src/formats/detect.js';
import { formatFhirJson } from '../../src/formats/json-writer.js';
import type { FhirTypeModel } from '../../src/formats/type-model.js';
import { decodeUtf8, invalidUtf8Offset } from '../../src/formats/utf8.js';
import { loadCoreTypeModel } from './model.js';

let model: FhirTypeModel;
beforeAll(() => {
  model = loadCoreTypeModel();
});

describe('format detection and parseFhirText', () => {
  it('recognises JSON and XML from the first non-space character', () => {
    expect(detectFormat('  \n{"a":1}')).toBe('json');
    expect(detectFormat('\uFEFF<Patient/>')).toBe('xml');
    expect(detectFormat('[1]')).toBe('json');
    expect(detectFormat('hello')).toBeUndefined();
    expect(detectFormat('   ')).toBeUndefined();
  });

  it('reads both formats to the same resource, with positions by the same paths', () => {
    const json = parseFhirText('{\n  "resourceType": "Patient",\n  "name": [\n    { "given": ["A"] }\n  ]\n}', model);
    const xml = parseFhirText('<Patient xmlns="http://hl7.org/fhir">\n  <name>\n    <given value="A"/>\n  </name>\n</Patient>', model);
    if (!json.ok || !xml.ok) throw new Error('expected both to read');
    expect(json.format).toBe('json');
    expect(xml.format).toBe('xml');
    expect(xml.resource).toEqual(json.resource);
    expect(json.positionOf('name[0].given[0]')).toEqual({ line: 4, column: 17 });
    expect(xml.positionOf('name[0].given[0]')).toEqual({ line: 3, column: 5 });
  });

  it('reports duplicate JSON keys and left-out XML content as findings', () => {
    const json = parseFhirText('{"resourceType":"Patient","id":"a","id":"b"}', model);
    expect(json.ok && json.findings).toEqual([{ kind: 'duplicate-key', message: expect.stringMatching(/duplicate key 'id'/), path: 'id', line: 1, column: 36 }]);
    const xml = parseFhirText('<Patient xmlns="http://hl7.org/fhir"><foo/></Patient>', model);
    expect(xml.ok && xml.findings).toEqual([{ kind: 'xml-left-out', message: expect.stringMatching(/unknown element 'foo'/), path: '', line: 1, column: 38 }]);
  });

  it('gives the written text of decimals in both formats', () => {
    const json = parseFhirText('{"resourceType":"Observation","valueQuantity":{"value":1.50}}', model);
    const xml = parseFhirText('<Observation xmlns="http://hl7.org/fhir"><valueQuantity><value value="1.50"/></valueQuantity></Observation>', model);
    expect(json.ok && json.decimalText('valueQuantity.value')).toBe('1.50');
    expect(xml.ok && xml.decimalText('valueQuantity.value')).toBe('1.50');
  });

  it('fails clearly on text that is neither, on non-object JSON, and on malformed input', () => {
    expect(parseFhirText('', model)).toMatchObject({ ok: false, error: { message: 'the input is empty' } });
    expect(parseFhirText('Patient', model)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/neither/) } });
    expect(parseFhirText('[1, 2]', model)).toMatchObject({ ok: false, format: 'json', error: { message: expect.stringMatching(/must be an object/) } });
    expect(parseFhirText('<Patient xmlns="http://hl7.org/fhir">', model)).toMatchObject({ ok: false, format: 'xml' });
  });
});

describe('parseFhirBytes', () => {
  it('refuses invalid UTF-8 in XML and JSON with its position, and reads valid bytes', () => {
    const encoder = new TextEncoder();
    const badXml = Uint8Array.from([...encoder.encode('<Patient xmlns="http://hl7.org/fhir">\n<id value="'), 0xc3, 0x28, ...encoder.encode('"/></Patient>')]);
    expect(parseFhirBytes(badXml, model)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/invalid UTF-8 at byte 49/), line: 2, column: 12 } });
    const badJson = Uint8Array.from([...encoder.encode('{"resourceType":"Patient","id":"'), 0xfe, ...encoder.encode('"}')]);
    expect(parseFhirBytes(badJson, model)).toMatchObject({ ok: false, error: { line: 1, column: 33 } });
    const good = parseFhirBytes(encoder.encode('\uFEFF<Patient xmlns="http://hl7.org/fhir"><id value="é"/></Patient>'), model);
    expect(good.ok && good.resource).toEqual({ resourceType: 'Patient', id: 'é' });
  });
});

describe('formatFhirJson', () => {
  it('writes like JSON.stringify, keeping decimal text where given', () => {
    const value = { resourceType: 'Observation', valueQuantity: { value: 1.5, comparator: '<' }, component: [{ valueInteger: 3 }, {}], empty: [] };
    expect(formatFhirJson(value)).toBe(JSON.stringify(value, null, 2));
    expect(formatFhirJson(value, { indent: 0 })).toBe(JSON.stringify(value));
    expect(formatFhirJson(value, { indent: 0, decimalText: new Map([['valueQuantity.value', '1.50']]) })).toContain('"value":1.50,');
    // A text that no longer matches the number is not used.
    expect(formatFhirJson(value, { indent: 0, decimalText: new Map([['valueQuantity.value', '2.0']]) })).toContain('"value":1.5,');
  });
});

describe('strict UTF-8 decoding', () => {
  it('accepts valid UTF-8 and finds the first invalid byte', () => {
    expect(decodeUtf8(new TextEncoder().encode('{"a":"é😀"}'))).toEqual({ ok: true, text: '{"a":"é😀"}' });
    expect(invalidUtf8Offset(Uint8Array.from([0x61, 0xc0, 0x80]))).toBe(1); // overlong
    expect(invalidUtf8Offset(Uint8Array.from([0xed, 0xa0, 0x80]))).toBe(0); // surrogate
    expect(invalidUtf8Offset(Uint8Array.from([0x61, 0x62, 0xe2, 0x82]))).toBe(2); // truncated
    expect(invalidUtf8Offset(Uint8Array.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // above U+10FFFF
    const result = decodeUtf8(Uint8Array.from([0x7b, 0x0a, 0x22, 0xff, 0x22]));
    expect(result).toMatchObject({ ok: false, error: { line: 2, column: 2, byteOffset: 3 } });
  });
});
