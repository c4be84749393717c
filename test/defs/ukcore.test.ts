import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { createDefinitionSet } from '../../src/defs/definition-set.js';
import { createXmlResourceReader } from '../../src/defs/packages/xml-resource-reader.js';
import { loadR4CorePackage } from '../../src/defs/r4-core.js';
import type { FhirPackage } from '../../src/defs/types.js';
import { loadUkCoreSourcePackage, UK_CORE_SOURCES, withSnapshots } from '../../src/defs/ukcore.js';
import { describeWithShared, sharedDir, sharedPath } from '../support/shared.js';

describeWithShared('UK Core packages from ../shared', () => {
  let core: FhirPackage;
  let stu1: FhirPackage;

  beforeAll(() => {
    core = loadR4CorePackage();
    stu1 = loadUkCoreSourcePackage(sharedDir, 'stu1', createXmlResourceReader(createDefinitionSet([core])));
  });

  it('names the local builds honestly: the source commit and date are those in SOURCE.md', () => {
    const source = readFileSync(sharedPath('ukcore-stu1', 'SOURCE.md'), 'utf8');
    expect(source).toContain('a340577f');
    expect(source).toContain('2022-10-15');
    expect(UK_CORE_SOURCES.stu1.description).toContain('a340577f');
    expect(UK_CORE_SOURCES.stu1.version).toBe('0.5.1-local.20221015');
    expect(readFileSync(sharedPath('ukcore', 'SOURCE.md'), 'utf8')).toContain('2025-06-20');
    expect(UK_CORE_SOURCES.stu2.version).toMatch(/-local\.20250620$/);
  });

  it('reads every STU1 conformance resource from XML, depending on R4 core only', () => {
    const byType = (type: string) => stu1.resources.filter((r) => r.resourceType === type).length;
    expect([byType('StructureDefinition'), byType('ValueSet'), byType('CodeSystem'), byType('ConceptMap')]).toEqual([98, 91, 67, 3]);
    expect(stu1.dependencies).toEqual({ 'hl7.fhir.r4.core': '4.0.1' });
    expect(stu1.resources.every((r) => !('snapshot' in r))).toBe(true);
  });

  it('withSnapshots adds snapshots without changing the source package', () => {
    const calls: string[] = [];
    const built = withSnapshots(stu1, [core], (sd) => {
      calls.push(String(sd.id));
      return { structureDefinition: { ...sd, snapshot: { element: [{ id: 'x', path: 'x' }] } }, issues: [] };
    });
    expect(calls).toHaveLength(98);
    expect(built.package.resources.filter((r) => r.resourceType === 'StructureDefinition').every((r) => 'snapshot' in r)).toBe(true);
    expect(stu1.resources.every((r) => !('snapshot' in r))).toBe(true);
  });
});
