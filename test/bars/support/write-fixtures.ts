/**
 * Writes fixtures/{111-ed,999-cas}/{valid,invalid}/<name>.json and <name>.verdict.json from the
 * message builders and the mutation table below. The expected verdicts are declared here by hand
 * (what each mutation breaks), never computed by the code under test.
 * Run: npx tsx test/bars/support/write-fixtures.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as M from './fixture-messages.js';
import { FIXTURES_DIR, type FixtureGolden } from './harness.js';

type Json = Record<string, any>;
type App = '111-ed' | '999-cas';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
const DOS = 'https://fhir.nhs.uk/Id/dos-service-id';
const MD = 'https://fhir.nhs.uk/MessageDefinition/';
const SD = 'https://fhir.nhs.uk/StructureDefinition/';

const header = (m: Json): Json => m.entry[0].resource;
const first = (m: Json, type: string): Json => m.entry.find((e: Json) => e.resource?.resourceType === type).resource;
const entryOf = (m: Json, type: string): Json => m.entry.find((e: Json) => e.resource?.resourceType === type);
const remove = (m: Json, type: string): void => {
  m.entry = m.entry.filter((e: Json) => e.resource?.resourceType !== type);
};
const entryByUrl = (m: Json, id: string): Json => m.entry.find((e: Json) => e.fullUrl === M.urn(id)).resource;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const NEW_URN = 'urn:uuid:0e5f7a9c-3d1b-4c2e-8f60-9a7b5c3d1e02';

interface Case {
  app: App;
  /** Fixtures that must be accepted although they look odd go under valid/. */
  kind?: 'valid';
  name: string;
  base: () => Json;
  description: string;
  mutate?: (m: Json) => Json | void;
  headers?: Record<string, string | null>;
  receiverSupport?: { serviceIds?: string[] };
  status: number;
  barsCode?: string;
  /** BaRS rule ids (CORE-*, APP-*, TypeScript checks and FSH invariants alike). */
  errors?: string[];
  warnings?: string[];
  /** The profile engine's own rule ids (cardinality-min, fixed-value, bdl-*...) the mutation also trips. */
  engineErrors?: string[];
  /** The engine's warnings; ENGINE_WARNINGS (what every base message draws) when absent. */
  engineWarnings?: string[];
}

/**
 * What the engine warns about on every base message: extensible bindings the BaRS codes sit
 * outside of (the BaRS event codes are not in UKCore-MessageEvent; ONESELF/DAU contact
 * relationships; the Direct Care Consent codes), as FHIR says it should.
 */
const ENGINE_WARNINGS = ['binding-extensible'];

const R = M.referralNew;
const B = M.bookingNew;
const V = M.validationRequest;

