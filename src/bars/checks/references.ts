/**
 * References inside the message (CORE-REF-01/02/05; the MessageHeader ones, REF-03/04, are in
 * message-header.ts). Bundle-local urn:uuid references must resolve; relative ones should, apart
 * from the spec's allow-list of pointers to resources held outside the message.
 */
import type { Issue } from '../../model/issue.js';
import { barsIssue } from '../issues.js';
import { objects, profilesOf, referenceOf, str } from '../json.js';
import type { MessageEntry } from '../message.js';
import type { CheckContext } from './context.js';

/** `Type.element` → prefix of references that may point outside the Bundle ('' = any). */
const EXTERNAL_ALLOWED: Record<string, string> = {
  'Encounter.episodeOfCare': '', // the Journey ID, in either accepted form (CORE-JID-02/03)
  'ServiceRequest.supportingInfo': 'Appointment/',
  'Appointment.basedOn': 'ServiceRequest/',
};

const SCENE_SAFETY_PROFILE = 'https://fhir.nhs.uk/StructureDefinition/BARSFlag-scene-safety';

/** Element → required target type, checked when the reference resolves (CORE-REF-05). */
const TARGET_TYPES: Array<{ type: string; element: string; target: string; when?: (e: MessageEntry) => boolean }> = [
  { type: 'ServiceRequest', element: 'subject', target: 'Patient' },
  { type: 'ServiceRequest', element: 'encounter', target: 'Encounter' },
  { type: 'ServiceRequest', element: 'basedOn', target: 'CarePlan' },
  { type: 'ServiceRequest', element: 'requester', target: 'Practitioner' },
  { type: 'Patient', element: 'generalPractitioner', target: 'Organization' },
  { type: 'Flag', element: 'subject', target: 'Location', when: (e) => profilesOf(e.resource).includes(SCENE_SAFETY_PROFILE) },
];

export function checkReferences(ctx: CheckContext): Issue[] {
  const { message } = ctx;
  const issues: Issue[] = [];
  for (const { entry, reference, topKey, location } of message.scan().references) {
    if (message.resolve(reference)) continue;
    if (reference.startsWith('urn:uuid:')) {
      issues.push(barsIssue('CORE-REF-01', `Reference ${reference} matches no entry fullUrl in the Bundle.`, location.child('reference')));
      continue;
    }
    const allowedPrefix = EXTERNAL_ALLOWED[`${entry.resourceType}.${topKey}`];
    if (allowedPrefix !== undefined && reference.startsWith(allowedPrefix)) continue;
    if (reference.startsWith('#')) continue; // contained resources: the profile engine's concern
    issues.push(barsIssue('CORE-REF-02', `Reference ${reference} does not resolve inside the Bundle.`, location.child('reference')));
  }
  for (const rule of TARGET_TYPES) {
    for (const entry of message.ofType(rule.type)) {
      if (rule.when && !rule.when(entry)) continue;
      objects(entry.resource?.[rule.element]).forEach((ref, i) => {
        const target = message.resolve(referenceOf(ref));
        if (target && target.resourceType !== rule.target) {
          issues.push(
            barsIssue('CORE-REF-05', `${rule.type}.${rule.element} must reference a ${rule.target}, not a ${target.resourceType}.`, entry.location.child(rule.element, Array.isArray(entry.resource?.[rule.element]) ? i : undefined)),
          );
        }
      });
    }
  }
  return issues;
}
