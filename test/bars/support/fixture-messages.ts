/**
 * Builders for the BaRS fixture messages (invented patients, organisations and ids; modelled on
 * the structure of the IG examples, not copied from them). Used by write-fixtures.ts to produce
 * fixtures/111-ed and fixtures/999-cas; every call returns a fresh object that callers may mutate.
 */
type Json = Record<string, any>;

const SD = 'https://fhir.nhs.uk/StructureDefinition/';
const UK = 'https://fhir.hl7.org.uk/StructureDefinition/';
const MD = 'https://fhir.nhs.uk/MessageDefinition/';
const CS = 'https://fhir.nhs.uk/CodeSystem/';
const DOS = 'https://fhir.nhs.uk/Id/dos-service-id';

export const TIMES = {
  lastUpdated: '2025-03-14T09:41:07.2210000+00:00',
  timestamp: '2025-03-14T09:41:08+00:00',
  contactStart: '2025-03-14T09:02:00+00:00',
  disposition: '2025-03-14T09:35:00+00:00',
  breach: '2025-03-14T10:41:00+00:00',
  responseUpdated: '2025-03-14T10:05:30.0000000+00:00',
};

/** urn:uuid fullUrls, invented for these fixtures. */
export const U = {
  header: '7d2c61e0-5a0b-4f3e-9a47-0c1e9b1f0a01',
  serviceRequest: '7d2c61e0-5a0b-4f3e-9a47-0c1e9b1f0a02',
  patient: '7d2c61e0-5a0b-4f3e-9a47-0c1e9b1f0a03',
  encounter: '7d2c61e0-5a0b-4f3e-9a47-0c1e9b1f0a04',
  carePlan: '7d2c61e0-5a0b-4f3e-9a47-0c1e9b1f0a05',
  senderOrg: '7d2c61e0-5a0b-4f3e-9a47-0c1e9b1f0a06',
  receiverOrg: '7d2c61e0-5a0b-4f3e-9a47-0c1e9b1f0a07',
  practitioner: '7d2c61e0-5a0b-4f3e-9a47-0c1e9b1f0a08',
  practitionerRole: '7d2c61e0-5a0b-4f3e-9a47-0c1e9b1f0a09',
  consent: '7d2c61e0-5a0b-4f3e-9a47-0c1e9b1f0a0a',
  healthcareService: '7d2c61e0-5a0b-4f3e-9a47-0c1e9b1f0a0b',
  location: '7d2c61e0-5a0b-4f3e-9a47-0c1e9b1f0a0c',
  sceneFlag: '7d2c61e0-5a0b-4f3e-9a47-0c1e9b1f0a0d',
  appointment: '7d2c61e0-5a0b-4f3e-9a47-0c1e9b1f0a0e',
  slot: '7d2c61e0-5a0b-4f3e-9a47-0c1e9b1f0a0f',
  schedule: '7d2c61e0-5a0b-4f3e-9a47-0c1e9b1f0a10',
  responderEncounter: '7d2c61e0-5a0b-4f3e-9a47-0c1e9b1f0a11',
  responderOrg: '7d2c61e0-5a0b-4f3e-9a47-0c1e9b1f0a12',
  responderPractitioner: '7d2c61e0-5a0b-4f3e-9a47-0c1e9b1f0a13',
  responderRole: '7d2c61e0-5a0b-4f3e-9a47-0c1e9b1f0a14',
};
export const urn = (id: string): string => `urn:uuid:${id}`;
const ref = (id: string): Json => ({ reference: urn(id) });

export const BUNDLE_IDS = {
  referral: 'c3a1f0d2-41b7-4e55-8a2e-5f0e3d9b7a11',
  validationRequest: 'c3a1f0d2-41b7-4e55-8a2e-5f0e3d9b7a12',
};
/** Receiver-assigned ids that updates and cancellations quote. */
export const RECEIVER_IDS = {
  serviceRequest: '4b9e2a77-0c3d-4f81-b6a5-2e7d9c1f3b21',
  appointment: '4b9e2a77-0c3d-4f81-b6a5-2e7d9c1f3b22',
};
const JOURNEY = 'EpisodeOfCare/1f6d3b92-7c45-4a0e-9d21-8b3e5a7c0f33';

