/** Application 4 (999 → CAS validation) payload rules that are plain JSON logic (APP-999CAS-*). */
import type { Issue } from '../../model/issue.js';
import { barsIssue } from '../issues.js';
import { asObject, codesOf, codings, extensionsOf, objects, profilesOf, referenceOf, str, text, type JsonObject } from '../json.js';
import type { MessageEntry } from '../message.js';
import { SYSTEMS } from '../message.js';
import type { CheckContext } from './context.js';
import { isCancellation } from './message-header.js';

const ARP = 'https://fhir.nhs.uk/CodeSystem/arp-priority-codes';
const ARP_CODES = ['C1', 'C2', 'C3', 'C4', 'C4T', 'C5', 'HCP1', 'HCP2', 'HCP3', 'HCP4', 'HP4T', 'IFT1', 'IFT2', 'IFT3', 'IFT4'];
const TRIAGE_SYSTEMS = [
  'https://fhir.nhs.uk/CodeSystem/pathways-sg-codes',
  'https://fhir.nhs.uk/CodeSystem/pathways-sd-codes',
  'https://fhir.nhs.uk/CodeSystem/pathways-dx-codes',
  'https://fhir.nhs.uk/CodeSystem/ampds-dispatch-codes',
];
const SCENE_SAFETY_PROFILE = 'https://fhir.nhs.uk/StructureDefinition/BARSFlag-scene-safety';
const FLAG_CATEGORIES = 'https://fhir.nhs.uk/CodeSystem/flag-categories-bars';
const SCENE_SAFETY_CODES = 'https://fhir.nhs.uk/CodeSystem/scene-safety-codes-bars';
const LOCATION_EXTENSION = 'https://fhir.nhs.uk/StructureDefinition/LocationExtension';
const LOCATORS = ['UPRN', 'PAF', 'eastings', 'northings', 'what3words'];

function isSceneSafety(flag: MessageEntry): boolean {
  return profilesOf(flag.resource).includes(SCENE_SAFETY_PROFILE) || codesOf(flag.resource?.category, FLAG_CATEGORIES).includes('SS');
}

function outcomeCodings(carePlan: MessageEntry | undefined): ReturnType<typeof codings> {
  return codings(objects(carePlan?.resource?.activity).flatMap((a) => objects(a.outcomeCodeableConcept)));
}

function arpPresent(ruleId: string, carePlan: MessageEntry): Issue[] {
  const arp = outcomeCodings(carePlan).filter((c) => c.system === ARP);
  if (arp.length === 0) return [barsIssue(ruleId, 'CarePlan outcome has no ARP priority coding.', carePlan.location.child('activity', 0), { code: 'required' })];
  if (!arp.every((c) => ARP_CODES.includes(c.code ?? ''))) return [barsIssue(ruleId, `ARP priority ${arp.map((c) => c.code).join(', ')} is not in arp-priority-codes.`, carePlan.location.child('activity', 0), { code: 'value' })];
  return [];
}

function sceneSafety(ctx: CheckContext, ruleId: string): Issue[] {
  const { message } = ctx;
  const flags = message.ofType('Flag').filter(isSceneSafety);
  if (flags.length === 0) return [barsIssue(ruleId, 'A scene-safety Flag (BARSFlag-scene-safety, category SS) is missing.', 'Bundle.entry', { code: 'required' })];
  const issues: Issue[] = [];
  for (const flag of flags) {
    const r = flag.resource ?? {};
    const problems: string[] = [];
    if (!profilesOf(r).includes(SCENE_SAFETY_PROFILE)) problems.push(`meta.profile ${SCENE_SAFETY_PROFILE}`);
    const categories = codings(r.category);
    if (objects(r.category).length !== 1 || categories.length !== 1 || categories[0].system !== FLAG_CATEGORIES || categories[0].code !== 'SS') problems.push('exactly one category flag-categories-bars#SS');
    if (!codesOf(r.code, SCENE_SAFETY_CODES).some((c) => ['S', 'U', 'UNK'].includes(c))) problems.push('code S, U or UNK from scene-safety-codes-bars');
    if (message.resolve(referenceOf(r.subject))?.resourceType !== 'Location') problems.push('subject → the incident Location');
    if (message.resolve(referenceOf(r.encounter))?.resourceType !== 'Encounter') problems.push('encounter → Encounter');
    if (r.status !== 'active') problems.push('status active');
    if (problems.length) issues.push(barsIssue(ruleId, `The scene-safety Flag needs ${problems.join(', ')}.`, flag.location, { code: 'value' }));
  }
  return issues;
}

