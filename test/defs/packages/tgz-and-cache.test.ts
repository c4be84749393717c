import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  listCachedPackages,
  loadCachedPackage,
  loadCachedPackageWithDependencies,
  resolveCachedVersion,
  writeCachedPackage,
} from '../../../src/defs/packages/package-cache.js';
import { loadTgzPackage } from '../../../src/defs/packages/tgz-package.js';
import type { FhirPackage } from '../../../src/defs/types.js';
import { examplePatient, profile, valueSet } from './fixtures.js';

const work = mkdtempSync(join(tmpdir(), 'bars-pkg-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function pkg(name: string, version: string, dependencies: Record<string, string> = {}, resources = [valueSet]): FhirPackage {
  return { name, version, description: `test ${name}`, dependencies, resources: resources.map((r) => ({ ...r })) };
}

describe('package .tgz', () => {
  it('loads an npm-pack layout tarball with its manifest, leaving out examples and other/', () => {
    const root = join(work, 'tgz-src');
    mkdirSync(join(root, 'package', 'example'), { recursive: true });
    mkdirSync(join(root, 'package', 'other'), { recursive: true });
    writeFileSync(join(root, 'package', 'package.json'), JSON.stringify({ name: 'example.pkg', version: '1.2.3', description: 'd', dependencies: { 'hl7.fhir.r4.core': '4.0.1' } }));
    writeFileSync(join(root, 'package', 'StructureDefinition-test-patient.json'), JSON.stringify(profile));
    writeFileSync(join(root, 'package', 'ValueSet-test-vs.json'), JSON.stringify(valueSet));
    writeFileSync(join(root, 'package', 'example', 'Patient-example.json'), JSON.stringify(examplePatient));
    writeFileSync(join(root, 'package', 'other', 'ValueSet-other.json'), JSON.stringify({ ...valueSet, id: 'other', url: 'https://example.org/other' }));
    writeFileSync(join(root, 'package', '.index.json'), JSON.stringify({ 'index-version': 1, files: [] }));
    const tgz = join(work, 'example.pkg-1.2.3.tgz');
    execFileSync('tar', ['-czf', tgz, '-C', root, 'package']);
    const loaded = loadTgzPackage(tgz);
    expect([loaded.name, loaded.version, loaded.dependencies]).toEqual(['example.pkg', '1.2.3', { 'hl7.fhir.r4.core': '4.0.1' }]);
    expect(loaded.resources.map((r) => r.url).sort()).toEqual([profile.url, valueSet.url]);
  });

  it('skips the AppleDouble ._name files macOS tar adds beside each file (binary, not FHIR)', () => {
    const root = join(work, 'tgz-mac');
    mkdirSync(join(root, 'package'), { recursive: true });
    writeFileSync(join(root, 'package', 'package.json'), JSON.stringify({ name: 'mac.pkg', version: '0.1.0' }));
    writeFileSync(join(root, 'package', 'ValueSet-test-vs.json'), JSON.stringify(valueSet));
    const appleDouble = Buffer.from([0x00, 0x05, 0x16, 0x07, 0x00, 0x02, 0x00, 0x00, 0x4d, 0x61, 0x63]);
    writeFileSync(join(root, 'package', '._ValueSet-test-vs.json'), appleDouble);
    writeFileSync(join(root, 'package', '._package.json'), appleDouble);
    const tgz = join(work, 'mac.pkg-0.1.0.tgz');
    execFileSync('tar', ['-czf', tgz, '-C', root, 'package']);
    expect(loadTgzPackage(tgz).resources.map((r) => r.url)).toEqual([valueSet.url]);
  });

  it('refuses a tarball without package/package.json', () => {
    const root = join(work, 'not-a-package');
    mkdirSync(join(root, 'stuff'), { recursive: true });
    writeFileSync(join(root, 'stuff', 'a.json'), '{}');
    const tgz = join(work, 'not.tgz');
    execFileSync('tar', ['-czf', tgz, '-C', root, 'stuff']);
    expect(() => loadTgzPackage(tgz)).toThrow(/no package\/package.json/);
  });
});

describe('FHIR package cache', () => {
  const cache = join(work, 'cache');

  it('writes package.json, .index.json and <ResourceType>-<id>.json files, and reads them back', () => {
    const folder = writeCachedPackage(cache, pkg('a.pkg', '1.0.0', { 'b.pkg': '2.0.0' }, [valueSet, profile]));
    expect(folder).toBe(join(cache, 'a.pkg#1.0.0'));
    expect(readdirSync(join(folder, 'package')).sort()).toEqual(['.index.json', 'StructureDefinition-test-patient.json', 'ValueSet-test-vs.json', 'package.json']);
    const manifest = JSON.parse(readFileSync(join(folder, 'package', 'package.json'), 'utf8'));
    expect(manifest).toEqual({ name: 'a.pkg', version: '1.0.0', description: 'test a.pkg', fhirVersions: ['4.0.1'], dependencies: { 'b.pkg': '2.0.0' } });
    const index = JSON.parse(readFileSync(join(folder, 'package', '.index.json'), 'utf8'));
    expect(index.files).toContainEqual(expect.objectContaining({ filename: 'StructureDefinition-test-patient.json', url: profile.url, type: 'Patient', kind: 'resource' }));
    const back = loadCachedPackage(cache, 'a.pkg', '1.0.0');
    expect(back?.resources.map((r) => r.url).sort()).toEqual([profile.url, valueSet.url]);
    expect(back?.dependencies).toEqual({ 'b.pkg': '2.0.0' });
  });

  it('keeps both resources when two share a type and id', () => {
    const folder = writeCachedPackage(cache, pkg('dup.pkg', '1.0.0', {}, [valueSet, { ...valueSet, url: 'https://example.org/ValueSet/other' }]));
    expect(readdirSync(join(folder, 'package')).filter((f) => f.startsWith('ValueSet')).sort()).toEqual(['ValueSet-test-vs-2.json', 'ValueSet-test-vs.json']);
  });

  it('replaces a package on rewrite, leaving no staging folder', () => {
    writeCachedPackage(cache, pkg('r.pkg', '1.0.0', {}, [valueSet, profile]));
    writeCachedPackage(cache, pkg('r.pkg', '1.0.0', {}, [valueSet]));
    expect(loadCachedPackage(cache, 'r.pkg', '1.0.0')?.resources).toHaveLength(1);
    expect(readdirSync(cache).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('resolves exact, latest and x-wildcard versions', () => {
    writeCachedPackage(cache, pkg('v.pkg', '1.9.0'));
    writeCachedPackage(cache, pkg('v.pkg', '1.10.0'));
    writeCachedPackage(cache, pkg('v.pkg', '2.0.1'));
    expect(resolveCachedVersion(cache, 'v.pkg', '1.9.0')).toBe('1.9.0');
    expect(resolveCachedVersion(cache, 'v.pkg', 'latest')).toBe('2.0.1');
    expect(resolveCachedVersion(cache, 'v.pkg')).toBe('2.0.1');
    expect(resolveCachedVersion(cache, 'v.pkg', '1.x')).toBe('1.10.0');
    expect(resolveCachedVersion(cache, 'v.pkg', '3.0.0')).toBeUndefined();
    expect(listCachedPackages(cache).filter((p) => p.name === 'v.pkg')).toHaveLength(3);
  });

  it('loads dependencies transitively, reports the missing ones and skips those already held', () => {
    writeCachedPackage(cache, pkg('top.pkg', '1.0.0', { 'mid.pkg': '1.0.0', 'held.pkg': '1.0.0' }));
    writeCachedPackage(cache, pkg('mid.pkg', '1.0.0', { 'gone.pkg': '9.9.9' }));
    const result = loadCachedPackageWithDependencies(cache, 'top.pkg', '1.0.0', { skip: new Set(['held.pkg']) });
    expect(result.packages.map((p) => p.name)).toEqual(['top.pkg', 'mid.pkg']);
    expect(result.missing).toEqual(['gone.pkg#9.9.9']);
  });

  it('reads the standard cache layout as other tools write it (package/ subfolder, examples left out)', () => {
    const folder = join(cache, 'tool.pkg#0.1.0', 'package');
    mkdirSync(join(folder, 'example'), { recursive: true });
    writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'tool.pkg', version: '0.1.0' }));
    writeFileSync(join(folder, 'ValueSet-test-vs.json'), JSON.stringify(valueSet));
    writeFileSync(join(folder, 'example', 'ValueSet-ex.json'), JSON.stringify({ ...valueSet, id: 'ex', url: 'https://example.org/ex' }));
    expect(loadCachedPackage(cache, 'tool.pkg')?.resources.map((r) => r.id)).toEqual(['test-vs']);
    expect(existsSync(join(cache, 'nothing#1.0.0'))).toBe(false);
    expect(loadCachedPackage(cache, 'nothing', '1.0.0')).toBeUndefined();
  });
});
