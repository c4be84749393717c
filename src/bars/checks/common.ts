/**
 * Payload rules shared by every message (CORE-COMMON-*) and by both UEC Applications (APP-UEC-*).
 */
import type { Issue } from '../../model/issue.js';
import { barsIssue } from '../issues.js';
import { asObject, codings, codesOf, extensionsOf, hasCoding, objects, profilesOf, referenceOf, str, text, type JsonObject } from '../json.js';
import type { MessageEntry, MessageView } from '../message.js';
import type { CheckContext } from './context.js';

const UKCORE = 'https://fhir.hl7.org.uk/StructureDefinition/';
const NHS_NUMBER = 'https://fhir.nhs.uk/Id/nhs-number';
const VERIFICATION_EXTENSION = `${UKCORE}Extension-UKCore-NHSNumberVerificationStatus`;
const VERIFICATION_SYSTEM = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatus';
const CONTACT_RANK = `${UKCORE}Extension-UKCore-ContactRank`;
const FLAG_CATEGORIES = 'https://fhir.nhs.uk/CodeSystem/flag-categories-bars';
const FLAG_CODE_SYSTEMS: Record<string, string> = {
  SG: 'https://fhir.nhs.uk/CodeSystem/safeguarding-codes-bars',
  RA: 'https://fhir.nhs.uk/CodeSystem/reasonable-adjustment-codes-bars',
  SS: 'https://fhir.nhs.uk/CodeSystem/scene-safety-codes-bars',
};
const FLAG_CATEGORY_CODES = ['SG', 'SS', 'RS', 'RA', 'IR', 'RC', 'RT', 'AC', 'API', 'CW'];
const CDSS_URL = 'https://fhir.nhs.uk/StructureDefinition/CDSSExtension';
const ALLOWED_CDSS: Record<string, string[]> = { '111-ed': ['pathways', 'paccs'], '999-cas': ['pathways', 'paccs', 'ampds'] };

const resolvesTo = (message: MessageView, value: unknown, type: string): boolean => message.resolve(referenceOf(value))?.resourceType === type;

export function checkCommon(ctx: CheckContext): Issue[] {
  const { message } = ctx;
  if (!message.header) return [];
  const issues: Issue[] = [];
  const organizations = message.ofType('Organization');
  if (message.event?.endsWith('-request') && organizations.length < 2) {
    issues.push(barsIssue('CORE-COMMON-01', `A request needs at least two Organizations (sender and receiver); it has ${organizations.length}.`, 'Bundle.entry'));
  }
  for (const org of organizations) {
    const r = org.resource ?? {};
    const missing: string[] = [];
    if (!profilesOf(r).includes(`${UKCORE}UKCore-Organization`)) missing.push('meta.profile UKCore-Organization');
    if (!objects(r.identifier).some((i) => i.system === 'https://fhir.nhs.uk/Id/ods-organization-code' && text(i.value))) missing.push('an ODS identifier');
    if (!text(r.name)) missing.push('name');
    if (missing.length) issues.push(barsIssue('CORE-COMMON-01', `Organization lacks ${missing.join(', ')}.`, org.location));
  }
  const patients = message.ofType('Patient');
  if (patients.length !== 1) issues.push(barsIssue('CORE-COMMON-02', `The message needs exactly one Patient; it has ${patients.length}.`, patients[1]?.location ?? 'Bundle.entry'));
  for (const patient of patients) {
    if (!profilesOf(patient.resource).includes(`${UKCORE}UKCore-Patient`)) {
      issues.push(barsIssue('CORE-COMMON-02', 'Patient.meta.profile must name UKCore-Patient.', patient.location.child('meta').child('profile')));
    }
    objects(patient.resource?.identifier).forEach((identifier, i) => {
      if (identifier.system !== NHS_NUMBER) return;
      const status = extensionsOf(identifier, VERIFICATION_EXTENSION).flatMap((e) => codesOf(e.valueCodeableConcept, VERIFICATION_SYSTEM));
      if (!status.some((c) => c === 'number-present-and-verified' || c === 'number-present-but-not-traced')) {
        issues.push(barsIssue('CORE-COMMON-03', 'An NHS number may only be sent verified (number-present-and-verified) or not traced (number-present-but-not-traced).', patient.location.child('identifier', i)));
      }
    });
  }
  if (message.reason === 'new' && message.event?.endsWith('-request')) {
    for (const entry of message.entries) {
      const type = entry.resourceType;
      if (!entry.resource?.id || type === 'MessageHeader' || type === 'ServiceRequest' || type === 'Appointment') continue;
      if (type === 'Encounter' && ctx.application === '999-cas') continue; // App 4: the originating system allocates Encounter ids
      if (type === 'Slot' || type === 'Schedule') continue; // returned exactly as received from GET /Slot
      issues.push(barsIssue('CORE-COMMON-04', `A new request should not carry ${type}.id: the receiver allocates ids.`, entry.location.child('id')));
    }
  }
  if (ctx.application) issues.push(...uecRules(ctx));
  return issues;
}

