/** Appointment essentials of booking-request messages (CORE-APPT-*). */
import type { Issue } from '../../model/issue.js';
import { barsIssue } from '../issues.js';
import { codesOf, objects, profilesOf, referenceOf, str, text } from '../json.js';
import { SYSTEMS } from '../message.js';
import type { CheckContext } from './context.js';
import { isCancellation } from './message-header.js';
import { cancellationPayload, checkUseCaseCode, namesCancelDefinition } from './service-request.js';

const UKCORE_APPOINTMENT = 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-Appointment';

export function checkAppointment(ctx: CheckContext): Issue[] {
  const { message } = ctx;
  if (message.event !== 'booking-request') return [];
  const all = message.ofType('Appointment');
  if (all.length !== 1 || message.focus !== all[0]) {
    return [
      barsIssue('CORE-APPT-01', `A booking needs exactly one Appointment as its focus (found ${all.length}).`, all[1]?.location ?? 'Bundle.entry', {
        code: all.length === 0 ? 'required' : 'invariant',
      }),
    ];
  }
  const appt = all[0];
  const r = appt.resource ?? {};
  const at = appt.location;
  const issues: Issue[] = [];
  const meta = r.meta as { lastUpdated?: unknown } | undefined;
  if (!profilesOf(r).includes(UKCORE_APPOINTMENT) || !text(meta?.lastUpdated)) {
    issues.push(barsIssue('CORE-APPT-02', `Appointment.meta needs profile ${UKCORE_APPOINTMENT} and lastUpdated.`, at.child('meta')));
  }
  const status = str(r.status);
  const cancellation = isCancellation(message);
  if (message.reason === 'new' && status !== 'booked') {
    issues.push(barsIssue('CORE-APPT-03', `A new booking's Appointment.status must be booked, not ${status ?? 'absent'}.`, at.child('status')));
  }
  const useCases = codesOf(r.serviceCategory, SYSTEMS.useCases);
  if (useCases.length === 0) {
    if (!cancellation) issues.push(barsIssue('CORE-APPT-04', `Appointment.serviceCategory needs a ${SYSTEMS.useCases} coding.`, at.child('serviceCategory')));
  } else {
    const problem = checkUseCaseCode(useCases[0]);
    if (problem) issues.push(barsIssue('CORE-APPT-04', `Appointment.serviceCategory: ${problem}.`, at.child('serviceCategory', 0), { code: 'value' }));
    const srUseCase = codesOf(message.serviceRequest?.resource?.category, SYSTEMS.useCases)[0];
    if (srUseCase && srUseCase !== useCases[0]) {
      issues.push(barsIssue('CORE-APPT-04', `Appointment.serviceCategory ${useCases[0]} differs from the ServiceRequest's use case ${srUseCase}.`, at.child('serviceCategory', 0), { code: 'value' }));
    }
  }
  if (!cancellation) {
    for (const element of ['start', 'end']) if (!text(r[element])) issues.push(barsIssue('CORE-APPT-05', `Appointment.${element} is missing.`, at.child(element)));
  }
  if (message.reason === 'new') {
    const slot = message.resolve(referenceOf(objects(r.slot)[0]));
    if (slot?.resourceType !== 'Slot' || message.ofType('Slot').length !== 1 || message.ofType('Schedule').length !== 1) {
      issues.push(barsIssue('CORE-APPT-06', 'A new booking needs Appointment.slot → the one Slot entry, and exactly one Slot and one Schedule.', at.child('slot', 0)));
    }
    const participants = objects(r.participant);
    const patientParticipant = participants.find((p) => message.resolve(referenceOf(p.actor))?.resourceType === 'Patient');
    if (!patientParticipant) issues.push(barsIssue('CORE-APPT-07', 'Appointment.participant with actor → the Patient is missing.', at.child('participant')));
    participants.forEach((p, i) => {
      if (p.status !== 'accepted') {
        issues.push(barsIssue('CORE-APPT-07', `Appointment.participant.status must be accepted, not ${String(p.status ?? 'absent')}.`, at.child('participant', i).child('status'), { code: 'value' }));
      }
    });
    for (const element of ['id', 'created']) {
      if (r[element] !== undefined) issues.push(barsIssue('CORE-APPT-08', `A new booking should not carry Appointment.${element}: the receiver sets it.`, at.child(element)));
    }
  }
  objects(r.basedOn).forEach((ref, i) => {
    const reference = referenceOf(ref) ?? '';
    if (!/^ServiceRequest\/[A-Za-z0-9\-.]{1,64}$/.test(reference)) {
      issues.push(barsIssue('CORE-APPT-09', `Appointment.basedOn should be a relative ServiceRequest/{id} reference, not ${reference || 'empty'}.`, at.child('basedOn', i)));
    }
  });
  if (cancellation) issues.push(...cancellationPayload(ctx, text(r.id) !== undefined, at.child('id')));
  else if (namesCancelDefinition(ctx)) {
    issues.push(barsIssue('CORE-CXL-05', `A booking cancellation's Appointment.status must be cancelled, not ${status ?? 'absent'}.`, at.child('status')));
  }
  return issues;
}
