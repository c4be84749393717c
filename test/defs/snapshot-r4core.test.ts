/**
 * Oracle 1: every R4 core constraint profile and extension definition ships both a
 * differential and the published snapshot. Each snapshot is regenerated from the differential
 * and the base, and compared with the published one element for element. The differences
 * that remain are listed below one by one, each with the reason the published snapshot differs.
 */
import type { StructureDefinition } from 'fhir/r4.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDefinitionSet } from '../../src/defs/definition-set.js';
import { loadR4CorePackage } from '../../src/defs/r4-core.js';
import { createSnapshotCache, generateSnapshot } from '../../src/defs/snapshot.js';
import type { DefinitionSet } from '../../src/defs/types.js';
import type { Issue } from '../../src/model/issue.js';
import { compareSnapshots, type ElementDifference } from './snapshot-compare.js';

interface KnownDifference {
  profile: string;
  why: string;
  matches(difference: ElementDifference, sd: StructureDefinition): boolean;
  /** Issues the generator rightly reports for this profile. */
  issueRuleIds?: string[];
  /** The cause is outside the generator (Medplum's copy of the base) and may be fixed there. */
  mayDisappear?: boolean;
}

const FMH_SLICED_WITHOUT_SLICING = ['relationship', 'sex', 'born[x]', 'age[x]', 'deceased[x]', 'condition'];

const KNOWN_DIFFERENCES: KnownDifference[] = [
  {
    profile: 'familymemberhistory-genetic',
    why:
      'the differential names slices (relationship:Relationship, sex:Sex, ...) of elements that have no slicing; the published ' +
      'snapshot then drops the unsliced element, we keep it and report the missing slicing',
    matches: (d) =>
      d.property === 'element' && d.actual === 'extra' &&
      FMH_SLICED_WITHOUT_SLICING.some((name) => d.id === `FamilyMemberHistory.${name}` || d.id.startsWith(`FamilyMemberHistory.${name}.`)),
    issueRuleIds: Array(6).fill('snapshot-slicing-missing'),
  },
  {
    profile: 'catalog',
    why: 'Composition.date:IssueDate slices an element without slicing; the published snapshot drops Composition.date, we keep it and report it',
    matches: (d) => d.property === 'element' && d.actual === 'extra' && d.id === 'Composition.date',
    issueRuleIds: ['snapshot-slicing-missing'],
  },
  {
    profile: 'provenance-relevant-history',
    why: 'the published snapshot points Provenance.entity.agent at a slice (#Provenance.agent:Author); a content reference names the element itself (#Provenance.agent)',
    matches: (d) => d.id === 'Provenance.entity.agent' && d.property === 'contentReference' && d.expected === '#Provenance.agent:Author' && d.actual === '#Provenance.agent',
  },
  {
    profile: 'provenance-relevant-history',
    why:
      'the profile binds Provenance.agent.type (the slicing entry) to provenance-history-agent-type and then slices agent; ' +
      'the slicing entry\'s constraints hold for every slice, so slice Author\'s type carries that binding (SUSHI builds ' +
      'slices the same way); the 2019 publication built the slice from the base and kept provenance-agent-type',
    matches: (d) =>
      d.id === 'Provenance.agent:Author.type' && d.property === 'binding' &&
      (d.expected as { valueSet?: string }).valueSet === 'http://hl7.org/fhir/ValueSet/provenance-agent-type' &&
      (d.actual as { valueSet?: string }).valueSet === 'http://hl7.org/fhir/ValueSet/provenance-history-agent-type',
  },
  {
    profile: 'clinicaldocument',
    why:
      'extension:versionNumber does not state its cardinality; we take 0..1 from the extension definition (as SUSHI and current ' +
      'HL7 tooling do), the 2019 publication kept the 0..* of Composition.extension',
    matches: (d) => d.id === 'Composition.extension:versionNumber' && d.property === 'max' && d.expected === '*' && d.actual === '1',
  },
  {
    profile: 'elementdefinition-de',
    why:
      'the published snapshot unfolds the children of the extension slices Question and AllowedUnits although the differential ' +
      'says nothing inside them; elsewhere (e.g. cqf-questionnaire) it does not, and we unfold only where the differential constrains inside',
    matches: (d) =>
      d.property === 'element' && d.actual === 'missing' &&
      /^ElementDefinition\.extension:(Question|AllowedUnits)\.(id|extension|url|value\[x\])$/.test(d.id),
  },
  ...(
    [
      ['cholesterol', 'high'],
      ['hdlcholesterol', 'low'],
      ['ldlcholesterol', 'high'],
    ] as const
  ).map(([profile, bound]): KnownDifference => ({
    profile,
    why:
      `referenceRange.${bound} restates its type Quantity with the SimpleQuantity profile; the published snapshot copies that ` +
      "profile's root constraints (qty-3, sqty-1) onto the element, we do not: they hold anyway when the value is checked " +
      'against SimpleQuantity, and a copy would make the validator report them twice (SUSHI does not copy them either)',
    matches: (d) =>
      d.id === `Observation.referenceRange.${bound}` && d.property === 'constraintKeys' &&
      JSON.stringify(d.expected) === JSON.stringify(['ele-1', 'qty-3', 'sqty-1']) && JSON.stringify(d.actual) === JSON.stringify(['ele-1']),
  })),
  {
    profile: 'ehrsrle-auditevent',
    why:
      "Medplum's copy of AuditEvent adds its own Bot and ClientApplication to agent.who's target profiles (not reverted by " +
      'r4-core-reverts.ts yet); the published profile snapshot has the 4.0.1 targets',
    matches: (d) => d.id === 'AuditEvent.agent.who' && d.property === 'type' && JSON.stringify(d.actual).includes('https://medplum.com/'),
    mayDisappear: true,
  },
];

