/**
 * The local package cache builder, run into a temp cache against a temp copy of the STU1
 * source (so a source change can be simulated without touching ../shared).
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildLocalPackageCache, STAMP_FILE, type LocalCacheResult } from '../../src/defs/local-cache.js';
import { UK_CORE_SOURCES } from '../../src/defs/ukcore.js';
import { describeWithShared, sharedPath } from '../support/shared.js';

const stu1 = UK_CORE_SOURCES.stu1;

describeWithShared('local package cache builder', () => {
  let work: string;
  let cacheDir: string;
  let sharedCopy: string;
  let first: LocalCacheResult;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'bars-cache-'));
    cacheDir = join(work, 'packages');
    sharedCopy = join(work, 'shared');
    cpSync(sharedPath('ukcore-stu1'), join(sharedCopy, 'ukcore-stu1'), { recursive: true });
    first = buildLocalPackageCache({ cacheDir, sharedDir: sharedCopy, ukCore: ['stu1'] });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('builds R4 core and UK Core STU1 as FHIR packages', () => {
    expect(first.packages.map((p) => [p.name, p.version, p.status])).toEqual([
      ['hl7.fhir.r4.core', '4.0.1', 'built'],
      [stu1.name, stu1.version, 'built'],
    ]);
    expect(first.packages[0].resources).toBe(3100);
    const errors = first.issues.filter((i) => i.severity === 'error');
    expect(errors).toEqual([]);
  });

  it('writes package.json with name, version, description, fhirVersions and dependencies', () => {
    const manifest = JSON.parse(readFileSync(join(cacheDir, `${stu1.name}#${stu1.version}`, 'package', 'package.json'), 'utf8'));
    expect(manifest).toEqual({ name: stu1.name, version: stu1.version, description: stu1.description, fhirVersions: ['4.0.1'], dependencies: { 'hl7.fhir.r4.core': '4.0.1' } });
  });

  it('gives every UK Core StructureDefinition a snapshot, one <ResourceType>-<id>.json file each', () => {
    const folder = join(cacheDir, `${stu1.name}#${stu1.version}`, 'package');
    const files = readdirSync(folder).filter((f) => f.startsWith('StructureDefinition-'));
    expect(files.length).toBe(readdirSync(sharedPath('ukcore-stu1', 'structuredefinitions')).length);
    for (const file of files) {
      const sd = JSON.parse(readFileSync(join(folder, file), 'utf8'));
      expect(file).toBe(`StructureDefinition-${sd.id}.json`);
      expect(sd.snapshot?.element?.length, file).toBeGreaterThan(0);
    }
    const serviceRequest = JSON.parse(readFileSync(join(folder, 'StructureDefinition-UKCore-ServiceRequest.json'), 'utf8'));
    expect(serviceRequest.snapshot.element[0].id).toBe('ServiceRequest');
  });

  it('is idempotent: a second run changes nothing', () => {
    const stampBefore = readFileSync(join(cacheDir, `${stu1.name}#${stu1.version}`, STAMP_FILE), 'utf8');
    const again = buildLocalPackageCache({ cacheDir, sharedDir: sharedCopy, ukCore: ['stu1'] });
    expect(again.packages.map((p) => p.status)).toEqual(['up-to-date', 'up-to-date']);
    expect(readFileSync(join(cacheDir, `${stu1.name}#${stu1.version}`, STAMP_FILE), 'utf8')).toBe(stampBefore);
  });

  it('rebuilds UK Core (only) when one of its source files changes, and on --force', () => {
    const file = join(sharedCopy, 'ukcore-stu1', 'structuredefinitions', 'UKCore-ServiceRequest.xml');
    const later = new Date(Date.now() + 60_000);
    utimesSync(file, later, later);
    const changed = buildLocalPackageCache({ cacheDir, sharedDir: sharedCopy, ukCore: ['stu1'] });
    expect(changed.packages.map((p) => p.status)).toEqual(['up-to-date', 'built']);
    const forced = buildLocalPackageCache({ cacheDir, sharedDir: sharedCopy, ukCore: ['stu1'], force: true });
    expect(forced.packages.map((p) => p.status)).toEqual(['built', 'built']);
  });

  it('skips a variant whose source folder is absent', () => {
    const result = buildLocalPackageCache({ cacheDir, sharedDir: sharedCopy, ukCore: ['stu2'] });
    expect(result.packages.map((p) => [p.name, p.status])).toEqual([
      ['hl7.fhir.r4.core', 'up-to-date'],
      [UK_CORE_SOURCES.stu2.name, 'source-missing'],
    ]);
    expect(existsSync(join(cacheDir, `${UK_CORE_SOURCES.stu2.name}#${UK_CORE_SOURCES.stu2.version}`))).toBe(false);
  });
});
