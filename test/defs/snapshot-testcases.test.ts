/**
 * The profiles of the HL7 validator test cases (../shared/fhir-test-cases) that come without
 * snapshots: each gets one, nothing throws, and the only errors are the faults these profiles
 * really have (listed below with the reason).
 */
import { readFileSync } from 'node:fs';
import type { StructureDefinition } from 'fhir/r4.js';
import { expect, it } from 'vitest';
import { createDefinitionSet } from '../../src/defs/definition-set.js';
import { createXmlResourceReader } from '../../src/defs/packages/xml-resource-reader.js';
import { loadR4CorePackage } from '../../src/defs/r4-core.js';
import { createSnapshotCache, generateSnapshot } from '../../src/defs/snapshot.js';
import type { ConformanceResource } from '../../src/defs/types.js';
import { describeWithShared, sharedPath } from '../support/shared.js';

interface TestCase {
  profile?: string | null;
  supporting?: string[];
}

/** Errors these profiles earn, by canonical URL: `ruleId location`. */
const EXPECTED_ERRORS: Record<string, string[]> = {
  // selectionBehavior is 0..1 in PlanDefinition; the profile makes it 1..*.
  'http://hl7.org/fhir/pq-cmc/StructureDefinition/pharmqualityspecification': ['snapshot-max-widened PlanDefinition.action:actionAlternate.selectionBehavior'],
  // A logical model on the R5 type Base, which R4 does not have.
  'http://example.org/StructureDefinition/Foo': ['snapshot-base-not-found'],
  // Their bases come from packages the cases load by name, not from files.
  'http://hl7.org/fhir/test/StructureDefinition/package-version-test-profile-x': ['snapshot-base-not-found'],
  'http://hl7.org/fhir/test/StructureDefinition/package-version-test-profile-other-x': ['snapshot-base-not-found'],
  // Patient has birthDate, not dateOfBirth.
  'http://hl7.org/fhir/test/StructureDefinition/parameters-profiled-resource-profiles-patient2': ['snapshot-path-not-found Patient.dateOfBirth'],
};

describeWithShared('snapshots of the fhir-test-cases profiles', () => {
  it('every StructureDefinition without a snapshot gets one; the only errors are the listed faults', () => {
    const core = loadR4CorePackage();
    const readXml = createXmlResourceReader(createDefinitionSet([core]));
    const cases = JSON.parse(readFileSync(sharedPath('fhir-test-cases', 'r4-cases.json'), 'utf8')) as TestCase[];
    const files = new Set(cases.flatMap((c) => [...(c.profile ? [c.profile] : []), ...(c.supporting ?? [])]));
    const resources: ConformanceResource[] = [];
    for (const file of files) {
      const text = readFileSync(sharedPath('fhir-test-cases', file), 'utf8');
      const resource = file.endsWith('.xml') ? readXml(text, file) : (JSON.parse(text) as ConformanceResource);
      const entries = resource.resourceType === 'Bundle' ? ((resource.entry as Array<{ resource?: ConformanceResource }> | undefined) ?? []).map((e) => e.resource) : [resource];
      for (const entry of entries) if (entry) resources.push(entry);
    }
    const defs = createDefinitionSet([core, { name: 'fhir-test-cases', version: '0.0.0', resources }]);
    const profiles = resources.filter((r) => r.resourceType === 'StructureDefinition' && !r.snapshot) as unknown as StructureDefinition[];
    expect(profiles.length).toBeGreaterThan(70);

    const cache = createSnapshotCache();
    const errors: Record<string, string[]> = {};
    let withSnapshot = 0;
    for (const sd of profiles) {
      const { structureDefinition, issues } = generateSnapshot(sd, defs, { cache });
      if (structureDefinition.snapshot?.element.length) withSnapshot++;
      const found = issues.filter((i) => i.severity === 'error').map((i) => `${i.ruleId}${i.location && i.ruleId !== 'snapshot-base-not-found' ? ` ${i.location}` : ''}`);
      if (found.length) errors[sd.url] = [...(errors[sd.url] ?? []), ...found];
    }
    const withoutBase = Object.values(EXPECTED_ERRORS).filter((e) => e.includes('snapshot-base-not-found')).length;
    console.info(`[snapshot] fhir-test-cases: ${withSnapshot} of ${profiles.length} profiles without a snapshot got one`);
    expect(withSnapshot).toBe(profiles.length - withoutBase);
    expect(errors).toEqual(EXPECTED_ERRORS);
  });
});