function contactRules(patient: MessageEntry): Issue[] {
  const issues: Issue[] = [];
  const at = patient.location;
  const contacts = objects(patient.resource?.contact);
  if (contacts.length === 0) return [barsIssue('APP-UEC-01', 'Patient.contact (call-back contacts with ContactRank) is missing.', at.child('contact'), { code: 'required' })];
  const ranks = contacts.map((c) => extensionsOf(c, CONTACT_RANK)[0]?.valuePositiveInt);
  ranks.forEach((rank, i) => {
    if (typeof rank !== 'number') issues.push(barsIssue('APP-UEC-01', 'Every Patient.contact needs the ContactRank extension.', at.child('contact', i).child('extension'), { code: 'required' }));
  });
  const firsts = ranks.filter((r) => r === 1).length;
  if (firsts !== 1) issues.push(barsIssue('APP-UEC-01', `Exactly one Patient.contact must have rank 1; ${firsts} do.`, at.child('contact'), { code: 'invariant' }));
  let anyPhone = false;
  contacts.forEach((contact, i) => {
    const telecoms = objects(contact.telecom);
    const cat = at.child('contact', i);
    if (telecoms.length === 0) issues.push(barsIssue('APP-UEC-02', 'Every Patient.contact needs at least one telecom.', cat.child('telecom'), { code: 'required' }));
    else {
      telecoms.forEach((t, j) => {
        if (typeof t.rank !== 'number') issues.push(barsIssue('APP-UEC-02', 'Every contact telecom needs a rank.', cat.child('telecom', j).child('rank'), { code: 'required' }));
      });
      const rankOnes = telecoms.filter((t) => t.rank === 1).length;
      if (rankOnes !== 1) issues.push(barsIssue('APP-UEC-02', `Exactly one telecom of a contact must have rank 1; ${rankOnes} do.`, cat.child('telecom'), { code: 'invariant' }));
    }
    if (telecoms.some((t) => t.system === 'phone')) anyPhone = true;
    if (codings(contact.relationship).length === 0) issues.push(barsIssue('APP-UEC-04', 'Patient.contact.relationship needs a coding.', cat.child('relationship')));
  });
  if (!anyPhone) issues.push(barsIssue('APP-UEC-03', 'No Patient.contact has a phone telecom.', at.child('contact')));
  const primaryIndex = ranks.findIndex((r) => r === 1);
  if (primaryIndex >= 0) {
    const primary = objects(contacts[primaryIndex].telecom).find((t) => t.rank === 1);
    if (primary && !text(primary.system)) issues.push(barsIssue('APP-UEC-03', 'The rank-1 contact method has no telecom.system.', at.child('contact', primaryIndex).child('telecom')));
    else if (primary && primary.system !== 'phone') issues.push(barsIssue('APP-UEC-03', 'The primary call-back (rank-1 contact, rank-1 method) is not a phone.', at.child('contact', primaryIndex).child('telecom'), { warning: true }));
  }
  return issues;
}

function consentRules(message: MessageView, consent: MessageEntry): Issue[] {
  const r = consent.resource ?? {};
  const problems: string[] = [];
  if (r.status !== 'active') problems.push('status active');
  if (!hasCoding(r.scope, 'http://terminology.hl7.org/CodeSystem/consentscope', 'patient-privacy')) problems.push('scope patient-privacy');
  if (!hasCoding(r.category, 'https://fhir.nhs.uk/CodeSystem/consent-categories-bars', 'DRC')) problems.push('category DRC (Direct Care)');
  if (!hasCoding(r.policyRule, 'http://terminology.hl7.org/CodeSystem/v3-ActCode', 'IMPLIED')) problems.push('policyRule IMPLIED');
  if (!resolvesTo(message, r.patient, 'Patient')) problems.push('patient → Patient');
  if (!text(r.dateTime)) problems.push('dateTime');
  return problems.length ? [barsIssue('APP-UEC-06', `Consent needs ${problems.join(', ')}.`, consent.location)] : [];
}

