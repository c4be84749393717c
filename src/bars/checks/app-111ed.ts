/** Application 1 (111 → ED) payload rules that are plain JSON logic (APP-111ED-*). */
import type { Issue } from '../../model/issue.js';
import { barsIssue } from '../issues.js';
import { asObject, codings, extensionsOf, objects, referenceOf, str, text } from '../json.js';
import { SYSTEMS } from '../message.js';
import type { CheckContext } from './context.js';
import { isCancellation } from './message-header.js';

const PATHWAYS_GROUPS: Array<[string, string]> = [
  ['https://fhir.nhs.uk/CodeSystem/pathways-sg-codes', 'Symptom Group'],
  ['https://fhir.nhs.uk/CodeSystem/pathways-sd-codes', 'Symptom Discriminator'],
  ['https://fhir.nhs.uk/CodeSystem/pathways-dx-codes', 'Disposition'],
  ['https://fhir.nhs.uk/CodeSystem/pathways-pathway-codes', 'Pathway'],
];
const QR_REASON = 'http://hl7.org/fhir/StructureDefinition/questionnaireresponse-reason';
const QR_REASONS: Record<string, string> = {
  'Rejected Services - Patient Choice in Service Selection': 'RejectedServices',
  'Additional Information Sources': 'AdditionalSources',
};

export function checkApplication111Ed(ctx: CheckContext): Issue[] {
  const { message } = ctx;
  if (ctx.application !== '111-ed') return [];
  const issues: Issue[] = [];
  const sr = message.serviceRequest;
  const r = sr?.resource;
  if (sr && r && message.event?.startsWith('servicerequest-') && message.category !== 'referral') {
    issues.push(barsIssue('APP-111ED-03', `Application 1 ServiceRequests are referrals (${SYSTEMS.messageCategory}#referral), not ${message.category ?? 'uncategorised'}.`, sr.location.child('category', 0)));
  }
  const newReferral = message.event === 'servicerequest-request' && message.reason === 'new' && !isCancellation(message);
  if (sr && r && newReferral) {
    if (!text(r.authoredOn)) issues.push(barsIssue('APP-111ED-05', 'ServiceRequest.authoredOn is missing.', sr.location.child('authoredOn')));
    const period = asObject(r.occurrencePeriod);
    if (!period) issues.push(barsIssue('APP-111ED-06', 'ServiceRequest.occurrencePeriod (now → latest start of the next service) should be sent.', sr.location.child('occurrencePeriod'), { warning: true }));
    else {
      const start = Date.parse(str(period.start) ?? '');
      const end = Date.parse(str(period.end) ?? '');
      if (!Number.isNaN(start) && !Number.isNaN(end) && end < start) {
        issues.push(barsIssue('APP-111ED-06', 'ServiceRequest.occurrencePeriod.end is before its start.', sr.location.child('occurrencePeriod').child('end')));
      }
    }
    objects(r.performer).forEach((p, i) => {
      const target = message.resolve(referenceOf(p));
      if (target && target.resourceType !== 'HealthcareService') {
        issues.push(barsIssue('APP-111ED-07', `ServiceRequest.performer must reference the HealthcareService, not a ${target.resourceType}.`, sr.location.child('performer', i)));
      }
    });
    objects(r.supportingInfo).forEach((ref, i) => {
      const reference = referenceOf(ref) ?? '';
      const target = message.resolve(reference);
      const ok = target ? target.resourceType === 'QuestionnaireResponse' || target.resourceType === 'Flag' : reference.startsWith('Appointment/');
      if (!ok) issues.push(barsIssue('APP-111ED-09', 'ServiceRequest.supportingInfo may hold only the Rejected-Services QuestionnaireResponse, Flags or the Appointment/{id} link.', sr.location.child('supportingInfo', i), { warning: true }));
    });
  }
  for (const carePlan of message.ofType('CarePlan')) {
    objects(carePlan.resource?.supportingInfo).forEach((ref, i) => {
      const reference = referenceOf(ref) ?? '';
      const target = message.resolve(reference);
      if (target?.resourceType === 'QuestionnaireResponse' || reference.startsWith('Appointment/') || target?.resourceType === 'Appointment') {
        issues.push(barsIssue('APP-111ED-09', 'CarePlan.supportingInfo must not point at the Rejected-Services QuestionnaireResponse or an Appointment.', carePlan.location.child('supportingInfo', i), { warning: true }));
      }
    });
    if (!newReferral) continue;
    const outcomes = objects(carePlan.resource?.activity).flatMap((a) => objects(a.outcomeCodeableConcept));
    if (!outcomes.some((o) => text(o.text))) {
      issues.push(barsIssue('APP-111ED-13', 'CarePlan.activity.outcomeCodeableConcept.text (the consultation report) is missing.', carePlan.location.child('activity', 0)));
    }
    const all = codings(outcomes);
    for (const [system, group] of PATHWAYS_GROUPS) {
      const found = all.filter((c) => c.system === system);
      if (found.length === 0) issues.push(barsIssue('APP-111ED-13', `CarePlan outcome has no Pathways ${group} coding.`, carePlan.location.child('activity', 0), { warning: true }));
      else if (found.some((c) => !c.display)) issues.push(barsIssue('APP-111ED-13', `Pathways ${group} codings need a display.`, carePlan.location.child('activity', 0), { warning: true }));
    }
  }
  for (const qr of message.ofType('QuestionnaireResponse')) {
    const reasonText = text(asObject(extensionsOf(qr.resource, QR_REASON)[0]?.valueCodeableConcept)?.text);
    const linkId = reasonText ? QR_REASONS[reasonText] : undefined;
    if (!linkId) {
      issues.push(barsIssue('APP-111ED-14', `QuestionnaireResponse needs the questionnaireresponse-reason extension with text "${Object.keys(QR_REASONS).join('" or "')}".`, qr.location.child('extension')));
      continue;
    }
    const items = objects(qr.resource?.item);
    if (!items.some((item) => item.linkId === linkId)) {
      issues.push(barsIssue('APP-111ED-14', `QuestionnaireResponse for "${reasonText}" needs a top-level item with linkId ${linkId}.`, qr.location.child('item'), { code: 'value' }));
    }
    const basedOnType = linkId === 'RejectedServices' ? 'ServiceRequest' : 'CarePlan';
    const basedOn = objects(qr.resource?.basedOn).map((b) => message.resolve(referenceOf(b))?.resourceType);
    if (!basedOn.includes(basedOnType)) {
      issues.push(barsIssue('APP-111ED-14', `QuestionnaireResponse.basedOn should reference the ${basedOnType}.`, qr.location.child('basedOn'), { warning: true }));
    }
  }
  return issues;
}