export interface Parties {
  /** `system|value` the message is addressed to, and the sender's own. */
  destination: string;
  source: string;
}
export const PARTIES_111_ED: Parties = { destination: `${DOS}|2000048811`, source: `${DOS}|2000017734` };
export const PARTIES_999_CAS: Parties = { destination: `${DOS}|2000062290`, source: `${DOS}|2000090015` };

function meta(profile: string, lastUpdated = TIMES.lastUpdated): Json {
  return { lastUpdated, profile: [profile] };
}

function entry(id: string, resource: Json): Json {
  return { fullUrl: urn(id), resource };
}

function messageHeader(options: {
  event: string;
  reason: 'new' | 'update' | 'delete';
  focus: string;
  definition: string;
  parties: Parties;
  cdss?: string;
  response?: string;
  receiver?: string;
  sender?: string;
}): Json {
  const profile = { 'servicerequest-request': 'BARSMessageHeader-servicerequest-request', 'servicerequest-response': 'BARSMessageHeader-servicerequest-response', 'booking-request': 'BARSMessageHeader-booking-request' }[options.event]!;
  const header: Json = {
    resourceType: 'MessageHeader',
    meta: meta(`${SD}${profile}`),
    extension: [
      {
        url: `${SD}CDSSExtension`,
        extension: [
          { url: 'RequesterCDSSsoftware', valueString: options.cdss ?? 'NHS Pathways' },
          { url: 'RequesterCDSSversion', valueString: '41.2.0' },
        ],
      },
    ],
    eventCoding: { system: `${CS}message-events-bars`, code: options.event },
    destination: [{ endpoint: options.parties.destination, receiver: ref(options.receiver ?? U.receiverOrg) }],
    sender: ref(options.sender ?? U.senderOrg),
    source: {
      name: 'Northshire Urgent Care Hub',
      software: 'Meridian Triage',
      version: '7.4.1',
      contact: { system: 'phone', value: '01632 960 118' },
      endpoint: options.parties.source,
    },
    reason: { coding: [{ system: `${CS}message-reason-bars`, code: options.reason, display: options.reason === 'new' ? 'New' : options.reason === 'update' ? 'Update' : 'Delete' }] },
    focus: [ref(options.focus)],
    definition: options.definition,
  };
  if (options.response) header.response = { identifier: options.response, code: 'ok' };
  return header;
}

function bundle(id: string, versionId: string, entries: Json[]): Json {
  return {
    resourceType: 'Bundle',
    id,
    meta: { versionId, lastUpdated: TIMES.lastUpdated, profile: [`${SD}BARSBundleMessage`] },
    type: 'message',
    timestamp: TIMES.timestamp,
    entry: entries,
  };
}

function organization(name: string, ods: string): Json {
  return { resourceType: 'Organization', meta: meta(`${UK}UKCore-Organization`), identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: ods }], name };
}

function patient(): Json {
  return {
    resourceType: 'Patient',
    meta: meta(`${UK}UKCore-Patient`),
    identifier: [
      {
        extension: [
          {
            url: `${UK}Extension-UKCore-NHSNumberVerificationStatus`,
            valueCodeableConcept: { coding: [{ system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatus', code: 'number-present-and-verified', display: 'Number present and verified' }] },
          },
        ],
        system: 'https://fhir.nhs.uk/Id/nhs-number',
        value: '9990004417',
      },
    ],
    name: [{ use: 'official', family: 'Marchbank', given: ['Elowen'] }],
    gender: 'female',
    birthDate: '1961-08-23',
    address: [{ use: 'home', line: ['14 Quarry Lane'], city: 'Eastbridge', postalCode: 'NE99 4QT' }],
    contact: [
      {
        extension: [{ url: `${UK}Extension-UKCore-ContactRank`, valuePositiveInt: 1 }],
        relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'ONESELF', display: 'self' }] }],
        telecom: [
          { system: 'phone', value: '07700 900 412', use: 'mobile', rank: 1 },
          { system: 'email', value: 'e.marchbank@example.org', rank: 2 },
        ],
      },
      {
        extension: [{ url: `${UK}Extension-UKCore-ContactRank`, valuePositiveInt: 2 }],
        relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'DAU', display: 'natural daughter' }] }],
        name: { family: 'Marchbank', given: ['Tamsin'] },
        telecom: [{ system: 'phone', value: '07700 900 583', rank: 1 }],
      },
    ],
  };
}