function flagRules(message: MessageView, flag: MessageEntry): Issue[] {
  const r = flag.resource ?? {};
  const at = flag.location;
  const issues: Issue[] = [];
  if (r.status !== 'active') issues.push(barsIssue('APP-UEC-09', `Flag.status must be active, not ${String(r.status ?? 'absent')}.`, at.child('status'), { code: 'value' }));
  const categoryCodings = codings(r.category).filter((c) => c.system === FLAG_CATEGORIES);
  const category = categoryCodings[0]?.code;
  if (categoryCodings.length !== 1 || !category || !FLAG_CATEGORY_CODES.includes(category)) {
    issues.push(barsIssue('APP-UEC-09', `Flag.category needs exactly one coding from ${FLAG_CATEGORIES} with a known code.`, at.child('category'), { code: 'required' }));
  }
  const codeCodings = codings(r.code);
  if (codeCodings.length === 0) issues.push(barsIssue('APP-UEC-09', 'Flag.code.coding is missing.', at.child('code'), { code: 'required' }));
  else if (category && FLAG_CODE_SYSTEMS[category] && !codeCodings.some((c) => c.system === FLAG_CODE_SYSTEMS[category])) {
    issues.push(barsIssue('APP-UEC-09', `A ${category} Flag's code must come from ${FLAG_CODE_SYSTEMS[category]}.`, at.child('code'), { code: 'invariant' }));
  }
  const subjectType = category === 'SS' ? 'Location' : 'Patient';
  if (!resolvesTo(message, r.subject, subjectType)) issues.push(barsIssue('APP-UEC-09', `Flag.subject must reference the ${subjectType}.`, at.child('subject'), { code: 'required' }));
  return issues;
}

function requireAll(ruleId: string, entry: MessageEntry, checks: Array<[boolean, string]>): Issue[] {
  const missing = checks.filter(([ok]) => !ok).map(([, what]) => what);
  return missing.length ? [barsIssue(ruleId, `${entry.resourceType} needs ${missing.join(', ')}.`, entry.location)] : [];
}