interface ProfileOutcome {
  sd: StructureDefinition;
  generated: StructureDefinition;
  differences: ElementDifference[];
  issues: Issue[];
}

describe('snapshot oracle 1: R4 core profiles and extension definitions', () => {
  let defs: DefinitionSet;
  let outcomes: ProfileOutcome[];

  beforeAll(() => {
    defs = createDefinitionSet([loadR4CorePackage()]);
    const profiles = defs
      .all('StructureDefinition')
      .filter((r) => r.derivation === 'constraint') as unknown as StructureDefinition[];
    const cache = createSnapshotCache();
    outcomes = profiles.map((sd) => {
      const { structureDefinition, issues } = generateSnapshot(sd, defs, { cache });
      return { sd, generated: structureDefinition, issues, differences: compareSnapshots(sd.snapshot?.element ?? [], structureDefinition.snapshot?.element ?? []) };
    });
  });

  it('covers every core constraint profile: vital signs, profiles-others, SimpleQuantity/MoneyQuantity and the 393 extension definitions', () => {
    const ids = new Set(outcomes.map((o) => o.sd.id));
    for (const id of ['vitalsigns', 'bodyweight', 'bp', 'SimpleQuantity', 'MoneyQuantity', 'patient-birthPlace', 'cqf-questionnaire']) expect(ids).toContain(id);
    expect(outcomes.filter((o) => o.sd.type === 'Extension')).toHaveLength(393);
    expect(outcomes).toHaveLength(439);
  });

  it('reproduces the published snapshots; every remaining difference is a listed, explained one', () => {
    const unexplained: string[] = [];
    const usedKnown = new Set<KnownDifference>();
    let fullyMatching = 0;
    for (const { sd, differences, issues } of outcomes) {
      const known = KNOWN_DIFFERENCES.filter((k) => k.profile === sd.id);
      for (const difference of differences) {
        const explanation = known.find((k) => k.matches(difference, sd));
        if (explanation) usedKnown.add(explanation);
        else unexplained.push(`${sd.id}: ${JSON.stringify(difference).slice(0, 300)}`);
      }
      const expectedRuleIds = known.flatMap((k) => k.issueRuleIds ?? []).sort();
      const ruleIds = issues.map((i) => i.ruleId).sort();
      if (JSON.stringify(ruleIds) !== JSON.stringify(expectedRuleIds)) unexplained.push(`${sd.id}: issues ${issues.map((i) => i.message).join('; ')}`);
      if (differences.length === 0 && issues.length === 0) fullyMatching++;
    }
    console.info(`[snapshot oracle 1] ${fullyMatching} of ${outcomes.length} R4 core constraint profiles match the published snapshot fully`);
    expect(unexplained).toEqual([]);
    // A known difference that no longer happens must be taken off the list (unless its cause lies outside the generator).
    const stale = KNOWN_DIFFERENCES.filter((k) => !usedKnown.has(k) && !k.mayDisappear).map((k) => k.profile);
    expect(stale).toEqual([]);
    expect(fullyMatching).toBeGreaterThanOrEqual(outcomes.length - new Set(KNOWN_DIFFERENCES.map((k) => k.profile)).size);
  });

  it('vital signs: bodyweight gets value[x] closed to Quantity with a valueQuantity type slice, as published', () => {
    const bodyweight = outcomes.find((o) => o.sd.id === 'bodyweight');
    expect(bodyweight?.differences).toEqual([]);
    const generated = bodyweight?.generated.snapshot?.element ?? [];
    expect(generated.find((e) => e.id === 'Observation.value[x]')?.type?.map((t) => t.code)).toEqual(['Quantity']);
    expect(generated.find((e) => e.id === 'Observation.value[x]:valueQuantity.code')?.binding?.valueSet).toBe('http://hl7.org/fhir/ValueSet/ucum-bodyweight|4.0.1');
    // The input is left as it was: the generated snapshot is a new object.
    expect(bodyweight?.generated).not.toBe(bodyweight?.sd);
  });
});