function encounter(status: string, options: { id?: string; start?: string; end?: string; reason?: Json; identifier?: string } = {}): Json {
  const e: Json = {
    resourceType: 'Encounter',
    meta: meta(`${UK}UKCore-Encounter`),
    identifier: [{ system: 'https://fhir.example.org/Id/case-reference', value: options.identifier ?? 'NS-111-20250314-0093' }],
    status,
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'EMER', display: 'emergency' },
    subject: ref(U.patient),
    episodeOfCare: [{ reference: JOURNEY }],
    period: { start: options.start ?? TIMES.contactStart },
  };
  if (options.id) e.id = options.id;
  if (options.end) e.period.end = options.end;
  if (options.reason) e.reasonCode = [options.reason];
  return e;
}

function practitioner(family: string, code: string): Json {
  return {
    resourceType: 'Practitioner',
    meta: meta(`${UK}UKCore-Practitioner`),
    identifier: [{ system: 'https://fhir.nhs.uk/Id/sds-user-id', value: code }],
    name: [{ family, given: ['Rowan'] }],
  };
}

function practitionerRole(practitionerId: string, orgId: string): Json {
  return { resourceType: 'PractitionerRole', meta: meta(`${UK}UKCore-PractitionerRole`), practitioner: ref(practitionerId), organization: ref(orgId) };
}

function consent(): Json {
  return {
    resourceType: 'Consent',
    meta: meta(`${UK}UKCore-Consent`),
    status: 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy', display: 'Privacy Consent' }] },
    category: [{ coding: [{ system: `${CS}consent-categories-bars`, code: 'DRC', display: 'Direct Care' }] }],
    patient: ref(U.patient),
    dateTime: '2025-03-14T09:20:00+00:00',
    policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMPLIED', display: 'implied consent' }] },
  };
}

function healthcareService(name: string, serviceId: string, orgId: string): Json {
  return { resourceType: 'HealthcareService', meta: meta(`${UK}UKCore-HealthcareService`), identifier: [{ system: DOS, value: serviceId }], active: true, providedBy: ref(orgId), name };
}

function serviceRequest(options: { category: 'referral' | 'validation'; useCase: string; status: string; id?: string; occurrence?: Json; full: boolean; reasonText?: string; locationId?: string }): Json {
  const profile = options.category === 'referral' ? 'BARSServiceRequest-request-referral' : 'BARSServiceRequest-request-validation';
  const sr: Json = {
    resourceType: 'ServiceRequest',
    meta: meta(`${SD}${profile}`),
    status: options.status,
    intent: 'plan',
    category: [
      {
        coding: [
          { system: `${CS}message-category-servicerequest`, code: options.category, display: options.category === 'referral' ? 'Transfer of Care' : 'For Validation' },
          { system: `${CS}usecases-categories-bars`, code: options.useCase, display: options.useCase === 'a1t1' ? '111 to ED' : '999 to CAS Validation' },
        ],
      },
    ],
    subject: ref(U.patient),
    authoredOn: TIMES.timestamp,
  };
  if (options.id) sr.id = options.id;
  if (options.full) {
    sr.basedOn = [ref(U.carePlan)];
    sr.encounter = ref(U.encounter);
    sr.occurrencePeriod = options.occurrence ?? { start: TIMES.timestamp, end: TIMES.breach };
    sr.requester = ref(U.practitioner);
    sr.performer = [ref(U.healthcareService)];
  }
  if (options.locationId) sr.locationReference = [ref(options.locationId)];
  if (options.reasonText) sr.reasonCode = [{ text: options.reasonText }];
  return sr;
}

