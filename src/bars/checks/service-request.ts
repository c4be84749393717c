/** ServiceRequest essentials (CORE-SR-*) and the cancellation payload rules CORE-CXL-04/05/07. */
import type { Issue } from '../../model/issue.js';
import { barsIssue } from '../issues.js';
import { codings, objects, profilesOf, referenceOf, str, text } from '../json.js';
import { SYSTEMS } from '../message.js';
import type { CheckContext } from './context.js';
import { isCancellation } from './message-header.js';

const SD = 'https://fhir.nhs.uk/StructureDefinition/';
const PROFILE_BY_CATEGORY: Record<string, string> = {
  referral: `${SD}BARSServiceRequest-request-referral`,
  validation: `${SD}BARSServiceRequest-request-validation`,
};
/** Lower-case use-case codes of usecases-categories-bars 1.5.0 (case-sensitive). */
export const USE_CASE_CODES: ReadonlySet<string> = new Set([
  ...Array.from({ length: 12 }, (_, i) => `a1t${i + 1}`),
  ...Array.from({ length: 6 }, (_, i) => `a2t${i + 1}`),
  'a3t1', 'a4t1', 'a4t2', 'a4t3', 'a4t4', 'a5t1', 'a5t2', 'a5t3', 'referraltopharmacy', 'a6t1', 'a6t2', 'a6t3', 'a7t1', 'a8t1', 'a8t2', 'a8t3',
]);

export function checkUseCaseCode(code: string): string | undefined {
  if (USE_CASE_CODES.has(code)) return undefined;
  if (USE_CASE_CODES.has(code.toLowerCase())) return `use-case code ${code} must be lower case (${code.toLowerCase()}): the CodeSystem is case-sensitive`;
  return `use-case code ${code} is not in usecases-categories-bars`;
}

