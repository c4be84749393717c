/**
 * MessageHeader rules (CORE-MH-*, CORE-REF-03/04) and the cancellation envelope CORE-CXL-01…03.
 * The Applications' envelope rules (APP-111ED-02/18, APP-999CAS-02/20) are FSH invariants.
 */
import type { Issue } from '../../model/issue.js';
import { barsIssue } from '../issues.js';
import { asObject, codings, extensionsOf, objects, profilesOf, referenceOf, str, text, type JsonObject } from '../json.js';
import { SYSTEMS, type MessageView } from '../message.js';
import type { CheckContext } from './context.js';
import { publishedFor } from './message-definition.js';

const SD = 'https://fhir.nhs.uk/StructureDefinition/';
const MD = 'https://fhir.nhs.uk/MessageDefinition/';

export const EVENTS = ['servicerequest-request', 'servicerequest-response', 'booking-request'] as const;

const PROFILE_BY_EVENT: Record<string, string> = {
  'servicerequest-request': `${SD}BARSMessageHeader-servicerequest-request`,
  'servicerequest-response': `${SD}BARSMessageHeader-servicerequest-response`,
  'booking-request': `${SD}BARSMessageHeader-booking-request`,
};

export const MESSAGE_DEFINITIONS = {
  referral: `${MD}bars-message-servicerequest-request-referral`,
  validation: `${MD}bars-message-servicerequest-request-validation`,
  serviceRequestCancelled: `${MD}bars-message-servicerequest-request-cancelled`,
  booking: `${MD}bars-message-booking-request`,
  bookingCancelled: `${MD}bars-message-booking-request-cancelled`,
} as const;

