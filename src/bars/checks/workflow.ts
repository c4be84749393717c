/**
 * Workflow variables (CORE-WF-*): event × reason × category × status of the ServiceRequest or
 * Appointment must be a recognised combination. The other-resource conditions of each row and the
 * Applications' narrowing (APP-111ED-11/12/16/21, APP-999CAS-09/10/22…24) are FSH invariants.
 */
import type { Issue } from '../../model/issue.js';
import { barsIssue } from '../issues.js';
import { str } from '../json.js';
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

function subjectStatus(message: MessageView): { status?: string; entry?: MessageEntry } {
  const entry = message.event === 'booking-request' ? message.appointment : message.serviceRequest;
  return { status: str(entry?.resource?.status), entry };
}

function coreCombination(ctx: CheckContext): Issue[] {
  const { message } = ctx;
  const event = message.event;
  if (!event || !message.header) return [];
  const at = message.header.location.child('eventCoding').child('code');
  if (event === 'booking-response') return [barsIssue('CORE-WF-13', 'booking-response messages are never accepted by $process-message.', at)];
  // App 4 responses follow APP-999CAS-22…24 (FSH invariants), which resolve the contradictions of CORE-WF-07…09.
  if (event === 'servicerequest-response' && message.category === 'validation') return [];
  const { status, entry } = subjectStatus(message);
  // delete on a cancellation is tolerated (CORE-CXL-01 warns), so it matches the update rows
  const reason = message.reason === 'delete' && CANCELLED.includes(status ?? '') ? 'update' : message.reason;
  const matches = (row: WorkflowRow): boolean =>
    row.event === event && row.reasons.includes(reason ?? '') && (row.category === undefined || row.category === message.category) && row.statuses.includes(status ?? '');
  const row = ROWS.find(matches);
  const location = entry?.location.child('status') ?? at;
  if (row) return [];
  const sameEvent = ROWS.filter((r) => r.event === event);
  if (sameEvent.length === 0) return []; // unknown event: CORE-MH-03
  // Closest row: same event, reason and category, and of the same kind (cancellation or not) as the status.
  const cancelling = CANCELLED.includes(status ?? '');
  const sameReason = sameEvent.filter((r) => r.reasons.includes(reason ?? '') && (r.category === undefined || r.category === message.category));
  const closest =
    sameReason.find((r) => r.statuses.some((s) => CANCELLED.includes(s)) === cancelling) ??
    sameReason[0] ??
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

export function checkWorkflow(ctx: CheckContext): Issue[] {
  return coreCombination(ctx);
}