function carePlan(status: string, outcome: Json): Json {
  return {
    resourceType: 'CarePlan',
    meta: meta(`${UK}UKCore-CarePlan`),
    status,
    intent: 'plan',
    subject: ref(U.patient),
    encounter: ref(U.encounter),
    period: { start: TIMES.disposition },
    activity: [{ outcomeCodeableConcept: [outcome] }],
  };
}

const PATHWAYS_OUTCOME_ED: Json = {
  coding: [
    { system: `${CS}pathways-sg-codes`, code: 'SG1137', display: 'Palpitations' },
    { system: `${CS}pathways-sd-codes`, code: 'SD4501', display: 'ED Ischaemia, post trauma' },
    { system: `${CS}pathways-dx-codes`, code: 'DX02', display: 'Attend an emergency treatment centre within 1 hour' },
    { system: `${CS}pathways-pathway-codes`, code: 'PA21', display: 'Chest and Upper Back Pain' },
  ],
  text: 'Intermittent palpitations for two hours with light-headedness; no chest pain at time of call. Advised ED within one hour.',
};

const PATHWAYS_OUTCOME_CAS: Json = {
  coding: [
    { system: `${CS}pathways-sg-codes`, code: 'SG1011', display: 'Ankle or Foot Injury, Blunt' },
    { system: `${CS}pathways-sd-codes`, code: 'SD4033', display: 'AMB new/worsening breathlessness' },
    { system: `${CS}pathways-dx-codes`, code: 'Dx0122', display: 'Emergency Ambulance Response (Category 3)' },
    { system: `${CS}arp-priority-codes`, code: 'C3', display: 'Cat3 Urgent' },
  ],
  text: 'Fall at home onto left ankle, unable to weight-bear, no head injury, alert. Category 3 ambulance disposition for clinical validation.',
};

function incidentLocation(): Json {
  return {
    resourceType: 'Location',
    meta: meta(`${UK}UKCore-Location`),
    extension: [{ url: `${SD}LocationExtension`, extension: [{ url: 'what3words', valueString: 'lantern.pebble.orchard' }] }],
    name: 'Incident location',
    address: { line: ['14 Quarry Lane'], city: 'Eastbridge', postalCode: 'NE99 4QT' },
    position: { latitude: 54.9721, longitude: -1.6098 },
  };
}

function sceneSafetyFlag(): Json {
  return {
    resourceType: 'Flag',
    meta: meta(`${SD}BARSFlag-scene-safety`),
    status: 'active',
    category: [{ coding: [{ system: `${CS}flag-categories-bars`, code: 'SS', display: 'Scene Safety' }] }],
    code: { coding: [{ system: `${CS}scene-safety-codes-bars`, code: 'S', display: 'The Scene is safe' }] },
    subject: ref(U.location),
    encounter: ref(U.encounter),
  };
}

/** 111 → ED: new referral (Application 1, a1t1). */
export function referralNew(): Json {
  return bundle(BUNDLE_IDS.referral, '1.0.0', [
    entry(U.header, messageHeader({ event: 'servicerequest-request', reason: 'new', focus: U.serviceRequest, definition: `${MD}bars-message-servicerequest-request-referral`, parties: PARTIES_111_ED })),
    entry(U.serviceRequest, serviceRequest({ category: 'referral', useCase: 'a1t1', status: 'active', full: true })),
    entry(U.patient, patient()),
    entry(U.encounter, encounter('finished', { end: '2025-03-14T09:38:00+00:00' })),
    entry(U.carePlan, carePlan('completed', PATHWAYS_OUTCOME_ED)),
    entry(U.senderOrg, organization('Northshire 111 Service', 'NX4')),
    entry(U.receiverOrg, organization('Eastbridge General Hospital', 'RE7')),
    entry(U.practitioner, practitioner('Ashdown', '555018452101')),
    entry(U.practitionerRole, practitionerRole(U.practitioner, U.senderOrg)),
    entry(U.consent, consent()),
    entry(U.healthcareService, healthcareService('Eastbridge General Emergency Department', '2000048811', U.receiverOrg)),
  ]);
}

