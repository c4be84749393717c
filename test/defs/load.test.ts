import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadDefinitions } from '../../src/defs/load.js';
import { writeCachedPackage } from '../../src/defs/packages/package-cache.js';
import type { Issue } from '../../src/model/issue.js';
import type { ConformanceResource, DefinitionSet } from '../../src/defs/types.js';
import { UK_CORE_SOURCES } from '../../src/defs/ukcore.js';
import { describeWithShared, sharedPath } from '../support/shared.js';

const UKCORE_SR = 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-ServiceRequest';
const profile = (id: string) => ({
  resourceType: 'StructureDefinition',
  id,
  url: `https://example.org/StructureDefinition/${id}`,
  version: '1.0.0',
  kind: 'resource',
  type: 'Patient',
  derivation: 'constraint',
  baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Patient',
  differential: { element: [] },
});

describeWithShared('loadDefinitions', () => {
  let work: string;
  let defaults: DefinitionSet;
  let notes: Issue[];

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'bars-load-'));
    notes = [];
    defaults = loadDefinitions({ generatedDir: false, onIssue: (i) => notes.push(i) });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('loads R4 core (reverted) and UK Core STU1 with snapshots from the local cache by default', () => {
    expect(defaults.packages.map((p) => `${p.name}#${p.version}`)).toEqual(['hl7.fhir.r4.core#4.0.1', `${UK_CORE_SOURCES.stu1.name}#${UK_CORE_SOURCES.stu1.version}`]);
    const sr = defaults.resolve<ConformanceResource & { snapshot?: { element: unknown[] } }>(UKCORE_SR);
    expect(sr?.snapshot?.element.length).toBeGreaterThan(0);
    expect(defaults.typeDefinition('SubscriptionStatus')).toBeUndefined();
    expect(notes).toEqual([]);
  });

  it('loads STU2 instead when asked, and no UK Core for none', () => {
    const stu2 = loadDefinitions({ ukCore: 'stu2', generatedDir: false });
    expect(stu2.packages.map((p) => p.name)).toEqual(['hl7.fhir.r4.core', UK_CORE_SOURCES.stu2.name]);
    expect(loadDefinitions({ ukCore: 'none', generatedDir: false }).resolve(UKCORE_SR)).toBeUndefined();
  });

  it('falls back to the ../shared XML with snapshots generated at load when the cache is not built', () => {
    const seen: Issue[] = [];
    const defs = loadDefinitions({ localCacheDir: join(work, 'empty-cache'), generatedDir: false, onIssue: (i) => seen.push(i) });
    expect(seen.map((i) => i.ruleId)).toContain('ukcore-from-xml');
    expect(defs.resolve<ConformanceResource & { snapshot?: unknown }>(UKCORE_SR)?.snapshot).toBeDefined();
  });

  it('adds generated/, IG folders of XML, single files and .tgz packages', () => {
    const generated = join(work, 'generated');
    mkdirSync(generated);
    writeFileSync(join(generated, 'StructureDefinition-gen.json'), JSON.stringify(profile('gen')));
    const single = join(work, 'single.json');
    writeFileSync(single, JSON.stringify(profile('single')));
    mkdirSync(join(work, 'tgz', 'package'), { recursive: true });
    writeFileSync(join(work, 'tgz', 'package', 'package.json'), JSON.stringify({ name: 'tgz.pkg', version: '3.0.0' }));
    writeFileSync(join(work, 'tgz', 'package', 'StructureDefinition-tgz.json'), JSON.stringify(profile('tgz')));
    const tgz = join(work, 'tgz.pkg-3.0.0.tgz');
    execFileSync('tar', ['-czf', tgz, '-C', join(work, 'tgz'), 'package']);
    const defs = loadDefinitions({ ukCore: 'none', generatedDir: generated, igs: [sharedPath('bars-ig', 'StructureDefinition'), single, tgz] });
    expect(defs.resolve('https://example.org/StructureDefinition/tgz')).toBeDefined();
    expect(defs.resolve('https://example.org/StructureDefinition/gen')).toBeDefined();
    expect(defs.resolve('https://example.org/StructureDefinition/single')).toBeDefined();
    expect(defs.resolve('https://fhir.nhs.uk/StructureDefinition/BARSBundleMessage')?.resourceType).toBe('StructureDefinition');
    expect(defs.packages.map((p) => p.name)).toEqual(['hl7.fhir.r4.core', 'bars.generated', 'local.StructureDefinition', 'local.single.json', 'tgz.pkg']);
  });

  it('loads named packages with their dependencies from a FHIR package cache, and says which are missing', () => {
    const cache = join(work, 'fhir-cache');
    writeCachedPackage(cache, { name: 'top.pkg', version: '1.0.0', dependencies: { 'dep.pkg': '1.0.0', 'hl7.fhir.r4.core': '4.0.1', 'gone.pkg': '1.0.0' }, resources: [profile('top')] });
    writeCachedPackage(cache, { name: 'dep.pkg', version: '1.0.0', dependencies: {}, resources: [profile('dep')] });
    const seen: Issue[] = [];
    const defs = loadDefinitions({ ukCore: 'none', generatedDir: false, packages: ['top.pkg#1.0.0'], packageCacheDir: cache, onIssue: (i) => seen.push(i) });
    expect(defs.packages.map((p) => p.name)).toEqual(['hl7.fhir.r4.core', 'top.pkg', 'dep.pkg']);
    expect(defs.resolve('https://example.org/StructureDefinition/dep')).toBeDefined();
    expect(seen.map((i) => [i.ruleId, i.message])).toEqual([['package-not-found', `package gone.pkg#1.0.0 is not in ${cache}`]]);
  });
});
