/**
 * Workflow variables (CORE-WF-*): event × reason × category × statuses must be a recognised
 * combination, as narrowed by the Applications (APP-111ED-16/21 no update-to-amend; App 4
 * responses per APP-999CAS-22…24, which resolve the contradictions of CORE-WF-07…09), plus the
 * status rules for the other resources of a new request (APP-111ED-11/12, APP-999CAS-09/10).
 */
import type { Issue } from '../../model/issue.js';
import { barsIssue } from '../issues.js';
import { asObject, codesOf, referenceOf, str } from '../json.js';
import type { MessageEntry, MessageView } from '../message.js';
import type { CheckContext } from './context.js';

interface WorkflowRow {
  id: string;
  event: string;
  reasons: string[];
  category?: string;
  /** Allowed statuses of the ServiceRequest (servicerequest-*) or Appointment (booking-request). */
  statuses: string[];
}

const ROWS: WorkflowRow[] = [
  { id: 'CORE-WF-01', event: 'servicerequest-request', reasons: ['new'], category: 'referral', statuses: ['active'] },
  { id: 'CORE-WF-02', event: 'servicerequest-request', reasons: ['new'], category: 'validation', statuses: ['active'] },
  { id: 'CORE-WF-03', event: 'servicerequest-request', reasons: ['update'], category: 'referral', statuses: ['revoked', 'entered-in-error'] },
  { id: 'CORE-WF-04', event: 'servicerequest-request', reasons: ['update'], category: 'validation', statuses: ['revoked', 'entered-in-error'] },
  { id: 'CORE-WF-05', event: 'servicerequest-request', reasons: ['update'], category: 'validation', statuses: ['active', 'on-hold'] },
  { id: 'CORE-WF-06', event: 'servicerequest-response', reasons: ['new'], category: 'referral', statuses: ['revoked'] },
  { id: 'CORE-WF-10', event: 'booking-request', reasons: ['new'], statuses: ['booked'] },
  { id: 'CORE-WF-11', event: 'booking-request', reasons: ['update'], statuses: ['cancelled', 'entered-in-error'] },
  { id: 'CORE-WF-12', event: 'booking-request', reasons: ['update'], statuses: ['booked'] },
];

const CANCELLED = ['revoked', 'entered-in-error', 'cancelled'];
const MESSAGE_REASON_ENCOUNTER = 'https://fhir.nhs.uk/CodeSystem/message-reason-encounter';
const REJECTED_REASONS = 'https://fhir.nhs.uk/CodeSystem/rejected-reasons-bars';

function subjectStatus(message: MessageView): { status?: string; entry?: MessageEntry } {
  const entry = message.event === 'booking-request' ? message.appointment : message.serviceRequest;
  return { status: str(entry?.resource?.status), entry };
}

/** The sender's Encounter of a request: the one ServiceRequest.encounter points at, else the first. */
export function senderEncounter(message: MessageView): MessageEntry | undefined {
  const byReference = message.resolve(referenceOf(message.serviceRequest?.resource?.encounter));
  return byReference?.resourceType === 'Encounter' ? byReference : message.ofType('Encounter')[0];
}