/** 111 → ED: cancellation of an earlier referral (reason update, SR revoked, receiver's id). */
export function referralCancel(): Json {
  return bundle('c3a1f0d2-41b7-4e55-8a2e-5f0e3d9b7a21', '1.0.0', [
    entry(U.header, messageHeader({ event: 'servicerequest-request', reason: 'update', focus: RECEIVER_IDS.serviceRequest, definition: `${MD}bars-message-servicerequest-request-cancelled`, parties: PARTIES_111_ED })),
    // The cancellation repeats the referral's occurrence period (APP-111ED-06 asks every App 1 ServiceRequest for one).
    entry(RECEIVER_IDS.serviceRequest, {
      ...serviceRequest({ category: 'referral', useCase: 'a1t1', status: 'revoked', id: RECEIVER_IDS.serviceRequest, full: false, reasonText: 'Patient called back: symptoms resolved, no longer attending.' }),
      occurrencePeriod: { start: TIMES.timestamp, end: TIMES.breach },
    }),
    entry(U.patient, patient()),
    entry(U.senderOrg, organization('Northshire 111 Service', 'NX4')),
    entry(U.receiverOrg, organization('Eastbridge General Hospital', 'RE7')),
  ]);
}

function appointment(status: string, options: { id?: string } = {}): Json {
  const a: Json = {
    resourceType: 'Appointment',
    meta: meta(`${UK}UKCore-Appointment`),
    status,
    serviceCategory: [{ coding: [{ system: `${CS}usecases-categories-bars`, code: 'a1t1', display: '111 to ED' }] }],
    start: '2025-03-14T11:30:00+00:00',
    end: '2025-03-14T11:45:00+00:00',
    slot: [ref(U.slot)],
    participant: [{ actor: ref(U.patient), status: 'accepted' }],
  };
  if (options.id) a.id = options.id;
  return a;
}

/** 111 → ED: new booking into an ED slot (Slot and Schedule as returned by GET /Slot). */
export function bookingNew(): Json {
  return bundle('c3a1f0d2-41b7-4e55-8a2e-5f0e3d9b7a31', '1.0.0', [
    entry(U.header, messageHeader({ event: 'booking-request', reason: 'new', focus: U.appointment, definition: `${MD}bars-message-booking-request`, parties: PARTIES_111_ED })),
    entry(U.appointment, appointment('booked')),
    entry(U.patient, patient()),
    entry(U.slot, {
      resourceType: 'Slot',
      id: U.slot,
      meta: meta(`${UK}UKCore-Slot`),
      schedule: ref(U.schedule),
      status: 'free',
      start: '2025-03-14T11:30:00+00:00',
      end: '2025-03-14T11:45:00+00:00',
    }),
    entry(U.schedule, { resourceType: 'Schedule', id: U.schedule, meta: meta(`${UK}UKCore-Schedule`), active: true, actor: [ref(U.healthcareService)] }),
    entry(U.healthcareService, healthcareService('Eastbridge General Emergency Department', '2000048811', U.receiverOrg)),
    entry(U.senderOrg, organization('Northshire 111 Service', 'NX4')),
    entry(U.receiverOrg, organization('Eastbridge General Hospital', 'RE7')),
  ]);
}

/** A cancellation quotes the Appointment by id; the Slot is not sent again. */
function withoutSlot(appt: Json): Json {
  const { slot: _slot, ...rest } = appt;
  return rest;
}

