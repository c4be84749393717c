/**
 * Oracle 2: UK Core (STU1 and the STU2 line, FHIR XML without snapshots). For every
 * StructureDefinition, every differential constraint must be found in the generated snapshot
 * (same id, each property the differential sets has that value), with no error issues.
 * The definition set holds R4 core plus the whole UK Core folder, as UK Core profiles use
 * UK Core extensions and each other.
 */
import type { StructureDefinition } from 'fhir/r4.js';
import { beforeAll, expect, it } from 'vitest';
import { createDefinitionSet } from '../../src/defs/definition-set.js';
import { createXmlResourceReader } from '../../src/defs/packages/xml-resource-reader.js';
import { loadR4CorePackage } from '../../src/defs/r4-core.js';
import { createSnapshotCache, generateSnapshot } from '../../src/defs/snapshot.js';
import type { DefinitionSet, FhirPackage } from '../../src/defs/types.js';
import { loadUkCoreSourcePackage, type UkCoreVariant } from '../../src/defs/ukcore.js';
import { describeWithShared, sharedDir } from '../support/shared.js';
import { differentialNotInSnapshot } from './snapshot-compare.js';

let core: FhirPackage;
let coreDefs: DefinitionSet;

beforeAll(() => {
  core = loadR4CorePackage();
  coreDefs = createDefinitionSet([core]);
});

function checkVariant(variant: UkCoreVariant, expectedProfiles: number): void {
  it(`UK Core ${variant}: every differential constraint is in the generated snapshot, with no error issues`, () => {
    const ukCore = loadUkCoreSourcePackage(sharedDir, variant, createXmlResourceReader(coreDefs));
    const defs = createDefinitionSet([core, ukCore]);
    const profiles = ukCore.resources.filter((r) => r.resourceType === 'StructureDefinition') as unknown as StructureDefinition[];
    expect(profiles.length).toBe(expectedProfiles);
    expect(profiles.every((sd) => !sd.snapshot)).toBe(true);

    const cache = createSnapshotCache();
    const started = performance.now();
    const results = profiles.map((sd) => ({ sd, ...generateSnapshot(sd, defs, { cache }) }));
    const elapsed = performance.now() - started;

    const problems: string[] = [];
    let elementsChecked = 0;
    for (const { sd, structureDefinition, issues } of results) {
      for (const issue of issues) if (issue.severity === 'error' || issue.severity === 'fatal') problems.push(`${sd.id}: ${issue.ruleId} ${issue.message}`);
      const differential = sd.differential?.element ?? [];
      elementsChecked += differential.length;
      for (const d of differentialNotInSnapshot(differential, structureDefinition.snapshot?.element ?? [])) {
        problems.push(`${sd.id}: ${d.id} ${d.property}: expected ${JSON.stringify(d.expected)}, found ${JSON.stringify(d.actual)}`.slice(0, 400));
      }
      expect(structureDefinition.snapshot?.element[0].id).toBe(sd.type);
    }
    console.info(
      `[snapshot oracle 2] UK Core ${variant}: ${profiles.length} StructureDefinitions, ${elementsChecked} differential elements checked, ` +
        `${problems.length} problems; snapshots generated in ${elapsed.toFixed(0)} ms`,
    );
    expect(problems).toEqual([]);
  });
}

describeWithShared('snapshot oracle 2: UK Core differentials are carried by the generated snapshots', () => {
  checkVariant('stu1', 98);
  checkVariant('stu2', 153);

  it('UKCore-Patient (STU1): UK Core extension slices unfold from their extension definitions, url fixed', () => {
    const ukCore = loadUkCoreSourcePackage(sharedDir, 'stu1', createXmlResourceReader(coreDefs));
    const defs = createDefinitionSet([core, ukCore]);
    const patient = defs.resolve('https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient') as unknown as StructureDefinition;
    const { structureDefinition, issues } = generateSnapshot(patient, defs);
    expect(issues).toEqual([]);
    const byId = new Map(structureDefinition.snapshot?.element.map((e) => [e.id, e]));
    expect(byId.get('Patient.extension:birthPlace.url')?.fixedUri).toBe('http://hl7.org/fhir/StructureDefinition/patient-birthPlace');
    expect(byId.get('Patient.identifier:nhsNumber.system')?.fixedUri).toBe('https://fhir.nhs.uk/Id/nhs-number');
    expect(byId.get('Patient.identifier')?.slicing?.discriminator?.[0]).toEqual({ type: 'value', path: 'system' });
  });
});
