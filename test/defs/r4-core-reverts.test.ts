import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { medplumR4Dir, R4_CORE_BUNDLE_FILES, r4CorePackageFromBundles } from '../../src/defs/r4-core.js';
import { MEDPLUM_REVERTS } from '../../src/defs/r4-core-reverts.js';
import type { ConformanceResource } from '../../src/defs/types.js';

interface Element {
  id: string;
  path: string;
  min?: number;
  max?: string;
  type?: Array<{ code: string; targetProfile?: string[] }>;
  binding?: { strength: string; valueSet?: string; description?: string };
  constraint?: Array<{ key: string; expression?: string; human?: string; xpath?: string }>;
  contentReference?: string;
  mustSupport?: boolean;
  [key: string]: unknown;
}
interface SD extends ConformanceResource {
  type: string;
  kind: string;
  derivation?: string;
  snapshot: { element: Element[] };
  differential: { element: Element[] };
}

const FHIR_SD = 'http://hl7.org/fhir/StructureDefinition/';
let bundles: Array<{ entry?: Array<{ resource?: ConformanceResource }> }>;
let reverted: ConformanceResource[];

function sd(resources: ConformanceResource[], id: string): SD {
  const found = resources.find((r) => r.resourceType === 'StructureDefinition' && r.url === FHIR_SD + id);
  if (!found) throw new Error(`no core StructureDefinition ${id}`);
  return found as SD;
}
function el(def: SD, part: 'snapshot' | 'differential', id: string): Element {
  const found = def[part].element.find((e) => e.id === id);
  if (!found) throw new Error(`${def.id} ${part}: no ${id}`);
  return found;
}
const both = ['snapshot', 'differential'] as const;
const coreSpecializations = () =>
  (reverted.filter((r) => r.resourceType === 'StructureDefinition' && r.url === FHIR_SD + r.id) as SD[]).filter((d) => d.derivation === 'specialization');
const medplumResources = () => bundles.flatMap((b) => (b.entry ?? []).map((e) => e.resource!).filter(Boolean));

beforeAll(() => {
  bundles = R4_CORE_BUNDLE_FILES.map((f) => JSON.parse(readFileSync(join(medplumR4Dir(), f), 'utf8')));
  reverted = r4CorePackageFromBundles(bundles).resources;
});