function uecRules(ctx: CheckContext): Issue[] {
  const { message } = ctx;
  const issues: Issue[] = [];
  const requestNew = message.event === 'servicerequest-request' && message.reason === 'new';
  if (requestNew) for (const patient of message.ofType('Patient')) issues.push(...contactRules(patient));
  for (const consent of message.ofType('Consent')) issues.push(...consentRules(message, consent));
  for (const encounter of message.ofType('Encounter')) {
    const r = encounter.resource ?? {};
    const cls = asObject(r.class) ?? {};
    issues.push(
      ...requireAll('APP-UEC-07', encounter, [
        [profilesOf(r).includes(`${UKCORE}UKCore-Encounter`), 'meta.profile UKCore-Encounter'],
        [cls.system === 'http://terminology.hl7.org/CodeSystem/v3-ActCode' && cls.code === 'EMER', 'class EMER'],
        [resolvesTo(message, r.subject, 'Patient'), 'subject → Patient'],
      ]),
    );
    if (requestNew && objects(r.identifier).length === 0) {
      issues.push(barsIssue('APP-UEC-07', "The sender's Encounter should carry its human-readable case reference in identifier.", encounter.location.child('identifier'), { warning: true }));
    }
  }
  for (const carePlan of message.ofType('CarePlan')) {
    const r = carePlan.resource ?? {};
    issues.push(
      ...requireAll('APP-UEC-08', carePlan, [
        [r.intent === 'plan', 'intent plan'],
        [resolvesTo(message, r.subject, 'Patient'), 'subject → Patient'],
        [resolvesTo(message, r.encounter, 'Encounter'), 'encounter → Encounter'],
        [objects(r.activity).some((a) => objects(a.outcomeCodeableConcept).length > 0), 'activity.outcomeCodeableConcept'],
      ]),
    );
  }
  for (const flag of message.ofType('Flag')) issues.push(...flagRules(message, flag));
  for (const obs of message.ofType('Observation')) {
    const r = obs.resource ?? {};
    issues.push(
      ...requireAll('APP-UEC-11', obs, [
        [r.status === 'final', 'status final'],
        [text(asObject(r.code)?.text) !== undefined, 'code.text'],
        [resolvesTo(message, r.subject, 'Patient'), 'subject → Patient'],
        [referenceOf(r.encounter) !== undefined, 'encounter'],
        [objects(r.performer).every((p) => resolvesTo(message, p, 'Practitioner')), 'performer → Practitioner'],
      ]),
    );
    if (r.note !== undefined) issues.push(barsIssue('APP-UEC-11', 'Observation.note should not be used; clinical notes belong in the CarePlan.', obs.location.child('note'), { warning: true }));
  }
  for (const patient of message.ofType('Patient')) {
    if (objects(patient.resource?.extension).some((e) => /BirthSex$/i.test(str(e.url) ?? ''))) {
      issues.push(barsIssue('APP-UEC-11', 'Birth sex travels as an Observation, not a Patient extension.', patient.location.child('extension'), { warning: true }));
    }
  }
  for (const p of message.ofType('Practitioner')) issues.push(...requireAll('APP-UEC-12', p, [[objects(p.resource?.identifier).length > 0, 'identifier']]));
  for (const p of message.ofType('PractitionerRole')) {
    issues.push(
      ...requireAll('APP-UEC-12', p, [
        [resolvesTo(message, p.resource?.practitioner, 'Practitioner'), 'practitioner → Practitioner'],
        [resolvesTo(message, p.resource?.organization, 'Organization'), 'organization → Organization'],
      ]),
    );
  }
  for (const hs of message.ofType('HealthcareService')) {
    const r = hs.resource ?? {};
    issues.push(
      ...requireAll('APP-UEC-13', hs, [
        [objects(r.identifier).some((i) => text(i.value) !== undefined), 'identifier'],
        [text(r.name) !== undefined, 'name'],
        [typeof r.active === 'boolean', 'active'],
        [resolvesTo(message, r.providedBy, 'Organization'), 'providedBy → Organization'],
      ]),
    );
  }
  for (const ms of message.ofType('MedicationStatement')) {
    issues.push(...requireAll('APP-UEC-14', ms, [[text(ms.resource?.status) !== undefined, 'status'], [resolvesTo(message, ms.resource?.subject, 'Patient'), 'subject → Patient']]));
  }
  for (const ai of message.ofType('AllergyIntolerance')) issues.push(...requireAll('APP-UEC-14', ai, [[resolvesTo(message, ai.resource?.patient, 'Patient'), 'patient → Patient']]));
  for (const rp of message.ofType('RelatedPerson')) {
    const r = rp.resource ?? {};
    issues.push(
      ...requireAll('APP-UEC-15', rp, [
        [resolvesTo(message, r.patient, 'Patient'), 'patient → Patient'],
        [codings(r.relationship).length > 0, 'relationship.coding'],
        [objects(r.telecom).every((t) => text(t.system) !== undefined && text(t.value) !== undefined), 'telecom system and value'],
      ]),
    );
  }
  issues.push(...cdssSoftware(ctx), ...declaredProfiles(message));
  return issues;
}

function cdssSoftware(ctx: CheckContext): Issue[] {
  const mh = ctx.message.header?.resource;
  const extension: JsonObject | undefined = [...extensionsOf(mh, CDSS_URL), ...extensionsOf(asObject(mh?.source), CDSS_URL)][0];
  const software = text(extensionsOf(extension, 'RequesterCDSSsoftware', true)[0]?.valueString);
  const allowed = ctx.application ? ALLOWED_CDSS[ctx.application] : undefined;
  if (!software || !allowed) return [];
  const normalised = software.toLowerCase().replace(/[^a-z]/g, '');
  if (allowed.some((name) => normalised.includes(name))) return [];
  return [barsIssue('APP-UEC-16', `CDSS ${software} is not one this Application allows (${allowed.join(', ')}).`, ctx.message.header!.location.child('extension'))];
}

function declaredProfiles(message: MessageView): Issue[] {
  const issues: Issue[] = [];
  for (const entry of message.entries) {
    profilesOf(entry.resource).forEach((profile, i) => {
      const ok =
        profile.startsWith(`${UKCORE}UKCore-`) ||
        profile.startsWith('https://fhir.nhs.uk/StructureDefinition/BARS') ||
        profile === `${UKCORE}BARSLocation-incident-location` ||
        (entry.resourceType === 'Flag' && profile === 'http://hl7.org/fhir/StructureDefinition/Flag');
      if (!ok) issues.push(barsIssue('APP-UEC-17', `meta.profile ${profile} is neither a UK Core nor a BaRS profile.`, entry.location.child('meta').child('profile', i)));
    });
  }
  return issues;
}