/**
 * Oracle 1b: the core types and resources themselves (derivation specialization, 208 with a
 * base) regenerated from their differentials: inherited elements renamed under the new type,
 * new elements with their own base and ele-1.
 */
const KNOWN_SPECIALIZATION_DIFFERENCES: KnownDifference[] = [
  ...(['positiveInt', 'unsignedInt'] as const).map((id): KnownDifference => ({
    profile: id,
    why: `R4 core itself types ${id}.value as System.String while integer.value, its base, is System.Integer; we report the change of type`,
    matches: () => false,
    issueRuleIds: ['snapshot-type-not-allowed'],
  })),
  {
    profile: 'Meta',
    why: "Medplum's copy of Meta adds its own elements (project, author, account, compartment, deleted, ...) to the snapshot, not to the differential",
    matches: (d, sd) =>
      d.property === 'element' && d.actual === 'missing' && /^Meta\.[A-Za-z]+$/.test(d.id) &&
      !(sd.differential?.element ?? []).some((e) => e.id === d.id),
    mayDisappear: true,
  },
  {
    profile: 'MetadataResource',
    why: 'the published MetadataResource (an abstract pattern, not a real resource) gives its root base 1..1 and ele-1, unlike every other resource',
    matches: (d) =>
      d.id === 'MetadataResource' &&
      ((d.property === 'base' && JSON.stringify(d.expected) === JSON.stringify({ path: 'MetadataResource', min: 1, max: '1' })) ||
        (d.property === 'constraintKeys' && JSON.stringify(d.expected) === JSON.stringify([...(d.actual as string[]), 'ele-1'].sort()))),
  },
];

describe('snapshot oracle 1b: R4 core types and resources (specializations)', () => {
  it('reproduces the published snapshots from the differentials; the remaining differences are listed and explained', () => {
    const defs = createDefinitionSet([loadR4CorePackage()]);
    const types = defs
      .all('StructureDefinition')
      .filter((r) => r.derivation === 'specialization' && r.baseDefinition) as unknown as StructureDefinition[];
    const cache = createSnapshotCache();
    const unexplained: string[] = [];
    let fullyMatching = 0;
    for (const sd of types) {
      const { structureDefinition, issues } = generateSnapshot({ ...sd, snapshot: undefined }, defs, { cache });
      const differences = compareSnapshots(sd.snapshot?.element ?? [], structureDefinition.snapshot?.element ?? []);
      const known = KNOWN_SPECIALIZATION_DIFFERENCES.filter((k) => k.profile === sd.id);
      for (const difference of differences) {
        if (!known.some((k) => k.matches(difference, sd))) unexplained.push(`${sd.id}: ${JSON.stringify(difference).slice(0, 300)}`);
      }
      const expectedRuleIds = known.flatMap((k) => k.issueRuleIds ?? []).sort();
      if (JSON.stringify(issues.map((i) => i.ruleId).sort()) !== JSON.stringify(expectedRuleIds)) unexplained.push(`${sd.id}: issues ${issues.map((i) => i.message).join('; ')}`);
      if (differences.length === 0 && issues.length === 0) fullyMatching++;
    }
    console.info(`[snapshot oracle 1b] ${fullyMatching} of ${types.length} R4 core types and resources match the published snapshot fully`);
    expect(types.length).toBe(208);
    expect(unexplained).toEqual([]);
    expect(fullyMatching).toBeGreaterThanOrEqual(types.length - KNOWN_SPECIALIZATION_DIFFERENCES.length);
  });
});
