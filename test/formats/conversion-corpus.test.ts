/**
 * Every FHIR resource in ../shared (BaRS IG, UK Core STU1 and STU2, the validator test
 * cases) converts XML → JSON, and JSON → XML → JSON gives back identical JSON.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { beforeAll, expect, it } from 'vitest';
import { parseFhirJson } from '../../src/formats/json-reader.js';
import type { FhirTypeModel } from '../../src/formats/type-model.js';
import { parseFhirXml } from '../../src/formats/xml-reader.js';
import { writeFhirXml } from '../../src/formats/xml-writer.js';
import { describeWithShared, sharedDir, sharedPath } from '../support/shared.js';
import { loadCoreTypeModel } from './model.js';

let model: FhirTypeModel;
beforeAll(() => {
  model = loadCoreTypeModel();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const isResourceFile = (file: string): boolean => /\.(xml|json)$/.test(file) && !file.endsWith('package.json');

/** XML → JSON (or the JSON as given) → XML → JSON; returns what went wrong, or undefined. */
function roundTripProblem(file: string): string | undefined {
  const text = readFileSync(file, 'utf8');
  let json: Record<string, unknown>;
  let decimalText: ReadonlyMap<string, string> | undefined;
  if (file.endsWith('.xml')) {
    const read = parseFhirXml(text, model);
    if (!read.ok) return `XML not read: ${read.error.message} at ${read.error.line}:${read.error.column}`;
    json = read.resource;
    decimalText = read.decimalText;
  } else {
    json = JSON.parse(text) as Record<string, unknown>;
  }
  const leftOut: string[] = [];
  const xml = writeFhirXml(json, model, { decimalText, onIssue: (message, path) => leftOut.push(`${path}: ${message}`) });
  if (leftOut.length > 0) return `writer left out: ${leftOut.join('; ')}`;
  const back = parseFhirXml(xml, model);
  if (!back.ok) return `written XML not read back: ${back.error.message}`;
  try {
    expect(back.resource).toEqual(json);
    if (decimalText) expect(back.decimalText).toEqual(decimalText);
  } catch (e) {
    return `round trip differs: ${(e as Error).message.slice(0, 500)}`;
  }
  return undefined;
}

function expectAllRoundTrip(files: string[]): void {
  const problems = files.map((f) => [relative(sharedDir, f), roundTripProblem(f)] as const).filter(([, p]) => p !== undefined);
  expect(problems).toEqual([]);
}