export function checkServiceRequest(ctx: CheckContext): Issue[] {
  const { message } = ctx;
  if (!message.event?.startsWith('servicerequest-')) return [];
  const all = message.ofType('ServiceRequest');
  if (all.length !== 1) {
    return [barsIssue('CORE-SR-01', `A ${message.event} message needs exactly one ServiceRequest; it has ${all.length}.`, all[1]?.location ?? 'Bundle.entry', { code: all.length === 0 ? 'required' : 'invariant' })];
  }
  const sr = all[0];
  const r = sr.resource ?? {};
  const at = sr.location;
  const issues: Issue[] = [];
  const cancellation = isCancellation(message);

  // Category: one element, two codings
  const categories = objects(r.category);
  const category = message.category;
  if (categories.length !== 1) {
    issues.push(barsIssue('CORE-SR-05', `ServiceRequest.category must have exactly one element; it has ${categories.length}.`, at.child('category'), { code: 'required' }));
  }
  const all4 = codings(r.category);
  const categoryCoding = all4.find((c) => c.system === SYSTEMS.messageCategory);
  const useCaseCoding = all4.find((c) => c.system === SYSTEMS.useCases);
  if (!categoryCoding) issues.push(barsIssue('CORE-SR-05', `ServiceRequest.category has no ${SYSTEMS.messageCategory} coding.`, at.child('category', 0), { code: 'required' }));
  else if (category !== 'referral' && category !== 'validation') {
    issues.push(barsIssue('CORE-SR-05', `Category ${category ?? '(no code)'} is not referral or validation.`, at.child('category', 0), { code: 'value' }));
  }
  if (!useCaseCoding?.code) issues.push(barsIssue('CORE-SR-05', `ServiceRequest.category has no ${SYSTEMS.useCases} coding.`, at.child('category', 0), { code: 'required' }));
  else {
    const problem = checkUseCaseCode(useCaseCoding.code);
    if (problem) issues.push(barsIssue('CORE-SR-06', `ServiceRequest.category: ${problem}.`, at.child('category', 0)));
  }
  if (category && PROFILE_BY_CATEGORY[category] && !profilesOf(r).includes(PROFILE_BY_CATEGORY[category])) {
    issues.push(barsIssue('CORE-SR-02', `A ${category} ServiceRequest must declare ${PROFILE_BY_CATEGORY[category]}.`, at.child('meta').child('profile')));
  }
  if (r.intent !== 'plan') issues.push(barsIssue('CORE-SR-03', `ServiceRequest.intent must be plan, not ${String(r.intent ?? 'absent')}.`, at.child('intent')));
  const status = str(r.status);
  const allowed = ['active', 'revoked', 'entered-in-error', 'on-hold', 'completed'];
  if (!status || !allowed.includes(status) || (message.event === 'servicerequest-request' && status === 'completed')) {
    issues.push(barsIssue('CORE-SR-04', `ServiceRequest.status ${status ?? 'absent'} is not allowed for a ${message.event}.`, at.child('status'), { code: 'value' }));
  }
  if (!referenceOf(r.subject)) issues.push(barsIssue('CORE-SR-07', 'ServiceRequest.subject (the Patient) is missing.', at.child('subject')));
  for (const choice of ['occurrenceDateTime', 'occurrenceTiming']) {
    if (r[choice] !== undefined) issues.push(barsIssue('CORE-SR-08', `ServiceRequest.${choice} is not allowed: BaRS restricts occurrence[x] to occurrencePeriod.`, at.child(choice)));
  }
  if (message.event === 'servicerequest-request' && message.reason === 'new' && status === 'active') {
    for (const element of ['encounter', 'basedOn', 'requester', 'performer']) {
      if (objects(r[element]).every((ref) => !referenceOf(ref))) {
        issues.push(barsIssue('CORE-SR-09', `A new request's ServiceRequest.${element} is missing.`, at.child(element)));
      }
    }
  }
  const hasReasonText = objects(r.reasonCode).some((rc) => text(rc.text) !== undefined || codings(rc).length > 0);
  if (status === 'revoked' || status === 'entered-in-error') {
    if (!hasReasonText && message.event === 'servicerequest-request') issues.push(barsIssue('CORE-SR-10', 'A cancelled ServiceRequest should say why in reasonCode.text.', at.child('reasonCode')));
  } else if (hasReasonText && message.category === 'referral') {
    issues.push(barsIssue('CORE-SR-10', 'ServiceRequest.reasonCode is only for the reason of a cancellation.', at.child('reasonCode')));
  }
  if (message.event === 'servicerequest-request' && message.reason === 'new' && r.id !== undefined) {
    issues.push(barsIssue('CORE-SR-11', 'A new request should not carry ServiceRequest.id: the receiver assigns it.', at.child('id'), { warning: true }));
  }
  if (message.event === 'servicerequest-request' && message.reason === 'update' && !cancellation && !text(r.id)) {
    issues.push(barsIssue('CORE-SR-11', 'An update must carry the receiver-assigned ServiceRequest.id.', at.child('id')));
  }
  if (cancellation) issues.push(...cancellationPayload(ctx, text(r.id) !== undefined, at.child('id')));
  else if (namesCancelDefinition(ctx)) {
    issues.push(barsIssue('CORE-CXL-05', `A cancellation's ServiceRequest.status must be revoked or entered-in-error, not ${status ?? 'absent'}.`, at.child('status')));
  }
  return issues;
}

/** Whether MessageHeader.definition names one of the cancellation MessageDefinitions. */
export function namesCancelDefinition(ctx: CheckContext): boolean {
  return /-request-cancelled(\|.*)?$/.test(ctx.message.definition ?? '');
}

/** CORE-CXL-04/05/07 for referral/validation and booking cancellations. */
export function cancellationPayload(ctx: CheckContext, hasId: boolean, idLocation: { toString(): string }): Issue[] {
  const { message } = ctx;
  const issues: Issue[] = [];
  if (!hasId) issues.push(barsIssue('CORE-CXL-04', 'A cancellation must carry the receiver-assigned id of what it cancels.', String(idLocation)));
  const booking = message.event === 'booking-request';
  const status = str((booking ? message.appointment : message.serviceRequest)?.resource?.status);
  if (booking && status === 'entered-in-error') {
    issues.push(barsIssue('CORE-CXL-05', 'Appointment.status entered-in-error is tolerated; a booking cancellation uses cancelled.', String(idLocation).replace(/\.id$/, '.status'), { warning: true }));
  }
  const patients = message.ofType('Patient').length;
  const organizations = message.ofType('Organization').length;
  if (patients < 1 || organizations < 2) {
    issues.push(barsIssue('CORE-CXL-07', `A cancellation needs a Patient and at least two Organizations (has ${patients} and ${organizations}).`, 'Bundle.entry'));
  }
  return issues;
}