const CASES: Case[] = [
  // ---- headers
  { app: '111-ed', name: 'header-request-id-missing', base: R, description: 'No X-Request-ID header.', headers: { 'X-Request-ID': null }, status: 400, errors: ['CORE-HDR-01'] },
  { app: '111-ed', name: 'header-ids-not-uuid', base: R, description: 'X-Request-ID and X-Correlation-ID are not UUIDs.', headers: { 'X-Request-ID': 'req-0001', 'X-Correlation-ID': '12345' }, status: 400, errors: ['CORE-HDR-02', 'CORE-HDR-04'] },
  { app: '111-ed', name: 'header-correlation-id-missing', base: R, description: 'No X-Correlation-ID header.', headers: { 'X-Correlation-ID': null }, status: 400, errors: ['CORE-HDR-03'] },
  { app: '111-ed', name: 'header-target-not-base64', base: R, description: 'NHSD-Target-Identifier is not Base64.', headers: { 'NHSD-Target-Identifier': 'dos-service-id:2000048811' }, status: 400, errors: ['CORE-HDR-06'] },
  { app: '111-ed', name: 'header-target-no-value', base: R, description: 'NHSD-Target-Identifier decodes to an object without value.', headers: { 'NHSD-Target-Identifier': b64({ system: DOS }) }, status: 400, errors: ['CORE-HDR-07'] },
  { app: '111-ed', name: 'header-target-other-service', base: R, description: 'NHSD-Target-Identifier names another service than MessageHeader.destination.endpoint.', headers: { 'NHSD-Target-Identifier': b64({ system: DOS, value: '2000099999' }) }, status: 422, errors: ['CORE-HDR-08'] },
  {
    app: '111-ed', name: 'header-identity-malformed', base: R, description: 'The three identity headers are present but malformed (wrong resourceType, not Base64).',
    headers: { 'NHSD-End-User-Organisation': b64({ resourceType: 'Patient' }), 'NHSD-Requesting-Practitioner': '%%%', 'NHSD-Requesting-Software': b64({ resourceType: 'Organization' }) },
    status: 400, errors: ['CORE-HDR-09', 'CORE-HDR-10', 'CORE-HDR-11'],
  },
  { app: '111-ed', name: 'header-identity-absent', base: R, description: 'NHSD-End-User-Organisation and NHSD-Requesting-Software absent: warnings only.', headers: { 'NHSD-End-User-Organisation': null, 'NHSD-Requesting-Software': null }, status: 200, warnings: ['CORE-HDR-09', 'CORE-HDR-11'] },
  { app: '111-ed', name: 'header-accept-other-major', base: R, description: 'Accept asks for Core 2.x from a Core 1.x receiver.', headers: { Accept: 'application/fhir+json; version=2.0.0' }, status: 406, errors: ['CORE-HDR-12'] },
  { app: '111-ed', name: 'header-content-type-text', base: R, description: 'Content-Type is text/plain.', headers: { 'Content-Type': 'text/plain' }, status: 400, errors: ['CORE-HDR-14'] },
  { app: '111-ed', kind: 'valid', name: 'header-use-context-nonsense', base: R, description: 'use-context disagrees with the payload: receivers must ignore it.', headers: { 'use-context': 'a9t9|nonsense|x|y' }, status: 200 },
  // ---- Bundle structure and version
  { app: '111-ed', name: 'bundle-not-a-bundle', base: () => ({ resourceType: 'Patient', birthDate: '1961-08-23' }), description: 'The body is a Patient, not a Bundle.', engineErrors: ['profile-wrong-type'], engineWarnings: [], status: 400, errors: ['CORE-BUNDLE-01'] },
  {
    app: '111-ed', name: 'bundle-envelope', base: R, description: 'Bundle.type collection, no id, no meta.profile or meta.lastUpdated, no timestamp, and a total.',
    mutate: (m) => { m.type = 'collection'; delete m.id; delete m.meta.profile; delete m.meta.lastUpdated; delete m.timestamp; m.total = 11; },
    engineErrors: ['bdl-1', 'cardinality-min', 'fixed-value'], status: 400, errors: ['CORE-BUNDLE-02', 'CORE-BUNDLE-03', 'CORE-BUNDLE-04', 'CORE-BUNDLE-07', 'CORE-BUNDLE-08', 'CORE-BUNDLE-14'],
  },
  { app: '111-ed', name: 'bundle-timestamp-no-offset', base: R, description: 'Bundle.timestamp has no time-zone offset.', mutate: (m) => { m.timestamp = '2025-03-14T09:41:08'; }, engineErrors: ['primitive-format'], status: 400, errors: ['CORE-BUNDLE-08', 'CORE-TIME-01'] },
  { app: '111-ed', name: 'bundle-version-missing', base: R, description: 'No Bundle.meta.versionId (Application version).', mutate: (m) => { delete m.meta.versionId; }, status: 400, errors: ['CORE-BUNDLE-05'] },
  { app: '111-ed', name: 'bundle-version-unsupported', base: R, description: 'Application version 3.0.0: unsupported here, and its MAJOR differs from the MessageDefinition version.', mutate: (m) => { m.meta.versionId = '3.0.0'; }, status: 422, errors: ['CORE-BUNDLE-06', 'CORE-MD-06'] },
  { app: '999-cas', name: 'bundle-version-not-accepted', base: V, description: 'Application 4 version 1.0.0 is not in the accepted list (1.1.0, 1.2.x, 2.x).', mutate: (m) => { m.meta.versionId = '1.0.0'; }, status: 422, errors: ['CORE-BUNDLE-06'] },
  { app: '111-ed', name: 'bundle-header-not-first', base: R, description: 'The MessageHeader is the last entry instead of the first.', mutate: (m) => { m.entry.push(m.entry.shift()); }, engineErrors: ['bdl-12'], status: 400, errors: ['CORE-BUNDLE-09'] },
  {
    app: '111-ed', name: 'bundle-two-message-headers', base: R, description: 'A second MessageHeader entry.',
    mutate: (m) => { m.entry.push({ fullUrl: NEW_URN, resource: clone(header(m)) }); }, status: 400, errors: ['CORE-BUNDLE-10', 'CORE-MD-02'],
  },
  {
    app: '111-ed', name: 'bundle-fullurl-missing-duplicate', base: R, description: 'The Consent entry has no fullUrl; the PractitionerRole reuses the Practitioner fullUrl.',
    mutate: (m) => { delete entryOf(m, 'Consent').fullUrl; entryOf(m, 'PractitionerRole').fullUrl = entryOf(m, 'Practitioner').fullUrl; }, engineErrors: ['bdl-7', 'bundle-fullurl-missing', 'reference-ambiguous'], status: 400, errors: ['APP-111ED-08', 'CORE-BUNDLE-11', 'CORE-BUNDLE-13'],
  },
  { app: '111-ed', name: 'bundle-fullurl-absolute', base: R, description: 'An absolute fullUrl instead of urn:uuid: warning only.', mutate: (m) => { entryOf(m, 'Consent').fullUrl = 'https://fhir.example.org/Consent/4471'; first(m, 'Consent').id = '4471'; }, status: 200, warnings: ['CORE-COMMON-04', 'CORE-BUNDLE-12'] },
  { app: '111-ed', name: 'bundle-id-disagrees-with-fullurl', base: R, description: 'Consent.id differs from its urn:uuid fullUrl (and a new request carries an id).', mutate: (m) => { first(m, 'Consent').id = 'consent-4471'; }, status: 200, warnings: ['CORE-BUNDLE-15', 'CORE-COMMON-04'] },
  {
    app: '111-ed', name: 'bundle-entry-request-no-resource', base: R, description: 'An entry with request, and an entry without resource.',
    mutate: (m) => { entryOf(m, 'Consent').request = { method: 'POST', url: 'Consent' }; m.entry.push({ fullUrl: NEW_URN }); }, engineErrors: ['bdl-3', 'bdl-5'], status: 400, errors: ['CORE-BUNDLE-14'],
  },
  // ---- references
  {
    app: '111-ed', name: 'reference-unresolved', base: R, description: 'ServiceRequest.requester points at a urn:uuid that is not in the Bundle; Encounter.serviceProvider at an outside Organization (warning).',
    mutate: (m) => { first(m, 'ServiceRequest').requester = { reference: NEW_URN }; first(m, 'Encounter').serviceProvider = { reference: 'Organization/NX4' }; },
    engineErrors: ['reference-not-in-bundle'], status: 400, errors: ['CORE-REF-01'], warnings: ['reference-unresolved', 'CORE-REF-02'],
  },
  {
    app: '111-ed', name: 'reference-wrong-target-type', base: R, description: 'ServiceRequest.subject points at the Encounter and basedOn at the Practitioner.',
    mutate: (m) => { const sr = first(m, 'ServiceRequest'); sr.subject = { reference: M.urn(M.U.encounter) }; sr.basedOn = [{ reference: M.urn(M.U.practitioner) }]; }, engineErrors: ['reference-target-type'], status: 400, errors: ['APP-111ED-08', 'CORE-REF-05'],
  },
  { app: '111-ed', name: 'header-focus-unresolved', base: R, description: 'MessageHeader.focus points at no entry.', mutate: (m) => { header(m).focus = [{ reference: NEW_URN }]; }, engineErrors: ['reference-not-in-bundle'], status: 400, errors: ['APP-111ED-02', 'CORE-REF-01', 'CORE-REF-03'] },
  { app: '111-ed', name: 'header-sender-not-organization', base: R, description: 'MessageHeader.sender points at the Practitioner.', mutate: (m) => { header(m).sender = { reference: M.urn(M.U.practitioner) }; }, status: 400, errors: ['CORE-REF-04'] },
  // ---- MessageHeader
  { app: '111-ed', name: 'header-profile-missing', base: R, description: 'MessageHeader.meta.profile names no BaRS MessageHeader profile.', mutate: (m) => { delete header(m).meta.profile; }, status: 400, errors: ['CORE-MH-01'] },
  { app: '111-ed', name: 'header-profile-other-event', base: R, description: 'A servicerequest-request declares the booking-request MessageHeader profile.', mutate: (m) => { header(m).meta.profile = [`${SD}BARSMessageHeader-booking-request`]; }, status: 400, errors: ['CORE-MH-04'] },
  { app: '111-ed', name: 'header-event-uri', base: R, description: 'MessageHeader.eventUri instead of eventCoding.', mutate: (m) => { delete header(m).eventCoding; header(m).eventUri = 'https://example.org/events/referral'; }, engineErrors: ['cardinality-min', 'choice-type-not-allowed'], status: 400, errors: ['CORE-MH-02'] },
  {
    app: '111-ed', name: 'header-event-unknown', base: R, description: 'Event code referral-request is not a BaRS event (and not the MessageDefinition\'s).',
    mutate: (m) => { header(m).eventCoding.code = 'referral-request'; }, status: 400, errors: ['CORE-MD-01', 'CORE-MH-03'],
  },
  { app: '111-ed', name: 'header-reason-unknown', base: R, description: 'Reason amend is not in message-reason-bars (so no workflow matches).', mutate: (m) => { header(m).reason.coding[0].code = 'amend'; }, status: 400, errors: ['CORE-MH-05', 'CORE-WF-01'] },
  { app: '111-ed', name: 'header-reason-no-display', base: R, description: 'The reason coding has no display: warning.', mutate: (m) => { delete header(m).reason.coding[0].display; }, status: 200, warnings: ['CORE-MH-05'] },
  { app: '111-ed', name: 'header-focus-missing', base: R, description: 'No MessageHeader.focus.', mutate: (m) => { delete header(m).focus; }, status: 400, errors: ['APP-111ED-02', 'CORE-MH-06'] },
  { app: '111-ed', name: 'header-two-focus', base: R, description: 'Two focus references: a warning (CORE-MH-06), but Application 1 wants every focus of a referral to be the ServiceRequest (APP-111ED-02).', mutate: (m) => { header(m).focus.push({ reference: M.urn(M.U.patient) }); }, status: 400, errors: ['APP-111ED-02'], warnings: ['CORE-MH-06'] },
  { app: '111-ed', name: 'header-focus-wrong-type', base: R, description: 'The focus of a servicerequest-request is the Patient.', mutate: (m) => { header(m).focus = [{ reference: M.urn(M.U.patient) }]; }, status: 400, errors: ['APP-111ED-02', 'CORE-MH-07'] },
  {
    app: '111-ed', name: 'header-destination-endpoint-form', base: R, description: 'destination.endpoint is not <system>|<id>, so it also differs from the target identifier.',
    mutate: (m) => { header(m).destination[0].endpoint = 'dos-2000048811'; }, headers: { 'NHSD-Target-Identifier': b64({ system: DOS, value: '2000048811' }) },
    status: 422, errors: ['CORE-HDR-08', 'CORE-MH-08'],
  },
  { app: '111-ed', name: 'header-destination-not-handled', base: R, description: 'The receiver handles only another service id.', receiverSupport: { serviceIds: [`${DOS}|2000000001`] }, status: 422, errors: ['CORE-MH-09'] },
  {
    app: '111-ed', name: 'header-receiver-sender-missing', base: R, description: 'No destination.receiver and no sender.',
    mutate: (m) => { delete header(m).destination[0].receiver; delete header(m).sender; }, status: 400, errors: ['CORE-MH-10', 'CORE-MH-11'],
  },
  {
    app: '111-ed', name: 'header-source-incomplete', base: R, description: 'source has neither endpoint nor name (errors) nor software (warning).',
    mutate: (m) => { const s = header(m).source; delete s.endpoint; delete s.name; delete s.software; }, engineErrors: ['cardinality-min'], status: 400, errors: ['CORE-MH-12'], warnings: ['CORE-MH-12'],
  },
  { app: '111-ed', name: 'header-definition-missing', base: R, description: 'No MessageHeader.definition.', mutate: (m) => { delete header(m).definition; }, status: 400, errors: ['APP-111ED-02', 'CORE-MH-13'] },
  { app: '111-ed', name: 'header-definition-not-bars', base: R, description: 'definition is not a BaRS MessageDefinition canonical (and is not published here).', mutate: (m) => { header(m).definition = 'https://example.org/MessageDefinition/referral'; }, status: 400, errors: ['APP-111ED-02', 'CORE-MD-01', 'CORE-MH-13'] },
  { app: '111-ed', name: 'header-cdss-missing', base: R, description: 'A servicerequest-request without the CDSS extension.', mutate: (m) => { delete header(m).extension; }, status: 400, errors: ['CORE-MH-14'] },
  {
    app: '111-ed', name: 'header-cdss-guide-spelling', base: R, description: 'CDSS sub-extension urls in the guide tables\' spelling: accepted with warnings.',
    mutate: (m) => { const subs = header(m).extension[0].extension; subs[0].url = 'requesterCDSSSoftware'; subs[1].url = 'requesterCDSSVersion'; }, status: 200, warnings: ['CORE-MH-14'],
  },
  { app: '111-ed', name: 'header-response-on-request', base: R, description: 'A request carries MessageHeader.response: warning.', mutate: (m) => { header(m).response = { identifier: M.BUNDLE_IDS.referral, code: 'ok' }; }, status: 200, warnings: ['CORE-MH-16'] },
  { app: '999-cas', name: 'response-without-response', base: M.interimResponse, description: 'An interim response without MessageHeader.response.', mutate: (m) => { delete header(m).response; }, engineErrors: ['cardinality-min'], status: 400, errors: ['APP-999CAS-20', 'CORE-MH-15'] },
  // ---- MessageDefinition and use case
  { app: '111-ed', name: 'md-unknown-definition', base: R, description: 'definition is a BaRS-style canonical no MessageDefinition has: 422 by itself (CORE-MD-01), but Application 1 also rejects a referral not naming the referral MessageDefinition (APP-111ED-02, MessageHeader stage), and invalid outranks not-processable.', mutate: (m) => { header(m).definition = `${MD}bars-message-servicerequest-request-unknown`; }, status: 400, errors: ['APP-111ED-02', 'CORE-MD-01'] },
  {
    app: '111-ed', name: 'md-event-mismatch', base: R, description: 'A referral names the booking MessageDefinition: wrong event, wrong resources.',
    mutate: (m) => { header(m).definition = `${MD}bars-message-booking-request`; }, status: 400, errors: ['APP-111ED-02', 'CORE-MD-01', 'CORE-MD-02'], warnings: ['CORE-MD-04'],
  },
  {
    app: '111-ed', name: 'md-resource-counts', base: R, description: 'No Consent (1..*), two CarePlans (1..1) and an unlisted Immunization.',
    mutate: (m) => {
      remove(m, 'Consent');
      m.entry.push({ fullUrl: NEW_URN, resource: clone(first(m, 'CarePlan')) });
      m.entry.push({ fullUrl: 'urn:uuid:0e5f7a9c-3d1b-4c2e-8f60-9a7b5c3d1e03', resource: { resourceType: 'Immunization', meta: { lastUpdated: M.TIMES.lastUpdated } } });
    },
    engineErrors: ['cardinality-min'], status: 400, errors: ['CORE-MD-02'], warnings: ['CORE-MD-04'],
  },
  { app: '111-ed', name: 'use-case-other-application', base: R, description: 'Use case a2t1 (Application 2), which this receiver does not support.', mutate: (m) => { first(m, 'ServiceRequest').category[0].coding[1].code = 'a2t1'; }, status: 422, errors: ['CORE-MD-05'] },
  { app: '111-ed', name: 'use-case-not-configured', base: R, description: 'Use case a1t2 (111 to UTC) is Application 1 but not configured here.', mutate: (m) => { first(m, 'ServiceRequest').category[0].coding[1].code = 'a1t2'; }, engineErrors: ['fixed-value'], status: 422, errors: ['APP-111ED-01'] },
  { app: '999-cas', name: 'use-case-not-configured', base: V, description: 'Use case a4t2 (999 to Falls) is Application 4 but not configured here.', mutate: (m) => { first(m, 'ServiceRequest').category[0].coding[1].code = 'a4t2'; }, engineErrors: ['fixed-value'], status: 422, errors: ['APP-999CAS-01'] },
  { app: '111-ed', name: 'use-case-upper-case', base: R, description: 'Use case written A1T1: the CodeSystem is case-sensitive.', mutate: (m) => { first(m, 'ServiceRequest').category[0].coding[1].code = 'A1T1'; }, status: 400, errors: ['CORE-SR-06'] },
  // ---- workflow
  {
    app: '111-ed', name: 'referral-update-to-amend', base: R, description: 'A referral update with the ServiceRequest still active (amendment): no Core workflow matches.',
    mutate: (m) => { header(m).reason.coding[0] = { system: 'https://fhir.nhs.uk/CodeSystem/message-reason-bars', code: 'update', display: 'Update' }; first(m, 'ServiceRequest').id = M.U.serviceRequest; },
    status: 400, errors: ['APP-111ED-16', 'CORE-WF-03'],
  },
  { app: '999-cas', name: 'validation-request-on-hold', base: V, description: 'A new validation request whose ServiceRequest is on-hold.', mutate: (m) => { first(m, 'ServiceRequest').status = 'on-hold'; }, status: 400, errors: ['APP-999CAS-04', 'CORE-WF-02'] },
  { app: '999-cas', name: 'validation-cancel-wrong-status', base: M.validationCancel, description: 'A validation cancel whose ServiceRequest status is cancelled (not a ServiceRequest status).', mutate: (m) => { first(m, 'ServiceRequest').status = 'cancelled'; }, engineErrors: ['binding-required'], status: 400, errors: ['APP-999CAS-05', 'APP-999CAS-06', 'APP-999CAS-07', 'APP-999CAS-12', 'APP-999CAS-18', 'CORE-CXL-05', 'CORE-SR-04', 'CORE-WF-04'] },
  { app: '999-cas', name: 'validation-update-completed', base: M.validationUpdate, description: 'A validation update whose ServiceRequest is completed.', mutate: (m) => { first(m, 'ServiceRequest').status = 'completed'; }, status: 400, errors: ['APP-999CAS-18', 'CORE-SR-04', 'CORE-WF-05'] },
  {
    app: '111-ed', name: 'feedback-service-request-active', base: R, description: 'ED → 111 feedback (servicerequest-response, referral) whose ServiceRequest is still active instead of revoked.',
    mutate: (m) => {
      const h = header(m);
      h.eventCoding.code = 'servicerequest-response';
      h.meta.profile = [`${SD}BARSMessageHeader-servicerequest-response`];
      h.response = { identifier: M.BUNDLE_IDS.referral, code: 'ok' };
      h.definition = `${MD}bars-message-servicerequest-response-referral`;
    },
    status: 400, errors: ['APP-111ED-25', 'CORE-WF-06'],
  },
  { app: '111-ed', name: 'booking-new-not-booked', base: B, description: 'A new booking whose Appointment is proposed.', mutate: (m) => { first(m, 'Appointment').status = 'proposed'; }, status: 400, errors: ['APP-111ED-18', 'CORE-APPT-03', 'CORE-WF-10'] },
  { app: '111-ed', name: 'booking-cancel-wrong-status', base: M.bookingCancel, description: 'A booking cancel whose Appointment status is revoked (not an Appointment status).', mutate: (m) => { first(m, 'Appointment').status = 'revoked'; }, engineErrors: ['binding-required'], status: 400, errors: ['CORE-CXL-05', 'CORE-WF-11'] },
  { app: '111-ed', name: 'booking-update-pending', base: B, description: 'A booking update (not a cancellation) whose Appointment is pending.', mutate: (m) => { header(m).reason.coding[0].code = 'update'; header(m).reason.coding[0].display = 'Update'; first(m, 'Appointment').status = 'pending'; }, status: 400, errors: ['CORE-WF-12'] },
  { app: '111-ed', name: 'booking-response-event', base: B, description: 'A booking-response message, which $process-message never accepts.', mutate: (m) => { header(m).eventCoding.code = 'booking-response'; }, status: 400, errors: ['CORE-MD-01', 'CORE-MH-03', 'CORE-WF-13'] },
  // ---- ServiceRequest
  {
    app: '111-ed', name: 'service-request-essentials', base: R, description: 'Validation profile on a referral, intent order, status draft, no subject, occurrenceDateTime, no requester.',
    mutate: (m) => {
      const sr = first(m, 'ServiceRequest');
      sr.meta.profile = [`${SD}BARSServiceRequest-request-validation`];
      sr.intent = 'order';
      sr.status = 'draft';
      delete sr.subject;
      sr.occurrenceDateTime = '2025-03-14T10:00:00+00:00';
      delete sr.requester;
    },
    engineErrors: ['cardinality-min', 'choice-multiple', 'choice-type-not-allowed', 'fixed-value'], status: 400, errors: ['APP-111ED-03', 'APP-111ED-04', 'APP-111ED-08', 'CORE-SR-02', 'CORE-SR-03', 'CORE-SR-04', 'CORE-SR-07', 'CORE-SR-08', 'CORE-WF-01'], warnings: ['APP-111ED-06'],
  },
  { app: '111-ed', name: 'service-request-new-incomplete', base: R, description: 'A new referral without requester and performer.', mutate: (m) => { const sr = first(m, 'ServiceRequest'); delete sr.requester; delete sr.performer; }, status: 400, errors: ['APP-111ED-07', 'APP-111ED-08', 'CORE-SR-09'] },
  { app: '111-ed', name: 'service-request-two', base: R, description: 'Two ServiceRequests.', mutate: (m) => { m.entry.push({ fullUrl: NEW_URN, resource: clone(first(m, 'ServiceRequest')) }); }, status: 400, errors: ['CORE-MD-02', 'CORE-SR-01'] },
  { app: '111-ed', name: 'service-request-category-incomplete', base: R, description: 'ServiceRequest.category lacks the message-category coding (so no workflow matches).', mutate: (m) => { first(m, 'ServiceRequest').category[0].coding.shift(); }, engineErrors: ['cardinality-min', 'slice-cardinality-min'], status: 400, errors: ['CORE-SR-05', 'CORE-WF-01'] },
  {
    app: '111-ed', name: 'service-request-advisories', base: R, description: 'An active referral with reasonCode and a sender-set id: warnings.',
    mutate: (m) => { const sr = first(m, 'ServiceRequest'); sr.reasonCode = [{ text: 'Palpitations' }]; sr.id = M.U.serviceRequest; }, status: 200, warnings: ['CORE-SR-10', 'CORE-SR-11'],
  },
  { app: '111-ed', name: 'cancel-without-reason-text', base: M.referralCancel, description: 'A cancellation that does not say why: warning.', mutate: (m) => { delete first(m, 'ServiceRequest').reasonCode; }, status: 200, warnings: ['CORE-SR-10'] },
  {
    app: '999-cas', name: 'update-without-id', base: M.validationUpdate, description: 'A validation update without the receiver-assigned ServiceRequest.id.',
    mutate: (m) => { delete first(m, 'ServiceRequest').id; }, status: 400, errors: ['APP-999CAS-18', 'CORE-SR-11'],
  },
  // ---- Appointment
  {
    app: '111-ed', name: 'appointment-essentials', base: B, description: 'Appointment without UK Core profile and end; participant tentative.',
    mutate: (m) => { const a = first(m, 'Appointment'); delete a.meta.profile; delete a.end; a.participant[0].status = 'tentative'; }, engineErrors: ['app-2', 'app-3'], status: 400, errors: ['APP-111ED-18', 'CORE-APPT-02', 'CORE-APPT-05', 'CORE-APPT-07'],
  },
  { app: '111-ed', name: 'appointment-two', base: B, description: 'Two Appointments.', mutate: (m) => { m.entry.push({ fullUrl: NEW_URN, resource: clone(first(m, 'Appointment')) }); }, status: 400, errors: ['CORE-APPT-01', 'CORE-MD-02'] },
  { app: '111-ed', name: 'appointment-service-category-missing', base: B, description: 'Appointment without the use-case serviceCategory.', mutate: (m) => { delete first(m, 'Appointment').serviceCategory; }, status: 400, errors: ['CORE-APPT-04'] },
  { app: '111-ed', name: 'appointment-slot-missing', base: B, description: 'A new booking without Appointment.slot.', mutate: (m) => { delete first(m, 'Appointment').slot; }, status: 400, errors: ['CORE-APPT-06'] },
  {
    app: '111-ed', name: 'appointment-advisories', base: B, description: 'A new booking with created set and an absolute basedOn: warnings.',
    mutate: (m) => { const a = first(m, 'Appointment'); a.created = '2025-03-14T09:40:00+00:00'; a.basedOn = [{ reference: 'https://fhir.example.org/ServiceRequest/88' }]; }, status: 200, warnings: ['CORE-APPT-08', 'CORE-APPT-09', 'CORE-REF-02'],
  },
  // ---- cancellation
  { app: '111-ed', name: 'cancel-reason-new', base: M.referralCancel, description: 'A cancellation sent with reason new.', mutate: (m) => { header(m).reason.coding[0].code = 'new'; header(m).reason.coding[0].display = 'New'; }, status: 400, errors: ['APP-111ED-02', 'APP-111ED-04', 'APP-111ED-07', 'APP-111ED-08', 'CORE-CXL-01', 'CORE-WF-01'], warnings: ['CORE-SR-11'] },
  { app: '999-cas', name: 'cancel-reason-delete', base: M.validationCancel, description: 'A cancellation sent with reason delete: tolerated with a warning.', mutate: (m) => { header(m).reason.coding[0].code = 'delete'; header(m).reason.coding[0].display = 'Delete'; }, status: 200, warnings: ['CORE-CXL-01'] },
  {
    app: '111-ed', name: 'cancel-referral-definition', base: M.referralCancel, description: 'A cancellation naming the referral MessageDefinition (whose resources it lacks).',
    mutate: (m) => { header(m).definition = `${MD}bars-message-servicerequest-request-referral`; }, status: 400, errors: ['APP-111ED-17', 'CORE-CXL-02', 'CORE-MD-02'],
  },
  { app: '111-ed', name: 'cancel-focus-patient', base: M.referralCancel, description: 'A cancellation whose focus is the Patient.', mutate: (m) => { header(m).focus = [{ reference: M.urn(M.U.patient) }]; }, status: 400, errors: ['CORE-CXL-03', 'CORE-MH-07'] },
  { app: '111-ed', name: 'cancel-without-id', base: M.bookingCancel, description: 'A booking cancellation without the receiver-assigned Appointment.id.', mutate: (m) => { delete first(m, 'Appointment').id; }, status: 400, errors: ['APP-111ED-22', 'CORE-CXL-04'] },
  { app: '111-ed', name: 'cancel-still-active', base: M.referralCancel, description: 'The cancel MessageDefinition with the ServiceRequest still active.', mutate: (m) => { first(m, 'ServiceRequest').status = 'active'; }, status: 400, errors: ['APP-111ED-16', 'CORE-CXL-05', 'CORE-WF-03'], warnings: ['CORE-SR-10'] },
  {
    app: '111-ed', name: 'cancel-without-patient', base: M.referralCancel, description: 'A cancellation without the Patient.',
    mutate: (m) => { remove(m, 'Patient'); }, engineErrors: ['reference-not-in-bundle'], status: 400, errors: ['CORE-COMMON-02', 'CORE-CXL-07', 'CORE-MD-02', 'CORE-REF-01'],
  },
  // ---- Journey ID, times, lastUpdated
  { app: '111-ed', name: 'journey-id-missing', base: R, description: 'The sender\'s Encounter has no Journey ID.', mutate: (m) => { delete first(m, 'Encounter').episodeOfCare; }, engineErrors: ['cardinality-min'], status: 400, errors: ['CORE-JID-01'] },
  { app: '111-ed', name: 'journey-id-bare-guid', base: R, description: 'The Journey ID is a bare GUID: warning.', mutate: (m) => { first(m, 'Encounter').episodeOfCare[0].reference = '1f6d3b92-7c45-4a0e-9d21-8b3e5a7c0f33'; }, status: 200, warnings: ['CORE-JID-02'] },
  {
    app: '999-cas', name: 'journey-id-differs', base: M.interimResponse, description: 'The responder\'s Encounter carries another Journey ID than the requester\'s.',
    mutate: (m) => { m.entry.find((e: Json) => e.fullUrl === M.urn(M.U.responderEncounter)).resource.episodeOfCare[0].reference = 'EpisodeOfCare/9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'; }, status: 400, errors: ['APP-999CAS-21', 'CORE-JID-04'],
  },
  { app: '111-ed', name: 'time-fraction-too-long', base: R, description: 'A dateTime with 9 fractional-second digits: warning.', mutate: (m) => { first(m, 'Consent').dateTime = '2025-03-14T09:20:00.123456789+00:00'; }, status: 200, warnings: ['CORE-TIME-02'] },
  { app: '111-ed', name: 'time-not-utc', base: R, description: 'A dateTime with a +01:00 offset: warning.', mutate: (m) => { first(m, 'Encounter').period.start = '2025-03-14T10:02:00+01:00'; }, status: 200, warnings: ['CORE-TIME-03'] },
  { app: '111-ed', name: 'time-in-future', base: R, description: 'Bundle.timestamp years after the receiver\'s clock: warning.', mutate: (m) => { m.timestamp = '2031-03-14T09:41:08+00:00'; }, status: 200, warnings: ['CORE-TIME-04'] },
  { app: '111-ed', name: 'last-updated-missing', base: R, description: 'The Consent has no meta.lastUpdated.', mutate: (m) => { delete first(m, 'Consent').meta.lastUpdated; }, status: 400, errors: ['CORE-LU-01'] },
  { app: '111-ed', name: 'last-updated-differs', base: R, description: 'A new message whose Patient has another lastUpdated: warning.', mutate: (m) => { first(m, 'Patient').meta.lastUpdated = '2025-03-14T09:30:00+00:00'; }, status: 200, warnings: ['CORE-LU-02'] },
  // ---- common payload
  {
    app: '111-ed', name: 'organization-incomplete', base: R, description: 'The receiving Organization has neither ODS identifier nor name.',
    mutate: (m) => { const org = m.entry.find((e: Json) => e.fullUrl === M.urn(M.U.receiverOrg)).resource; delete org.identifier; delete org.name; }, engineErrors: ['org-1'], status: 400, errors: ['CORE-COMMON-01'],
  },
  { app: '111-ed', name: 'patient-profile-missing', base: R, description: 'The Patient declares no UK Core profile.', mutate: (m) => { delete first(m, 'Patient').meta.profile; }, status: 400, errors: ['CORE-COMMON-02'] },
  {
    app: '999-cas', name: 'nhs-number-unverified', base: V, description: 'An NHS number with verification status trace-postponed.',
    mutate: (m) => { first(m, 'Patient').identifier[0].extension[0].valueCodeableConcept.coding[0] = { system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatus', code: 'trace-postponed' }; }, status: 400, errors: ['APP-UEC-05', 'CORE-COMMON-03'],
  },
  { app: '111-ed', name: 'encounter-id-on-new', base: R, description: 'A new referral carries Encounter.id: warning.', mutate: (m) => { first(m, 'Encounter').id = M.U.encounter; }, status: 200, warnings: ['CORE-COMMON-04'] },
  { app: '999-cas', name: 'cdss-not-allowed', base: V, description: 'CDSS software Manchester Triage is not allowed in Application 4: warning.', mutate: (m) => { header(m).extension[0].extension[0].valueString = 'Manchester Triage System'; }, status: 200, warnings: ['APP-UEC-16'] },
  // ---- rules checked by FSH invariants (the profile engine reports them under the rule id)
  { app: '111-ed', name: 'patient-two-rank-one-contacts', base: R, description: 'Both Patient contacts carry ContactRank 1.', mutate: (m) => { first(m, 'Patient').contact[1].extension[0].valuePositiveInt = 1; }, status: 400, errors: ['APP-UEC-01'] },
  { app: '111-ed', name: 'patient-contact-two-rank-one-telecoms', base: R, description: 'The first contact ranks both its telecoms 1.', mutate: (m) => { first(m, 'Patient').contact[0].telecom[1].rank = 1; }, status: 400, errors: ['APP-UEC-02'], warnings: ['APP-UEC-03'] },
  {
    app: '999-cas', name: 'patient-no-phone', base: V, description: 'No contact method is a phone: both are SMS (and the primary call-back is not a phone).',
    mutate: (m) => { const c = first(m, 'Patient').contact; c[0].telecom[0].system = 'sms'; c[1].telecom[0].system = 'sms'; }, status: 400, errors: ['APP-UEC-03'], warnings: ['APP-UEC-03'],
  },
  { app: '111-ed', name: 'encounter-profile-missing', base: R, description: 'The Encounter declares no UK Core Encounter profile and has no case reference.', mutate: (m) => { const e = first(m, 'Encounter'); delete e.meta.profile; delete e.identifier; }, status: 400, errors: ['APP-UEC-07'], warnings: ['APP-UEC-07'] },
  { app: '111-ed', name: 'care-plan-no-outcome', base: R, description: 'The CarePlan has no activity (no triage outcome).', mutate: (m) => { delete first(m, 'CarePlan').activity; }, status: 400, errors: ['APP-111ED-13', 'APP-UEC-08'], warnings: ['APP-111ED-13'] },
  { app: '999-cas', name: 'care-plan-encounter-not-encounter', base: V, description: 'CarePlan.encounter points at the Patient.', mutate: (m) => { first(m, 'CarePlan').encounter = { reference: M.urn(M.U.patient) }; }, engineErrors: ['reference-target-type'], status: 400, errors: ['APP-UEC-08'] },
  {
    app: '999-cas', name: 'flag-two-categories', base: V, description: 'The scene-safety Flag carries two flag-categories-bars codings.',
    mutate: (m) => { first(m, 'Flag').category[0].coding.push({ system: 'https://fhir.nhs.uk/CodeSystem/flag-categories-bars', code: 'RA', display: 'Reasonable Adjustment' }); }, engineErrors: ['fixed-value'], status: 400, errors: ['APP-UEC-09'],
  },
  { app: '999-cas', name: 'flag-scene-safety-about-patient', base: V, description: 'The scene-safety Flag is about the Patient, not the incident Location.', mutate: (m) => { first(m, 'Flag').subject = { reference: M.urn(M.U.patient) }; }, engineErrors: ['reference-target-type'], status: 400, errors: ['APP-UEC-09', 'CORE-REF-05'] },
  {
    app: '111-ed', name: 'patient-birth-sex-extension', base: R, description: 'Birth sex sent as a Patient extension instead of an Observation: warning.',
    mutate: (m) => { first(m, 'Patient').extension = [{ url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-BirthSex', valueCode: 'F' }]; },
    status: 200, warnings: ['APP-UEC-11'],
  },
  {
    app: '111-ed', name: 'medication-statement-subject-encounter', base: R, description: 'A MedicationStatement about the Encounter instead of the Patient.',
    mutate: (m) => {
      m.entry.push({ fullUrl: NEW_URN, resource: { resourceType: 'MedicationStatement', meta: { lastUpdated: M.TIMES.lastUpdated, profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-MedicationStatement'] }, status: 'active', medicationCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '322236009', display: 'Paracetamol 500mg tablets' }] }, subject: { reference: M.urn(M.U.encounter) } } });
    },
    engineErrors: ['reference-target-type'], status: 400, errors: ['APP-UEC-14'],
  },
  { app: '111-ed', name: 'consent-profile-foreign', base: R, description: 'The Consent declares a profile that is neither UK Core nor BaRS: warning.', mutate: (m) => { first(m, 'Consent').meta.profile = ['http://hl7.org/fhir/StructureDefinition/Consent']; }, status: 200, warnings: ['APP-UEC-17'] },
  { app: '111-ed', name: 'service-request-supporting-care-plan', base: R, description: 'ServiceRequest.supportingInfo points at the CarePlan (only QuestionnaireResponses, Flags and Appointment links belong there): warning.', mutate: (m) => { first(m, 'ServiceRequest').supportingInfo = [{ reference: M.urn(M.U.carePlan) }]; }, status: 200, warnings: ['APP-111ED-09'] },
  { app: '111-ed', name: 'encounter-in-progress', base: R, description: 'A referral whose sender Encounter is still in progress.', mutate: (m) => { const e = first(m, 'Encounter'); e.status = 'in-progress'; delete e.period.end; }, status: 400, errors: ['APP-111ED-11'] },
  { app: '111-ed', name: 'care-plan-active', base: R, description: 'A referral whose CarePlan is active and has no period.start.', mutate: (m) => { const c = first(m, 'CarePlan'); c.status = 'active'; delete c.period; }, status: 400, errors: ['APP-111ED-12'] },
  { app: '111-ed', name: 'triage-outcome-no-text', base: R, description: 'The triage outcome has neither narrative text nor the Pathways symptom discriminator.', mutate: (m) => { const o = first(m, 'CarePlan').activity[0].outcomeCodeableConcept[0]; delete o.text; o.coding.splice(1, 1); }, status: 400, errors: ['APP-111ED-13'], warnings: ['APP-111ED-13'] },
  {
    app: '111-ed', name: 'questionnaire-response-unlabelled', base: R, description: 'A QuestionnaireResponse with no reason extension and an unknown item linkId.',
    mutate: (m) => {
      m.entry.push({ fullUrl: NEW_URN, resource: { resourceType: 'QuestionnaireResponse', meta: { lastUpdated: M.TIMES.lastUpdated, profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-QuestionnaireResponse'] }, status: 'completed', subject: { reference: M.urn(M.U.patient) }, item: [{ linkId: 'Notes', text: 'Caller notes' }] } });
    },
    status: 400, errors: ['APP-111ED-14'], warnings: ['APP-111ED-14'],
  },
  { app: '111-ed', name: 'booking-update-to-amend', base: B, description: 'A booking update that keeps the Appointment booked: amending a booking is not supported in Application 1.', mutate: (m) => { header(m).reason.coding[0].code = 'update'; header(m).reason.coding[0].display = 'Update'; first(m, 'Appointment').id = M.RECEIVER_IDS.appointment; }, status: 400, errors: ['APP-111ED-21'], warnings: ['CORE-BUNDLE-15'] },
  { app: '999-cas', name: 'validation-focus-patient', base: V, description: 'A new validation request whose focus is the Patient.', mutate: (m) => { header(m).focus = [{ reference: M.urn(M.U.patient) }]; }, status: 400, errors: ['APP-999CAS-02', 'CORE-MH-07'] },
  { app: '999-cas', name: 'validation-service-request-profile', base: V, description: 'The ServiceRequest declares only the UK Core profile, not the BaRS validation one.', mutate: (m) => { first(m, 'ServiceRequest').meta.profile = ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-ServiceRequest']; }, status: 400, errors: ['APP-999CAS-03', 'CORE-SR-02'] },
  { app: '999-cas', name: 'validation-without-authored-on', base: V, description: 'A validation request without ServiceRequest.authoredOn: warning.', mutate: (m) => { delete first(m, 'ServiceRequest').authoredOn; }, status: 200, warnings: ['APP-999CAS-08'] },
  { app: '999-cas', name: 'validation-encounter-no-start', base: V, description: 'The requester\'s Encounter has no period.start.', mutate: (m) => { delete first(m, 'Encounter').period; }, status: 400, errors: ['APP-999CAS-09'] },
  { app: '999-cas', name: 'validation-care-plan-completed', base: V, description: 'A validation request whose CarePlan is completed (it stays active until validated).', mutate: (m) => { first(m, 'CarePlan').status = 'completed'; }, status: 400, errors: ['APP-999CAS-10'] },
  {
    app: '999-cas', name: 'validation-outcome-no-arp', base: V, description: 'The triage outcome carries no ARP priority coding.',
    mutate: (m) => { const o = first(m, 'CarePlan').activity[0].outcomeCodeableConcept[0]; o.coding = o.coding.filter((c: Json) => c.system !== 'https://fhir.nhs.uk/CodeSystem/arp-priority-codes'); }, status: 400, errors: ['APP-999CAS-11'],
  },
  { app: '999-cas', name: 'flag-without-encounter', base: V, description: 'The scene-safety Flag has no encounter.', mutate: (m) => { delete first(m, 'Flag').encounter; }, status: 400, errors: ['APP-999CAS-12', 'APP-999CAS-13'] },
  { app: '999-cas', name: 'location-no-locator', base: V, description: 'The incident Location has no locator (no LocationExtension, position or postcode) and no name or address.', mutate: (m) => { const l = first(m, 'Location'); delete l.extension; delete l.position; delete l.address; delete l.name; }, status: 400, errors: ['APP-999CAS-14'], warnings: ['APP-999CAS-14'] },
  { app: '999-cas', name: 'location-lat-long-swapped', base: V, description: 'Incident latitude and longitude swapped (outside England): warning.', mutate: (m) => { first(m, 'Location').position = { latitude: -1.6098, longitude: 54.9721 }; }, status: 200, warnings: ['APP-999CAS-15'] },
  { app: '999-cas', name: 'healthcare-service-provider-patient', base: V, description: 'HealthcareService.providedBy points at the Patient.', mutate: (m) => { first(m, 'HealthcareService').providedBy = { reference: M.urn(M.U.patient) }; }, engineErrors: ['reference-target-type'], status: 400, errors: ['APP-999CAS-16'], warnings: ['APP-999CAS-16'] },
  { app: '999-cas', name: 'validation-cancel-request-definition', base: M.validationCancel, description: 'A validation cancellation naming the validation-request MessageDefinition.', mutate: (m) => { header(m).definition = `${MD}bars-message-servicerequest-request-validation`; }, status: 400, errors: ['APP-999CAS-19', 'CORE-CXL-02', 'CORE-MD-02'] },
  { app: '999-cas', name: 'interim-encounter-finished', base: M.interimResponse, description: 'An interim response whose responder Encounter is already finished.', mutate: (m) => { entryByUrl(m, M.U.responderEncounter).status = 'finished'; }, status: 400, errors: ['APP-999CAS-22'] },
  { app: '999-cas', name: 'interim-rejection-no-reason', base: M.interimResponse, description: 'An interim rejection (responder Encounter cancelled) without a rejected-reasons-bars code or text.', mutate: (m) => { const e = entryByUrl(m, M.U.responderEncounter); e.status = 'cancelled'; delete e.reasonCode; }, status: 400, errors: ['APP-999CAS-23'], warnings: ['APP-999CAS-23'] },
  { app: '999-cas', name: 'final-encounter-in-progress', base: M.finalResponse, description: 'A final response whose responder Encounter is still in progress.', mutate: (m) => { const e = entryByUrl(m, M.U.responderEncounter); e.status = 'in-progress'; delete e.period.end; }, status: 400, errors: ['APP-999CAS-24'] },
  { app: '999-cas', name: 'final-care-plan-revoked', base: M.finalResponse, description: 'A final response whose CarePlan is revoked.', mutate: (m) => { first(m, 'CarePlan').status = 'revoked'; }, status: 400, errors: ['APP-999CAS-25'] },
  { app: '999-cas', name: 'final-without-scene-flag', base: M.finalResponse, description: 'A final response that does not send back the scene-safety Flag.', mutate: (m) => { remove(m, 'Flag'); }, status: 400, errors: ['APP-999CAS-26'] },
];

export interface FixtureFile {
  /** Path relative to fixtures/. */
  path: string;
  content: string;
}

const sortedUnique = (ids: string[] | undefined): string[] => [...new Set(ids ?? [])].sort();
const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** Every fixture message and golden, as the files to write. */
export function buildFixtureFiles(): FixtureFile[] {
  const files: FixtureFile[] = [];
  const add = (dir: string, name: string, message: unknown, golden: FixtureGolden): void => {
    files.push({ path: `${dir}/${name}.json`, content: json(message) }, { path: `${dir}/${name}.verdict.json`, content: json(golden) });
  };
  for (const [name, { application, build }] of Object.entries(M.VALID_MESSAGES)) {
    add(`${application}/valid`, name, build(), { status: 200, errors: [], warnings: ENGINE_WARNINGS, description: `A valid ${name.replace(/-/g, ' ')} message.` });
  }
  const seen = new Set<string>();
  for (const c of CASES) {
    const key = `${c.app}/${c.name}`;
    if (seen.has(key)) throw new Error(`duplicate fixture ${key}`);
    seen.add(key);
    // Bases may share constant parts (triage outcomes): mutate a copy.
    const message = clone(c.base());
    const replaced = c.mutate?.(message);
    const golden: FixtureGolden = {
      status: c.status,
      ...(c.status !== 200 ? { barsCode: c.barsCode ?? { 400: 'REC_BAD_REQUEST', 406: 'REC_NOT_ACCEPTABLE', 422: 'REC_UNPROCESSABLE_ENTITY' }[c.status] } : {}),
      errors: sortedUnique([...(c.errors ?? []), ...(c.engineErrors ?? [])]),
      warnings: sortedUnique([...(c.warnings ?? []), ...(c.engineWarnings ?? ENGINE_WARNINGS)]),
      ...(c.headers ? { headers: c.headers } : {}),
      ...(c.receiverSupport ? { receiverSupport: c.receiverSupport } : {}),
      description: c.description,
    };
    add(`${c.app}/${c.kind ?? 'invalid'}`, c.name, replaced ?? message, golden);
  }
  return files;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const files = buildFixtureFiles();
  for (const file of files) {
    mkdirSync(dirname(join(FIXTURES_DIR, file.path)), { recursive: true });
    writeFileSync(join(FIXTURES_DIR, file.path), file.content);
  }
  console.log(`wrote ${files.length / 2} fixtures`);
}