function coreCombination(ctx: CheckContext): Issue[] {
  const { message } = ctx;
  const event = message.event;
  if (!event || !message.header) return [];
  const at = message.header.location.child('eventCoding').child('code');
  if (event === 'booking-response') return [barsIssue('CORE-WF-13', 'booking-response messages are never accepted by $process-message.', at)];
  if (event === 'servicerequest-response' && message.category === 'validation') return []; // App 4 responses: see appFourResponse
  const { status, entry } = subjectStatus(message);
  // delete on a cancellation is tolerated (CORE-CXL-01 warns), so it matches the update rows
  const reason = message.reason === 'delete' && CANCELLED.includes(status ?? '') ? 'update' : message.reason;
  const matches = (row: WorkflowRow): boolean =>
    row.event === event && row.reasons.includes(reason ?? '') && (row.category === undefined || row.category === message.category) && row.statuses.includes(status ?? '');
  const row = ROWS.find(matches);
  const location = entry?.location.child('status') ?? at;
  if (ctx.application === '111-ed') {
    if (event === 'servicerequest-request' && reason === 'update' && message.category === 'referral' && status === 'active') {
      return [barsIssue('APP-111ED-16', 'Application 1 does not support amending a referral by update: cancel and re-refer.', location)];
    }
    if (row?.id === 'CORE-WF-12') {
      return [barsIssue('APP-111ED-21', 'Application 1 does not support amending a booking by update: cancel and re-book.', location)];
    }
  }
  if (row) return [];
  const sameEvent = ROWS.filter((r) => r.event === event);
  if (sameEvent.length === 0) return []; // unknown event: CORE-MH-03
  const closest =
    sameEvent.find((r) => r.reasons.includes(reason ?? '') && (r.category === undefined || r.category === message.category)) ??
    sameEvent.find((r) => r.category === undefined || r.category === message.category) ??
    sameEvent[0];
  const subject = event === 'booking-request' ? 'Appointment' : 'ServiceRequest';
  return [
    barsIssue(
      closest.id,
      `Unrecognised workflow: ${event} / ${message.reason ?? 'no reason'}${message.category ? ` / ${message.category}` : ''} with ${subject}.status ${status ?? 'absent'} (expected ${closest.statuses.join(' or ')}).`,
      location,
    ),
  ];
}

/** App 4 interim and final validation responses (applications.md §4.6 resolutions). */
function appFourResponse(ctx: CheckContext): Issue[] {
  const { message } = ctx;
  if (message.event !== 'servicerequest-response' || message.category !== 'validation') return [];
  const focus = message.focus?.resourceType === 'Encounter' ? message.focus : undefined;
  if (!focus) return []; // APP-999CAS-20 reports a wrong focus
  const encounterStatus = str(focus.resource?.status);
  const srStatus = str(message.serviceRequest?.resource?.status);
  const reasonCodes = codesOf(focus.resource?.reasonCode, MESSAGE_REASON_ENCOUNTER);
  const at = focus.location.child('status');
  const url = message.definition?.split('|')[0] ?? '';
  const issues: Issue[] = [];
  if (url.endsWith('-validation-interim')) {
    if (encounterStatus === 'in-progress') {
      if (srStatus !== 'active') issues.push(barsIssue('APP-999CAS-22', `An in-progress interim response keeps ServiceRequest.status active, not ${srStatus ?? 'absent'}.`, message.serviceRequest?.location.child('status') ?? at));
      if (!reasonCodes.includes('validation-triage-outcome')) {
        issues.push(barsIssue('APP-999CAS-22', 'The responder Encounter needs reasonCode validation-triage-outcome.', focus.location.child('reasonCode'), { code: 'required' }));
      }
      if (message.reason !== 'new') issues.push(barsIssue('APP-999CAS-22', 'An interim response uses reason new.', message.header!.location.child('reason')));
    } else if (encounterStatus === 'cancelled') {
      if (codesOf(focus.resource?.reasonCode, REJECTED_REASONS).length === 0) {
        issues.push(barsIssue('APP-999CAS-23', `A rejection needs an Encounter.reasonCode from ${REJECTED_REASONS}.`, focus.location.child('reasonCode'), { code: 'value' }));
      }
      if (srStatus !== 'active') issues.push(barsIssue('APP-999CAS-23', `A rejection keeps ServiceRequest.status active, not ${srStatus ?? 'absent'}.`, message.serviceRequest?.location.child('status') ?? at));
    } else if (encounterStatus === 'triaged' && srStatus === 'revoked') {
      issues.push(barsIssue('APP-999CAS-23', 'Rejection in the pseudo-code form (Encounter triaged, ServiceRequest revoked); the canonical form is Encounter cancelled with ServiceRequest active.', at, { warning: true }));
    } else {
      issues.push(barsIssue('APP-999CAS-22', `An interim response's responder Encounter must be in-progress or cancelled, not ${encounterStatus ?? 'absent'}.`, at));
    }
  } else if (url.endsWith('-validation-full')) {
    if (!['finished', 'triaged'].includes(encounterStatus ?? '')) {
      issues.push(barsIssue('APP-999CAS-24', `A final response's responder Encounter must be finished (or triaged), not ${encounterStatus ?? 'absent'}.`, at));
    }
    if (!['active', 'completed'].includes(srStatus ?? '')) {
      issues.push(barsIssue('APP-999CAS-24', `A final response's ServiceRequest.status must be active or completed, not ${srStatus ?? 'absent'}.`, message.serviceRequest?.location.child('status') ?? at));
    }
    if (!reasonCodes.includes('validation-triage-outcome')) {
      issues.push(barsIssue('APP-999CAS-24', 'The responder Encounter needs reasonCode validation-triage-outcome.', focus.location.child('reasonCode')));
    }
  }
  return issues;
}