const ENDPOINT = /^[^|\s]+\|[^|\s]+$/;
const CDSS_URL = 'https://fhir.nhs.uk/StructureDefinition/CDSSExtension';
const RESPONSE_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** Whether the message cancels a referral/validation or a booking (by the focus resource's status). */
export function isCancellation(message: MessageView): boolean {
  const srStatus = str(message.serviceRequest?.resource?.status);
  const apptStatus = str(message.appointment?.resource?.status);
  if (message.event === 'servicerequest-request') return srStatus === 'revoked' || srStatus === 'entered-in-error';
  if (message.event === 'booking-request') return apptStatus === 'cancelled' || apptStatus === 'entered-in-error';
  return false;
}

/** Definition without a `|version` suffix. */
function definitionUrl(message: MessageView): string | undefined {
  return message.definition?.split('|')[0];
}

function cdss(ctx: CheckContext, mh: JsonObject): Issue[] {
  const { message } = ctx;
  const location = message.header!.location;
  const onHeader = extensionsOf(mh, CDSS_URL);
  const onSource = extensionsOf(asObject(mh.source), CDSS_URL);
  const found = [...onHeader, ...onSource];
  const required = message.event === 'servicerequest-request';
  if (found.length === 0) {
    return [barsIssue('CORE-MH-14', 'The CDSS extension (software name and version) is missing.', location.child('extension'), { warning: !required })];
  }
  const issues: Issue[] = [];
  const extension = found[0];
  for (const [canonical, guideSpelling] of [
    ['RequesterCDSSsoftware', 'requesterCDSSSoftware'],
    ['RequesterCDSSversion', 'requesterCDSSVersion'],
  ]) {
    const subs = extensionsOf(extension, canonical, true);
    const sub = subs[0];
    if (!sub || !text(sub.valueString)) {
      issues.push(barsIssue('CORE-MH-14', `The CDSS extension has no ${canonical} string.`, location.child('extension'), { warning: !required }));
    } else if (str(sub.url) !== canonical) {
      issues.push(barsIssue('CORE-MH-14', `CDSS sub-extension url ${String(sub.url)} should be spelled ${canonical} (not ${guideSpelling}).`, location.child('extension'), { warning: true }));
    }
  }
  return issues;
}

function cancellation(ctx: CheckContext): Issue[] {
  const { message } = ctx;
  if (!isCancellation(message) || !message.header) return [];
  const location = message.header.location;
  const issues: Issue[] = [];
  if (message.reason === 'delete') {
    issues.push(barsIssue('CORE-CXL-01', 'A cancellation should use reason update; delete is tolerated.', location.child('reason'), { warning: true }));
  } else if (message.reason !== 'update') {
    issues.push(barsIssue('CORE-CXL-01', `A cancellation must use reason update, not ${message.reason ?? 'none'}.`, location.child('reason')));
  }
  const booking = message.event === 'booking-request';
  const wanted = booking ? MESSAGE_DEFINITIONS.bookingCancelled : MESSAGE_DEFINITIONS.serviceRequestCancelled;
  const url = definitionUrl(message);
  if (url !== wanted) {
    issues.push(barsIssue('CORE-CXL-02', `A cancellation must name MessageDefinition ${wanted}.`, location.child('definition'), { code: url ? 'value' : 'required' }));
  }
  const focusType = booking ? 'Appointment' : 'ServiceRequest';
  if (message.focus && message.focus.resourceType !== focusType) {
    issues.push(barsIssue('CORE-CXL-03', `A cancellation's focus must be the ${focusType}.`, location.child('focus', 0)));
  }
  return issues;
}

export function checkMessageHeader(ctx: CheckContext): Issue[] {
  const { message } = ctx;
  const header = message.header;
  const mh = header?.resource;
  if (!header || !mh) return []; // CORE-BUNDLE-09
  const at = header.location;
  const issues: Issue[] = [];

  // Event
  const eventCoding = asObject(mh.eventCoding);
  const event = str(eventCoding?.code);
  if (!eventCoding) {
    issues.push(barsIssue('CORE-MH-02', mh.eventUri !== undefined ? 'MessageHeader.event must be eventCoding, not eventUri.' : 'MessageHeader.eventCoding is missing.', at.child('eventCoding'), { code: mh.eventUri !== undefined ? 'value' : 'required' }));
  } else if (eventCoding.system !== SYSTEMS.messageEvents || !event) {
    issues.push(barsIssue('CORE-MH-02', `eventCoding needs system ${SYSTEMS.messageEvents} and a code.`, at.child('eventCoding'), { code: 'value' }));
  }
  if (event !== undefined && !(EVENTS as readonly string[]).includes(event)) {
    issues.push(barsIssue('CORE-MH-03', `Event ${event} is not one a receiver accepts (${EVENTS.join(', ')}).`, at.child('eventCoding').child('code')));
  }

  // Profile
  const profiles = profilesOf(mh);
  const headerProfiles = Object.entries(PROFILE_BY_EVENT).filter(([, p]) => profiles.includes(p));
  if (event && PROFILE_BY_EVENT[event]) {
    if (headerProfiles.length === 0) {
      issues.push(barsIssue('CORE-MH-01', `MessageHeader.meta.profile must name ${PROFILE_BY_EVENT[event]}.`, at.child('meta').child('profile')));
    } else if (!headerProfiles.some(([e]) => e === event)) {
      issues.push(barsIssue('CORE-MH-04', `The declared MessageHeader profile is for event ${headerProfiles[0][0]} but the event is ${event}.`, at.child('eventCoding').child('code')));
    }
  }

  // Reason
  const reasonCodings = codings(mh.reason).filter((c) => c.system === SYSTEMS.messageReason);
  if (reasonCodings.length === 0) {
    issues.push(barsIssue('CORE-MH-05', `MessageHeader.reason needs a coding from ${SYSTEMS.messageReason}.`, at.child('reason'), { code: 'required' }));
  } else if (!['new', 'update', 'delete'].includes(reasonCodings[0].code ?? '')) {
    issues.push(barsIssue('CORE-MH-05', `Reason ${reasonCodings[0].code ?? '(no code)'} is not new, update or delete.`, at.child('reason').child('coding', 0).child('code'), { code: 'value' }));
  } else if (!reasonCodings[0].display) {
    issues.push(barsIssue('CORE-MH-05', 'The reason coding should have a display.', at.child('reason').child('coding', 0).child('display'), { warning: true }));
  }

  // Focus
  const focus = objects(mh.focus);
  const focusRef = referenceOf(focus[0]);
  const allowedFocus: Record<string, string[]> = {
    'servicerequest-request': ['ServiceRequest'],
    'booking-request': ['Appointment'],
    'servicerequest-response': ['Encounter', 'ServiceRequest'],
  };
  const focusTypes = event ? allowedFocus[event] : undefined;
  const focusHint = (types: string[]) => {
    const mdFocus = ctx.messageDefinition?.focus.find((f) => types.includes(f.code));
    const candidate = message.entries.find((e) => e.resourceType !== undefined && types.includes(e.resourceType) && e.fullUrl);
    return ` Point MessageHeader.focus at the ${types.join(' or ')} entry${candidate ? ` (${candidate.fullUrl})` : ''}${mdFocus?.profile ? `, declaring ${mdFocus.profile}` : ''}.`;
  };
  if (!focusRef) issues.push(barsIssue('CORE-MH-06', `MessageHeader.focus with a reference is missing.${focusTypes ? focusHint(focusTypes) : ''}`, at.child('focus', 0)));
  else {
    if (focus.length > 1) issues.push(barsIssue('CORE-MH-06', `MessageHeader has ${focus.length} focus references; one is expected.`, at.child('focus', 1), { warning: true }));
    if (!message.focus) issues.push(barsIssue('CORE-REF-03', `MessageHeader.focus ${focusRef} does not resolve to an entry.`, at.child('focus', 0).child('reference')));
    else {
      const types = focusTypes;
      if (types && !types.includes(message.focus.resourceType ?? '')) {
        issues.push(barsIssue('CORE-MH-07', `The focus of a ${event} message must be ${types.join(' or ')}, not ${message.focus.resourceType}.${focusHint(types)}`, at.child('focus', 0)));
      }
    }
  }

  // Destination, sender, source
  const destinations = objects(mh.destination);
  const destination = destinations[0];
  const endpoint = str(destination?.endpoint);
  if (!destination || !endpoint) {
    issues.push(barsIssue('CORE-MH-08', 'MessageHeader.destination.endpoint is missing.', at.child('destination', 0).child('endpoint'), { code: 'required' }));
  } else if (!ENDPOINT.test(endpoint)) {
    issues.push(barsIssue('CORE-MH-08', `destination.endpoint ${endpoint} is not <identifier system>|<service id>.`, at.child('destination', 0).child('endpoint'), { code: 'value' }));
  } else if (ctx.support.serviceIds.length > 0 && !ctx.support.serviceIds.includes(endpoint)) {
    issues.push(barsIssue('CORE-MH-09', `destination.endpoint ${endpoint} is not a service this receiver handles.`, at.child('destination', 0).child('endpoint')));
  }
  const receiverRef = referenceOf(destination?.receiver);
  if (!receiverRef) issues.push(barsIssue('CORE-MH-10', 'MessageHeader.destination.receiver.reference is missing.', at.child('destination', 0).child('receiver')));
  else if (message.resolve(receiverRef)?.resourceType !== 'Organization') {
    issues.push(barsIssue('CORE-REF-04', `destination.receiver ${receiverRef} does not resolve to an Organization entry.`, at.child('destination', 0).child('receiver')));
  }
  const senderRef = referenceOf(mh.sender);
  if (!senderRef) issues.push(barsIssue('CORE-MH-11', 'MessageHeader.sender.reference is missing.', at.child('sender')));
  else if (message.resolve(senderRef)?.resourceType !== 'Organization') {
    issues.push(barsIssue('CORE-REF-04', `sender ${senderRef} does not resolve to an Organization entry.`, at.child('sender')));
  }
  const source = asObject(mh.source);
  const sourceEndpoint = str(source?.endpoint);
  if (!sourceEndpoint) issues.push(barsIssue('CORE-MH-12', 'MessageHeader.source.endpoint is missing.', at.child('source').child('endpoint')));
  else if (!ENDPOINT.test(sourceEndpoint)) {
    issues.push(barsIssue('CORE-MH-12', `source.endpoint ${sourceEndpoint} is not <identifier system>|<service id>.`, at.child('source').child('endpoint'), { code: 'value' }));
  }
  if (!text(source?.name)) issues.push(barsIssue('CORE-MH-12', 'MessageHeader.source.name is missing.', at.child('source').child('name')));
  for (const optional of ['software', 'version', 'contact']) {
    if (source && source[optional] === undefined) issues.push(barsIssue('CORE-MH-12', `MessageHeader.source.${optional} should be present.`, at.child('source').child(optional), { warning: true }));
  }

  // Definition
  if (!message.definition) {
    const published = publishedFor(ctx, event);
    issues.push(barsIssue('CORE-MH-13', `MessageHeader.definition is missing.${published.length > 0 ? ` Supply the canonical of the MessageDefinition for event ${event}: ${published.join(' or ')}.` : ''}`, at.child('definition')));
  }
  else if (!message.definition.startsWith(MD)) {
    issues.push(barsIssue('CORE-MH-13', `MessageHeader.definition ${message.definition} is not a BaRS MessageDefinition canonical.`, at.child('definition')));
  }

  issues.push(...cdss(ctx, mh));

  // Response
  const response = asObject(mh.response);
  if (event === 'servicerequest-response') {
    const identifier = str(response?.identifier);
    if (!response || !identifier || !RESPONSE_ID.test(identifier) || response.code !== 'ok') {
      issues.push(barsIssue('CORE-MH-15', 'A response needs MessageHeader.response with the original request Bundle.id (a bare id, not urn:uuid) and code ok.', at.child('response')));
    }
  } else if (event && response) {
    issues.push(barsIssue('CORE-MH-16', 'A request should not carry MessageHeader.response.', at.child('response')));
  }

  issues.push(...cancellation(ctx));
  return issues;
}
