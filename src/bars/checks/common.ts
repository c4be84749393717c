/**
 * Payload rules shared by every message (CORE-COMMON-*) and the UEC CDSS allow-list (APP-UEC-16).
 * The other APP-UEC-* rules are FSH invariants or profile constraints.
 */
import type { Issue } from '../../model/issue.js';
import { barsIssue } from '../issues.js';
import { asObject, codesOf, extensionsOf, objects, profilesOf, text, type JsonObject } from '../json.js';
import type { CheckContext } from './context.js';

const UKCORE = 'https://fhir.hl7.org.uk/StructureDefinition/';
const NHS_NUMBER = 'https://fhir.nhs.uk/Id/nhs-number';
const VERIFICATION_EXTENSION = `${UKCORE}Extension-UKCore-NHSNumberVerificationStatus`;
const VERIFICATION_SYSTEM = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatus';
const CDSS_URL = 'https://fhir.nhs.uk/StructureDefinition/CDSSExtension';
const ALLOWED_CDSS: Record<string, string[]> = { '111-ed': ['pathways', 'paccs'], '999-cas': ['pathways', 'paccs', 'ampds'] };


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
  if (ctx.application) issues.push(...cdssSoftware(ctx));
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