/** 111 → ED: cancellation of a booking (reason update, Appointment cancelled, receiver's id). */
export function bookingCancel(): Json {
  return bundle('c3a1f0d2-41b7-4e55-8a2e-5f0e3d9b7a41', '1.0.0', [
    entry(U.header, messageHeader({ event: 'booking-request', reason: 'update', focus: RECEIVER_IDS.appointment, definition: `${MD}bars-message-booking-request-cancelled`, parties: PARTIES_111_ED })),
    entry(RECEIVER_IDS.appointment, withoutSlot(appointment('cancelled', { id: RECEIVER_IDS.appointment }))),
    entry(U.patient, patient()),
    entry(U.senderOrg, organization('Northshire 111 Service', 'NX4')),
    entry(U.receiverOrg, organization('Eastbridge General Hospital', 'RE7')),
  ]);
}

function validationPayload(srStatus: string, srId?: string): Json[] {
  return [
    entry(srId ?? U.serviceRequest, serviceRequest({ category: 'validation', useCase: 'a4t1', status: srStatus, id: srId, full: true, locationId: U.location })),
    entry(U.patient, patient()),
    entry(U.encounter, encounter('triaged', { identifier: 'NA-999-20250314-4471' })),
    entry(U.carePlan, carePlan('active', PATHWAYS_OUTCOME_CAS)),
    entry(U.location, incidentLocation()),
    entry(U.sceneFlag, sceneSafetyFlag()),
    entry(U.senderOrg, organization('Northshire Ambulance Service', 'RX9')),
    entry(U.receiverOrg, organization('Eastbridge Clinical Assessment Service', 'NQ2')),
    entry(U.practitioner, practitioner('Ashdown', '555018452101')),
    entry(U.practitionerRole, practitionerRole(U.practitioner, U.senderOrg)),
    entry(U.consent, consent()),
    entry(U.healthcareService, healthcareService('Eastbridge Clinical Validation Hub', '2000062290', U.receiverOrg)),
  ];
}

function withFocus(entries: Json[], header: Json): Json[] {
  return [entry(U.header, header), ...entries];
}

/** 999 → CAS: new validation request (Application 4, a4t1). */
export function validationRequest(): Json {
  const header = messageHeader({ event: 'servicerequest-request', reason: 'new', focus: U.serviceRequest, definition: `${MD}bars-message-servicerequest-request-validation`, parties: PARTIES_999_CAS });
  return bundle(BUNDLE_IDS.validationRequest, '1.1.0', withFocus(validationPayload('active'), header));
}

/** 999 → CAS: update of a validation request with newer information (SR active, receiver's id). */
export function validationUpdate(): Json {
  const header = messageHeader({ event: 'servicerequest-request', reason: 'update', focus: RECEIVER_IDS.serviceRequest, definition: `${MD}bars-message-servicerequest-request-validation`, parties: PARTIES_999_CAS });
  return bundle('c3a1f0d2-41b7-4e55-8a2e-5f0e3d9b7a52', '1.1.0', withFocus(validationPayload('active', RECEIVER_IDS.serviceRequest), header));
}

/** 999 → CAS: cancellation of a validation request (ambulance dispatched after a call-back). */
export function validationCancel(): Json {
  return bundle('c3a1f0d2-41b7-4e55-8a2e-5f0e3d9b7a61', '1.1.0', [
    entry(U.header, messageHeader({ event: 'servicerequest-request', reason: 'update', focus: RECEIVER_IDS.serviceRequest, definition: `${MD}bars-message-servicerequest-request-cancelled`, parties: PARTIES_999_CAS })),
    entry(RECEIVER_IDS.serviceRequest, serviceRequest({ category: 'validation', useCase: 'a4t1', status: 'revoked', id: RECEIVER_IDS.serviceRequest, full: false, reasonText: 'Patient called back with worsening symptoms; ambulance dispatched.' })),
    entry(U.patient, patient()),
    entry(U.senderOrg, organization('Northshire Ambulance Service', 'RX9')),
    entry(U.receiverOrg, organization('Eastbridge Clinical Assessment Service', 'NQ2')),
  ]);
}

const VALIDATION_REASON = { coding: [{ system: `${CS}message-reason-encounter`, code: 'validation-triage-outcome', display: 'Validation of triage outcome' }] };
const REVERSED: Parties = { destination: PARTIES_999_CAS.source, source: PARTIES_999_CAS.destination };