describeWithShared('conversion of the BaRS IG, UK Core and validator test cases', () => {
  it('round-trips all 67 BaRS examples (XML and JSON)', () => {
    const files = filesUnder(sharedPath('bars-ig', 'Examples')).filter(isResourceFile);
    expect(files).toHaveLength(67);
    expectAllRoundTrip(files);
  });

  it('round-trips every BaRS conformance resource', () => {
    const files = [
      ...['StructureDefinition', 'MessageDefinition', 'CodeSystem', 'CapabilityStatement'].flatMap((dir) => filesUnder(sharedPath('bars-ig', dir))),
      sharedPath('bars-ig', 'CDSSExtension.xml'),
      sharedPath('bars-ig', 'LocationExtension.xml'),
    ].filter(isResourceFile);
    expect(files).toHaveLength(42);
    expectAllRoundTrip(files);
  });

  it('round-trips every UK Core resource (STU1 and STU2)', () => {
    const stu1 = filesUnder(sharedPath('ukcore-stu1')).filter(isResourceFile);
    const stu2 = filesUnder(sharedPath('ukcore')).filter(isResourceFile);
    expect(stu1.length + stu2.length).toBe(637);
    expectAllRoundTrip([...stu1, ...stu2]);
  });

  it('reads every UK Core and BaRS XML file without leaving anything out, bar one known defect', () => {
    const files = [...filesUnder(sharedPath('ukcore-stu1')), ...filesUnder(sharedPath('ukcore')), ...filesUnder(sharedPath('bars-ig'))].filter((f) => f.endsWith('.xml'));
    const withIssues = files.flatMap((file) => {
      const read = parseFhirXml(readFileSync(file, 'utf8'), model);
      if (!read.ok) return [`${relative(sharedDir, file)}: ${read.error.message}`];
      return read.issues.map((i) => `${relative(sharedDir, file)}:${i.line}: ${i.message}`);
    });
    // The STU2 file really has a stray 'c' between two <concept> elements.
    expect(withIssues).toEqual([
      'ukcore/codesystems/CodeSystem-UKCore-EthnicCategoryScotland.xml:35: text content is not allowed here: "c"',
    ]);
  });

  it('round-trips every well-formed XML file of the validator test cases', () => {
    const files = filesUnder(sharedPath('fhir-test-cases', 'validator')).filter((f) => f.endsWith('.xml'));
    expect(files.length).toBeGreaterThanOrEqual(100);
    // xml-bad-entities.xml uses the undeclared HTML entity &reg; on purpose: the Java validator's verdict is fatal.
    const malformed = files.filter((f) => f.endsWith('xml-bad-entities.xml'));
    expect(malformed).toHaveLength(1);
    expect(roundTripProblem(malformed[0])).toMatch(/entity 'reg' is referenced but not declared/);
    expectAllRoundTrip(files.filter((f) => !malformed.includes(f)));
  });

  it('round-trips every validator test-case JSON resource, or says why not', () => {
    const dir = sharedPath('fhir-test-cases', 'validator');
    const files = filesUnder(dir).filter((f) => f.endsWith('.json') && !/[\\/](outcomes|packages)[\\/]/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(200);
    let identical = 0;
    const silentDifferences: string[] = [];
    const unreadable: string[] = [];
    for (const file of files) {
      const read = parseFhirJson(readFileSync(file, 'utf8'));
      if (!read.ok) {
        unreadable.push(relative(dir, file));
        continue;
      }
      const reasons: string[] = [];
      const xml = writeFhirXml(read.value as Record<string, unknown>, model, { decimalText: read.numberText, onIssue: (m) => reasons.push(m) });
      const back = parseFhirXml(xml, model);
      if (back.ok && isDeepStrictEqual(back.resource, read.value)) identical++;
      else if (reasons.length === 0) silentDifferences.push(relative(dir, file));
    }
    // Malformed on purpose: trailing/missing commas, a comment, an unquoted value.
    expect(unreadable).toEqual(['json-comma-bad-1.json', 'json-comma-bad-2.json', 'json-comments-1.json', 'json-no-quotes-2.json']);
    // Its narrative has CR LF line ends, which XML reads back as LF.
    expect(silentDifferences).toEqual(['ab/StructureDefinition-my-appointment-profile.json']);
    expect(identical).toBeGreaterThanOrEqual(200);
  });

  it('converts the XML of each XML/JSON pair of the validator test cases to its JSON, apart from the files\' own differences', () => {
    const dir = sharedPath('fhir-test-cases', 'validator');
    const pairs = filesUnder(dir).filter((f) => f.endsWith('.xml')).filter((f) => {
      try {
        return statSync(f.replace(/\.xml$/, '.json')).isFile();
      } catch {
        return false;
      }
    });
    expect(pairs.map((f) => relative(dir, f)).sort()).toEqual(['Observation-ex-pain.xml', 'xml-bad-entities.xml']);

    // Observation-ex-pain: the two forms carry different errors on purpose. The XML has
    // status@id="this", an undefined attribute and an undefined <value> child of valueInteger;
    // the JSON has no _status and puts "value": 0 inside _valueInteger.
    const pain = parseFhirXml(readFileSync(join(dir, 'Observation-ex-pain.xml'), 'utf8'), model);
    const painJson = JSON.parse(readFileSync(join(dir, 'Observation-ex-pain.json'), 'utf8')) as Record<string, unknown>;
    expect(pain.ok && pain.resource).toEqual({ resourceType: 'Observation', id: 'ex-pain', status: 'final', _status: { id: 'this' }, _valueInteger: {} });
    expect(pain.ok && pain.issues.map((i) => i.message)).toEqual([
      "unexpected attribute 'something' on 'status' (left out)",
      "unknown element 'value' (left out)",
    ]);
    const { _status, _valueInteger, ...painCommon } = pain.ok ? pain.resource : {};
    const { _valueInteger: jsonValueInteger, ...painJsonCommon } = painJson;
    expect(_status).toEqual({ id: 'this' });
    expect([_valueInteger, jsonValueInteger]).toEqual([{}, { value: 0 }]);
    expect(painCommon).toEqual(painJsonCommon);

    // xml-bad-entities: the XML is malformed on purpose (&reg;), so only the JSON form is a resource.
    const bad = parseFhirXml(readFileSync(join(dir, 'xml-bad-entities.xml'), 'utf8'), model);
    expect(bad.ok).toBe(false);
  });
});