/** Status and period rules for the sender's Encounter and the CarePlan of a new request. */
function newRequestResources(ctx: CheckContext): Issue[] {
  const { message } = ctx;
  if (message.event !== 'servicerequest-request' || message.reason !== 'new') return [];
  const issues: Issue[] = [];
  const encounter = senderEncounter(message);
  const carePlan = message.ofType('CarePlan')[0];
  const encounterStatus = str(encounter?.resource?.status);
  const carePlanStatus = str(carePlan?.resource?.status);
  const periodStart = (entry: MessageEntry | undefined): string | undefined => str(asObject(entry?.resource?.period)?.start);
  if (ctx.application === '111-ed' && message.category === 'referral') {
    if (encounter && !['finished', 'triaged'].includes(encounterStatus ?? '')) {
      issues.push(barsIssue('APP-111ED-11', `The sender's Encounter.status must be finished or triaged, not ${encounterStatus ?? 'absent'}.`, encounter.location.child('status')));
    }
    if (encounter && !periodStart(encounter)) issues.push(barsIssue('APP-111ED-11', "The sender's Encounter.period.start should be the start of the last contact.", encounter.location.child('period'), { warning: true }));
    if (carePlan && carePlanStatus !== 'completed') {
      issues.push(barsIssue('APP-111ED-12', `CarePlan.status must be completed in a referral, not ${carePlanStatus ?? 'absent'}.`, carePlan.location.child('status')));
    }
    if (carePlan && !periodStart(carePlan)) issues.push(barsIssue('APP-111ED-12', 'CarePlan.period.start (time the disposition was reached) is missing.', carePlan.location.child('period'), { code: 'required' }));
  }
  if (ctx.application === '999-cas' && message.category === 'validation') {
    if (encounter) {
      if (encounterStatus === 'in-progress') {
        issues.push(barsIssue('APP-999CAS-09', "The requester's Encounter should be triaged; in-progress is tolerated.", encounter.location.child('status'), { warning: true }));
      } else if (encounterStatus !== 'triaged') {
        issues.push(barsIssue('APP-999CAS-09', `The requester's Encounter.status must be triaged, not ${encounterStatus ?? 'absent'}.`, encounter.location.child('status')));
      }
      if (!periodStart(encounter)) issues.push(barsIssue('APP-999CAS-09', "The requester's Encounter.period.start (call connect T0 or answer T1) is missing.", encounter.location.child('period'), { code: 'required' }));
    }
    if (carePlan && carePlanStatus !== 'active') {
      issues.push(barsIssue('APP-999CAS-10', `CarePlan.status must be active in a validation request, not ${carePlanStatus ?? 'absent'}.`, carePlan.location.child('status')));
    }
    if (carePlan && !periodStart(carePlan)) issues.push(barsIssue('APP-999CAS-10', 'CarePlan.period.start (clock start T5) is missing.', carePlan.location.child('period'), { code: 'required' }));
  }
  return issues;
}

export function checkWorkflow(ctx: CheckContext): Issue[] {
  return [...coreCombination(ctx), ...appFourResponse(ctx), ...newRequestResources(ctx)];
}