describe('Medplum reverts to FHIR 4.0.1', () => {
  it('AuditEvent.source.observer targets the six 4.0.1 types in snapshot and differential', () => {
    for (const part of both) {
      expect(el(sd(reverted, 'AuditEvent'), part, 'AuditEvent.source.observer').type).toEqual([
        { code: 'Reference', targetProfile: ['PractitionerRole', 'Practitioner', 'Organization', 'Device', 'Patient', 'RelatedPerson'].map((t) => FHIR_SD + t) },
      ]);
    }
  });

  it('MeasureReport.subject targets the seven 4.0.1 types', () => {
    for (const part of both) {
      expect(el(sd(reverted, 'MeasureReport'), part, 'MeasureReport.subject').type?.[0].targetProfile).toEqual(
        ['Patient', 'Practitioner', 'PractitionerRole', 'Location', 'Device', 'RelatedPerson', 'Group'].map((t) => FHIR_SD + t),
      );
    }
  });

  it('ResearchStudy.site is Reference(Location) only', () => {
    for (const part of both) {
      expect(el(sd(reverted, 'ResearchStudy'), part, 'ResearchStudy.site').type).toEqual([{ code: 'Reference', targetProfile: [`${FHIR_SD}Location`] }]);
    }
  });

  it('Bundle.entry.response.outcome has type Resource', () => {
    for (const part of both) expect(el(sd(reverted, 'Bundle'), part, 'Bundle.entry.response.outcome').type).toEqual([{ code: 'Resource' }]);
  });

  it('DetectedIssue.status binds observation-status|4.0.1 (required), as published', () => {
    for (const part of both) {
      const binding = el(sd(reverted, 'DetectedIssue'), part, 'DetectedIssue.status').binding;
      expect(binding?.valueSet).toBe('http://hl7.org/fhir/ValueSet/observation-status|4.0.1');
      expect(binding?.strength).toBe('required');
    }
  });

  it('ResearchStudy.status binds research-study-status|4.0.1 (required) and primaryPurposeType is extensible', () => {
    const rs = sd(reverted, 'ResearchStudy');
    for (const part of both) {
      const status = el(rs, part, 'ResearchStudy.status');
      expect(status.binding).toMatchObject({ strength: 'required', valueSet: 'http://hl7.org/fhir/ValueSet/research-study-status|4.0.1' });
      expect(status.short).toMatch(/^active \| administratively-completed/);
      expect(el(rs, part, 'ResearchStudy.primaryPurposeType').binding).toMatchObject({
        strength: 'extensible',
        valueSet: 'http://hl7.org/fhir/ValueSet/research-study-prim-purp-type',
      });
    }
  });

  it('ResearchStudy has the 4.0.1 element list (R5 backports removed) and a core-shaped differential', () => {
    const rs = sd(reverted, 'ResearchStudy');
    const topLevel = rs.snapshot.element.filter((e) => e.path.split('.').length === 2).map((e) => e.path.split('.')[1]);
    expect(topLevel).toEqual([
      'id', 'meta', 'implicitRules', 'language', 'text', 'contained', 'extension', 'modifierExtension',
      'identifier', 'title', 'protocol', 'partOf', 'status', 'primaryPurposeType', 'phase', 'category', 'focus', 'condition',
      'contact', 'relatedArtifact', 'keyword', 'location', 'description', 'enrollment', 'period', 'sponsor',
      'principalInvestigator', 'site', 'reasonStopped', 'note', 'arm', 'objective',
    ]);
    expect(rs.snapshot.element.map((e) => e.id).filter((id) => id.startsWith('ResearchStudy.objective.'))).toEqual(
      ['id', 'extension', 'modifierExtension', 'name', 'type'].map((n) => `ResearchStudy.objective.${n}`),
    );
    expect(rs.differential.element.map((e) => e.id)).not.toContain('ResearchStudy.studyDesign');
    for (const e of rs.differential.element) {
      expect(e.base, e.id).toBeUndefined();
      expect(e.mustSupport, e.id).toBeUndefined();
    }
  });

  it('EvidenceVariable.characteristic has the 4.0.1 shape in the snapshot', () => {
    const ev = sd(reverted, 'EvidenceVariable');
    const ids = ev.snapshot.element.map((e) => e.id).filter((id) => id.startsWith('EvidenceVariable.characteristic'));
    expect(ids).toEqual(
      ['', '.id', '.extension', '.modifierExtension', '.description', '.definition[x]', '.usageContext', '.exclude', '.participantEffective[x]', '.timeFromStart', '.groupMeasure'].map(
        (s) => `EvidenceVariable.characteristic${s}`,
      ),
    );
    const characteristic = el(ev, 'snapshot', 'EvidenceVariable.characteristic');
    expect([characteristic.min, characteristic.max]).toEqual([1, '*']);
    expect(characteristic.constraint?.map((c) => c.key)).toEqual(['ele-1']);
    expect(el(ev, 'snapshot', 'EvidenceVariable.characteristic.description').type).toEqual([{ code: 'string' }]);
    expect(el(ev, 'snapshot', 'EvidenceVariable.characteristic.groupMeasure').binding?.valueSet).toBe('http://hl7.org/fhir/ValueSet/group-measure|4.0.1');
  });

  it('tim-9 carries the 4.0.1 expression and human text in snapshot and differential', () => {
    for (const part of both) {
      const tim9 = el(sd(reverted, 'Timing'), part, 'Timing.repeat').constraint?.find((c) => c.key === 'tim-9');
      expect(tim9?.expression).toBe("offset.empty() or (when.exists() and ((when in ('C' | 'CM' | 'CD' | 'CV')).not()))");
      expect(tim9?.human).toBe("If there's an offset, there must be a when (and not C, CM, CD, CV)");
    }
  });

  it('ras-2 carries the 4.0.1 expression in snapshot and differential', () => {
    for (const part of both) {
      const ras2 = el(sd(reverted, 'RiskAssessment'), part, 'RiskAssessment.prediction').constraint?.find((c) => c.key === 'ras-2');
      expect(ras2?.expression).toBe('probability is decimal implies (probability as decimal) <= 100');
    }
  });

  it('removes the R5-only SubscriptionStatus and snapshot-only R5 elements elsewhere', () => {
    expect(reverted.some((r) => r.url === `${FHIR_SD}SubscriptionStatus`)).toBe(false);
    const snapshotIds = (id: string) => sd(reverted, id).snapshot.element.map((e) => e.id);
    expect(snapshotIds('Binary')).not.toContain('Binary.url');
    expect(snapshotIds('DeviceDefinition').filter((i) => /classification|bodySite/.test(i))).toEqual([]);
    expect(snapshotIds('HealthcareService')).not.toContain('HealthcareService.offeredIn');
    expect(snapshotIds('ObservationDefinition')).not.toContain('ObservationDefinition.publisher');
  });

  it('leaves every core snapshot consistent with its differential (type, binding, cardinality, invariants)', () => {
    const mismatches: string[] = [];
    for (const def of coreSpecializations()) {
      if (!def.snapshot || !def.differential || def.kind === 'primitive-type') continue;
      const snap = new Map(def.snapshot.element.map((e) => [e.id, e]));
      for (const d of def.differential.element) {
        const s = snap.get(d.id);
        if (!s) {
          mismatches.push(`${d.id} missing from snapshot`);
          continue;
        }
        for (const key of ['type', 'binding', 'min', 'max'] as const) {
          if (d[key] !== undefined && JSON.stringify(d[key]) !== JSON.stringify(s[key])) mismatches.push(`${d.id}.${key}`);
        }
        for (const c of d.constraint ?? []) {
          const sc = s.constraint?.find((x) => x.key === c.key);
          if (sc?.expression !== c.expression || sc?.human !== c.human) mismatches.push(`${d.id} ${c.key}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('leaves no R5-style element in core resource snapshots (ele-1 without xpath, mustSupport)', () => {
    const backported: string[] = [];
    for (const def of coreSpecializations()) {
      for (const e of def.snapshot?.element ?? []) {
        if ('mustSupport' in e || e.constraint?.some((c) => c.key === 'ele-1' && !c.xpath)) backported.push(e.id);
      }
    }
    expect(backported).toEqual([]);
  });

  it('snapshot paths of core resources are all in the R4 model of fhirpath.js', () => {
    const require = createRequire(import.meta.url);
    const path2Type = require('fhirpath/fhir-context/r4/path2Type.json') as Record<string, string>;
    const unknown: string[] = [];
    for (const def of coreSpecializations()) {
      if (def.kind !== 'resource') continue;
      for (const e of def.snapshot.element) {
        if (!e.path.includes('.') || e.path.endsWith('[x]') || e.contentReference || /\.(id|extension|modifierExtension)$/.test(e.path)) continue;
        if (!(e.path in path2Type)) unknown.push(e.path);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('does not change the parsed input: edited resources are new objects', () => {
    const medplumBundle = sd(medplumResources(), 'Bundle');
    expect(el(medplumBundle, 'snapshot', 'Bundle.entry.response.outcome').type).toEqual([{ code: 'OperationOutcome' }]);
    expect(sd(reverted, 'Bundle')).not.toBe(medplumBundle);
    expect(medplumResources().some((r) => r.url === `${FHIR_SD}SubscriptionStatus`)).toBe(true);
    // Untouched resources are shared, not copied.
    expect(sd(reverted, 'Patient')).toBe(sd(medplumResources(), 'Patient'));
  });

  it('every revert applies to a resource that exists', () => {
    for (const revert of MEDPLUM_REVERTS) expect(() => sd(reverted, revert.resourceId), revert.name).not.toThrow();
  });
});