function incidentLocation(location: MessageEntry): Issue[] {
  const r = location.resource ?? {};
  const issues: Issue[] = [];
  const extension: JsonObject | undefined = extensionsOf(r, LOCATION_EXTENSION)[0];
  const subs = objects(extension?.extension);
  const exactLocators = subs.filter((s) => LOCATORS.includes(str(s.url) ?? '') && text(s.valueString));
  const looseLocators = subs.filter((s) => LOCATORS.some((l) => l.toLowerCase() === (str(s.url) ?? '').toLowerCase()) && text(s.valueString));
  const position = asObject(r.position);
  const hasPosition = typeof position?.latitude === 'number' && typeof position?.longitude === 'number';
  const hasPostcode = text(asObject(r.address)?.postalCode) !== undefined;
  if (looseLocators.length === 0 && !hasPosition && !hasPostcode) {
    issues.push(barsIssue('APP-999CAS-14', 'The incident Location has no locator (LocationExtension sub-extension, position, or address postalCode).', location.location));
  } else if (looseLocators.length > exactLocators.length) {
    issues.push(barsIssue('APP-999CAS-14', `LocationExtension sub-extension urls are case-sensitive: write ${LOCATORS.join(', ')}.`, location.location.child('extension'), { warning: true }));
  }
  if (hasPosition) {
    const lat = position!.latitude as number;
    const lon = position!.longitude as number;
    if (lat < 49 || lat > 61 || lon < -9 || lon > 2) {
      issues.push(barsIssue('APP-999CAS-15', `Position ${lat}, ${lon} lies outside England (latitude 49…61, longitude −9…2): are latitude and longitude swapped?`, location.location.child('position')));
    }
  }
  return issues;
}

export function checkApplication999Cas(ctx: CheckContext): Issue[] {
  const { message } = ctx;
  if (ctx.application !== '999-cas') return [];
  const issues: Issue[] = [];
  const sr = message.serviceRequest;
  const r = sr?.resource;
  if (sr && r && message.event?.startsWith('servicerequest-') && message.category !== 'validation') {
    issues.push(barsIssue('APP-999CAS-03', `Application 4 ServiceRequests are for validation (${SYSTEMS.messageCategory}#validation), not ${message.category ?? 'uncategorised'}.`, sr.location.child('category', 0)));
  }
  const request = message.event === 'servicerequest-request' && !isCancellation(message);
  const carePlan = message.ofType('CarePlan')[0];
  const incident = message.resolve(referenceOf(objects(r?.locationReference)[0]));
  if (request && sr && r) {
    const period = asObject(r.occurrencePeriod);
    const start = Date.parse(str(period?.start) ?? '');
    const end = Date.parse(str(period?.end) ?? '');
    if (Number.isNaN(start) || Number.isNaN(end)) {
      issues.push(barsIssue('APP-999CAS-05', 'ServiceRequest.occurrencePeriod needs start (now) and end (the validation breach time).', sr.location.child('occurrencePeriod'), { code: 'required' }));
    } else if (end <= start) {
      issues.push(barsIssue('APP-999CAS-05', 'ServiceRequest.occurrencePeriod.end (breach time) must be after its start.', sr.location.child('occurrencePeriod').child('end'), { code: 'invariant' }));
    }
    if (incident?.resourceType !== 'Location') issues.push(barsIssue('APP-999CAS-06', 'ServiceRequest.locationReference must reference the incident Location entry.', sr.location.child('locationReference', 0)));
    if (!text(r.authoredOn)) issues.push(barsIssue('APP-999CAS-08', 'ServiceRequest.authoredOn should be present.', sr.location.child('authoredOn')));
    if (carePlan) {
      issues.push(...arpPresent('APP-999CAS-11', carePlan));
      const triage = outcomeCodings(carePlan).filter((c) => TRIAGE_SYSTEMS.includes(c.system ?? ''));
      if (triage.length === 0) issues.push(barsIssue('APP-999CAS-11', 'CarePlan outcome has no Pathways SG/SD/Dx or AMPDS dispatch coding.', carePlan.location.child('activity', 0), { warning: true }));
    }
    issues.push(...sceneSafety(ctx, 'APP-999CAS-12'));
  }
  for (const flag of message.ofType('Flag')) {
    if (isSceneSafety(flag)) continue;
    if (message.resolve(referenceOf(flag.resource?.encounter))?.resourceType !== 'Encounter') {
      issues.push(barsIssue('APP-999CAS-13', 'Application 4 Flags need encounter → Encounter.', flag.location.child('encounter')));
    }
  }
  if (incident?.resourceType === 'Location') issues.push(...incidentLocation(incident));
  else for (const location of message.ofType('Location')) issues.push(...incidentLocation(location));
  if (message.event === 'servicerequest-response' && message.definition?.split('|')[0].endsWith('-validation-full')) {
    if (carePlan) {
      const status = str(carePlan.resource?.status);
      if (status !== 'active' && status !== 'completed') {
        issues.push(barsIssue('APP-999CAS-25', `The final CarePlan.status must be active or completed, not ${status ?? 'absent'}.`, carePlan.location.child('status')));
      }
      issues.push(...arpPresent('APP-999CAS-25', carePlan));
    }
    issues.push(...sceneSafety(ctx, 'APP-999CAS-26'));
  }
  return issues;
}