function responseCore(definition: string, responderStatus: string, end?: string): Json[] {
  const header = messageHeader({
    event: 'servicerequest-response',
    reason: 'new',
    focus: U.responderEncounter,
    definition,
    parties: REVERSED,
    response: BUNDLE_IDS.validationRequest,
    receiver: U.senderOrg,
    sender: U.receiverOrg,
  });
  return [
    entry(U.header, header),
    entry(U.serviceRequest, { ...serviceRequest({ category: 'validation', useCase: 'a4t1', status: 'active', full: false }), encounter: ref(U.encounter), occurrencePeriod: { start: TIMES.timestamp, end: TIMES.breach } }),
    entry(U.patient, patient()),
    entry(U.encounter, encounter('triaged', { identifier: 'NA-999-20250314-4471' })),
    entry(U.responderEncounter, encounter(responderStatus, { start: '2025-03-14T09:52:00+00:00', end, reason: VALIDATION_REASON, identifier: 'ECAS-25-031407' })),
    entry(U.senderOrg, organization('Northshire Ambulance Service', 'RX9')),
    entry(U.receiverOrg, organization('Eastbridge Clinical Assessment Service', 'NQ2')),
    entry(U.responderPractitioner, practitioner('Penhallow', '555018452777')),
    entry(U.responderRole, practitionerRole(U.responderPractitioner, U.receiverOrg)),
  ];
}

/** 999 → CAS: interim validation response (clinician has started the consultation). */
export function interimResponse(): Json {
  return bundle('c3a1f0d2-41b7-4e55-8a2e-5f0e3d9b7a71', '1.1.0', responseCore(`${MD}bars-message-servicerequest-response-validation-interim`, 'in-progress'));
}

/** 999 → CAS: final validation response without an interim (downgraded outcome, no dispatch). */
export function finalResponse(): Json {
  const entries = responseCore(`${MD}bars-message-servicerequest-response-validation-full`, 'finished', '2025-03-14T10:04:00+00:00');
  const finalOutcome = {
    coding: [
      { system: `${CS}pathways-dx-codes`, code: 'Dx0122', display: 'Emergency Ambulance Response (Category 3)' },
      { system: `${CS}arp-priority-codes`, code: 'C5', display: 'Non Ambulance' },
    ],
    text: 'Validated by CAS clinician: ankle injury suitable for self-presentation to urgent treatment centre; no ambulance required.',
  };
  // The final response echoes the full request: the ServiceRequest keeps its references and the requester.
  entries[1].resource = serviceRequest({ category: 'validation', useCase: 'a4t1', status: 'active', full: true, locationId: U.location });
  return bundle('c3a1f0d2-41b7-4e55-8a2e-5f0e3d9b7a81', '1.1.0', [
    ...entries,
    entry(U.practitioner, practitioner('Ashdown', '555018452101')),
    entry(U.carePlan, { ...carePlan('completed', finalOutcome), encounter: ref(U.encounter) }),
    entry(U.location, incidentLocation()),
    entry(U.sceneFlag, sceneSafetyFlag()),
    entry(U.consent, consent()),
    entry(U.healthcareService, healthcareService('Eastbridge Clinical Validation Hub', '2000062290', U.receiverOrg)),
  ]);
}

export const VALID_MESSAGES: Record<string, { application: '111-ed' | '999-cas'; build: () => Json }> = {
  'referral-new': { application: '111-ed', build: referralNew },
  'referral-cancel': { application: '111-ed', build: referralCancel },
  'booking-new': { application: '111-ed', build: bookingNew },
  'booking-cancel': { application: '111-ed', build: bookingCancel },
  'validation-request': { application: '999-cas', build: validationRequest },
  'validation-update': { application: '999-cas', build: validationUpdate },
  'validation-cancel': { application: '999-cas', build: validationCancel },
  'interim-response': { application: '999-cas', build: interimResponse },
  'final-response': { application: '999-cas', build: finalResponse },
};
