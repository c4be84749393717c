import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDefinitionSet } from '../../../src/defs/definition-set.js';
import { listResourceFiles, loadFolderPackage } from '../../../src/defs/packages/folder-package.js';
import { createXmlResourceReader } from '../../../src/defs/packages/xml-resource-reader.js';
import type { XmlResourceReader } from '../../../src/defs/packages/resource-text.js';
import { loadR4CorePackage } from '../../../src/defs/r4-core.js';
import { codeSystemXml, examplePatient, profile, valueSet } from './fixtures.js';

const work = mkdtempSync(join(tmpdir(), 'bars-folder-'));
let readXml: XmlResourceReader;

beforeAll(() => {
  readXml = createXmlResourceReader(createDefinitionSet([loadR4CorePackage()]));
  mkdirSync(join(work, 'ig', 'nested', 'deeper'), { recursive: true });
  mkdirSync(join(work, 'ig', '.hidden'), { recursive: true });
  writeFileSync(join(work, 'ig', 'profile.json'), JSON.stringify(profile));
  writeFileSync(join(work, 'ig', 'nested', 'bundle.json'), JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: valueSet }, { resource: examplePatient }] }));
  writeFileSync(join(work, 'ig', 'nested', 'deeper', 'cs.xml'), codeSystemXml);
  writeFileSync(join(work, 'ig', 'nested', 'notes.txt'), 'not a resource');
  writeFileSync(join(work, 'ig', '.hidden', 'ignored.json'), JSON.stringify({ ...valueSet, id: 'hidden' }));
  writeFileSync(join(work, 'ig', 'package.json'), JSON.stringify({ name: 'example.ig', version: '2.1.0', dependencies: { 'hl7.fhir.r4.core': '4.0.1' } }));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('folder and file loading', () => {
  it('lists JSON and XML files recursively, skipping package.json and hidden folders', () => {
    expect(listResourceFiles(join(work, 'ig')).map((f) => f.slice(join(work, 'ig').length + 1))).toEqual([
      'nested/bundle.json',
      'nested/deeper/cs.xml',
      'profile.json',
    ]);
  });

  it('loads conformance resources from JSON, Bundles and XML, leaving out instances', () => {
    const pkg = loadFolderPackage(join(work, 'ig'), { readXml });
    expect(pkg.resources.map((r) => `${r.resourceType}/${r.id}`).sort()).toEqual(['CodeSystem/test-cs', 'StructureDefinition/test-patient', 'ValueSet/test-vs']);
    const cs = pkg.resources.find((r) => r.id === 'test-cs') as { concept?: Array<{ code: string }> };
    expect(cs.concept).toEqual([{ code: 'a', display: 'A' }]);
  });

  it('takes name, version and dependencies from the folder package.json', () => {
    const pkg = loadFolderPackage(join(work, 'ig'), { readXml });
    expect([pkg.name, pkg.version, pkg.dependencies]).toEqual(['example.ig', '2.1.0', { 'hl7.fhir.r4.core': '4.0.1' }]);
  });

  it('loads a single file as a package', () => {
    const pkg = loadFolderPackage(join(work, 'ig', 'profile.json'));
    expect(pkg.resources.map((r) => r.url)).toEqual([profile.url]);
    expect(pkg.version).toBe('0.0.0-local');
  });

  it('reports which XML file is malformed', () => {
    writeFileSync(join(work, 'bad.xml'), '<CodeSystem xmlns="http://hl7.org/fhir"><id value="x"/>');
    expect(() => loadFolderPackage(join(work, 'bad.xml'), { readXml })).toThrow(/bad\.xml/);
  });
});
