/**
 * The defects ../shared/spec/conformance-resources.md §6 lists for each IG example, each either
 * mapped to the rule ids that must be among the issues the receiver reports for it, or stated as
 * not flagged with the reason (a rule the spec marks stateful/cross-message, an Application this
 * receiver does not support, a check the spec forbids...). Keys are quoted from the spec's
 * "Defects noticed" cell; test/bars/ig-examples.test.ts holds them to it.
 */

export interface ExampleDefects {
  /** Defect (quoted from the spec) → rule ids that must be reported. */
  flagged?: Record<string, string[]>;
  /** Defect → rule ids that must NOT be reported (the spec says to tolerate it). */
  tolerated?: Record<string, string[]>;
  /** Defect → why this receiver does not report it. */
  notFlagged?: Record<string, string>;
}

const UNSUPPORTED_APP = (app: string) => `Application ${app} is not supported by this receiver (422 CORE-MD-05): its Application rules are not applied`;
const CROSS_MESSAGE = 'needs another message (the spec tags it stateful / cross-message): one message cannot show it';
const ENDPOINTS = 'CORE-JID-06 (endpoints of an async reply) is stateful: it needs the original request';
const SINGLE = 'a single resource, not a message Bundle: the $process-message receiver rejects it first (CORE-BUNDLE-01), before any resource rule';
const NO_MEMBERSHIP = 'the spec forbids membership checks on the sample Pathways CodeSystems (conformance-resources.md §3)';
const TIMESTAMP_ORDER = 'no rule in core-rules.md/applications.md orders Bundle.timestamp or Bundle.meta.lastUpdated against the resources\' lastUpdated';

const CONTACT_APP4 = { 'contact defects': ['APP-UEC-02'] };
const LAT_LONG = { 'lat/long swapped': ['APP-999CAS-15'] };

export const IG_EXAMPLE_DEFECTS: Record<string, ExampleDefects> = {
  'BOOKREQ01 - Booking Request New Full.xml': {
    flagged: {
      'no CDSS extension': ['CORE-MH-14'],
      'one Patient.contact has two telecoms ranked 1': ['APP-UEC-02'],
      'Slot/Schedule/HealthcareService/Practitioner `fullUrl` ≠ `id`': ['CORE-BUNDLE-15'],
      'two lastUpdated values on a new message': ['CORE-LU-02'],
    },
    notFlagged: {
      'Location position is in Australia': 'APP-999CAS-15 (plausible position) is an Application 4 rule; this is an Application 1 booking',
      'Bundle.timestamp earlier than lastUpdated': TIMESTAMP_ORDER,
      'versionId 1.1.0 vs MD 1.0.0': 'CORE-MD-06 compares MAJOR versions only (1 = 1), as the spec says',
    },
  },
  'BOOKREQ02 - Booking Request Cancelled.xml': {
    flagged: {
      'reason should be `update`': ['CORE-CXL-01', 'APP-111ED-22'],
      'no `Appointment.id` to identify what is cancelled': ['CORE-CXL-04'],
      'no CDSS extension': ['CORE-MH-14'],
      'Bundle.meta.lastUpdated 2023 vs resources/timestamp 2021': ['CORE-LU-02'],
    },
  },
  'BOOKREQRESP01 - Booking Slot Searchset Response.xml': {
    flagged: {
      'not a $process-message payload': ['CORE-BUNDLE-02', 'CORE-BUNDLE-09'],
      'profile UKCore-Bundle': ['CORE-BUNDLE-04'],
      'Slot/Schedule ids (`slot001`, `sched1111`) ≠ fullUrl UUIDs': ['CORE-BUNDLE-15'],
    },
    notFlagged: {
      'Location in Australia': 'no message rule applies to a searchset, and the position rule is Application 4\'s',
      "reuses BOOKREQ01's Bundle.id": CROSS_MESSAGE,
    },
  },
  'REFREQ01 - Referral Service Request New Full - 111 to ED.xml': {
    flagged: {
      'no CarePlan.period.start (MUST)': ['APP-111ED-12'],
      'ServiceRequest.performer → Organization instead of HealthcareService': ['APP-111ED-07'],
      'occurrencePeriod has no `end`': ['APP-111ED-06'],
      'non-UTC offsets (+10:00 Encounter.period.start, +07:00 occurrencePeriod.start)': ['CORE-TIME-03'],
      'five resources carry lastUpdated 2021-11-26 while the rest/Bundle say 2021-10-11': ['CORE-LU-02'],
    },
    tolerated: { '`supportingInfo` → `Appointment/3cac9cde-…` is an intentional out-of-bundle link': ['CORE-REF-02'] },
    notFlagged: {
      '(and all are later than Bundle.timestamp)': TIMESTAMP_ORDER,
      'SD/SG codes `4389`/`1010` lack prefixes': NO_MEMBERSHIP,
    },
  },
  'REFREQ02 - Referral Service Request New Full - 999 to CAS.xml': {
    flagged: { 'cited MD lists no a3t1': ['CORE-MD-05'] },
    notFlagged: {
      'Encounter.class `VR` (guide fixes `EMER`)': UNSUPPORTED_APP('3'),
      'no CarePlan.period.start': UNSUPPORTED_APP('3'),
      'latitude/longitude swapped': UNSUPPORTED_APP('3'),
      'same Bundle.id as REFREQ01': CROSS_MESSAGE,
    },
  },
  'REFREQ03 - Referral Service Request New Full - Primary Care to Community Pharmacy - Minor Illness.xml': {
    flagged: { 'Referral App 5 (a5t1)': ['CORE-MD-05'] },
    notFlagged: { 'no CarePlan.period.start': UNSUPPORTED_APP('5'), 'versionId 1.0.0-beta': UNSUPPORTED_APP('5') },
  },
  'REFREQ04 - Referral Service Request - CAD Out of Area.xml': {
    flagged: { 'Questionnaire/Communication fullUrl ≠ id': ['CORE-BUNDLE-15'] },
    notFlagged: { 'lat/long swapped on both Locations': UNSUPPORTED_APP('6'), 'no occurrencePeriod': UNSUPPORTED_APP('6') },
  },
  'REFREQ05 - Referral Service Request - CAD Mutal Aid Request.xml': {
    flagged: { 'Questionnaire fullUrl ≠ id': ['CORE-BUNDLE-15'] },
    notFlagged: { 'lat/long swapped': UNSUPPORTED_APP('6'), 'filename typo "Mutal"': 'a file name is not message content' },
  },
  'REFREQ06 - Referral Service Request New Full - GP to BP - ABPM.xml': {
    flagged: { 'Referral App 5 (a5t3)': ['CORE-MD-05'] },
    notFlagged: { 'no CarePlan.period.start': UNSUPPORTED_APP('5'), 'occurrencePeriod start = end': UNSUPPORTED_APP('5') },
  },
  'REFREQ07 - Referral Service Request New Full - GP to OC.xml': {
    flagged: { 'Referral App 5 (a5t2)': ['CORE-MD-05'] },
    notFlagged: { 'no CarePlan.period.start': UNSUPPORTED_APP('5'), 'occurrencePeriod start = end': UNSUPPORTED_APP('5') },
  },
  'REFREQ10 - Referral Service Request - CAD Out of Area C4(1 of 1).xml': {
    flagged: { 'a *new* message already carries ids on SR/Encounter/CarePlan/HealthcareService, all ≠ fullUrl': ['CORE-COMMON-04', 'CORE-SR-11', 'CORE-BUNDLE-15'] },
    notFlagged: { 'triage codes outside the sample CodeSystems (expected)': NO_MEMBERSHIP },
  },
  'REFREQ11 - Referral Service Request - Internal broker - AandG To e-RS.xml': {
    flagged: {
      '**unresolved `urn:uuid:94267a2d-…` in CarePlan**': ['CORE-REF-01'],
      'Bundle.timestamp 2023 vs lastUpdated 2026': ['CORE-TIME-04'],
    },
    notFlagged: {
      'SR.performer → Device': UNSUPPORTED_APP('8'),
      'endpoints use `…/Id/ers-dos-service-id`': UNSUPPORTED_APP('8'),
      'versionId 1.0.0-alpha': UNSUPPORTED_APP('8'),
    },
  },
  'REFREQ8A - Referral Service Request - CAD Out of Area C1(1 of 4 - Initial).xml': {
    flagged: { 'App 6 scenario, msg 1 (a6t1)': ['CORE-MD-05'] },
    notFlagged: {
      'sender Encounter `in-progress` on a new referral (Core expects triaged/finished)': UNSUPPORTED_APP('6'),
      'lat/long swapped': UNSUPPORTED_APP('6'),
      'leading XML comment describes the scenario': 'an XML comment is not content',
    },
  },
  'REFREQ8B - Referral Service Request - CAD Out of Area C1(2 of 4 - Update).xml': {
    flagged: { 'update-to-amend (allowed in App 6, not App 1/4 rules)': ['CORE-WF-03'], 'fullUrl ≠ ids': ['CORE-BUNDLE-15'] },
    notFlagged: { "reuses 8A's Bundle.id (only series that does)": CROSS_MESSAGE },
  },
  'REFREQ8C - Referral Service Request - CAD Out of Area C1(3 of 4 - Update).xml': { flagged: { 'as 8B': ['CORE-WF-03', 'CORE-BUNDLE-15'] } },
  'REFREQ8D - Referral Service Request - CAD Out of Area C1(4 of 4 - Final Update).xml': { flagged: { 'as 8B': ['CORE-WF-03', 'CORE-BUNDLE-15'] } },
  'REFREQ9A - Referral Service Request - CAD Out of Area C2(1 of 3 - Initial).xml': {
    flagged: { 'App 6 second scenario, msg 1': ['CORE-MD-05'] },
    notFlagged: { 'Encounter `in-progress`': UNSUPPORTED_APP('6'), 'all three files use the prefix "REFREQ9A" (should be 9A/9B/9C)': 'a file name is not message content' },
  },
  'REFREQ9A - Referral Service Request - CAD Out of Area C2(2 of 3 - Update).xml': { flagged: { 'fullUrl ≠ ids': ['CORE-BUNDLE-15'] } },
  'REFREQ9A - Referral Service Request - CAD Out of Area C2(3 of 3 - Final Update).xml': { flagged: { 'fullUrl ≠ ids': ['CORE-BUNDLE-15'] } },
  'REFRESP01 - Referral Service Request Response New Full - ED to 111 Safeguarding DNA Feedback.xml': {
    flagged: {
      'RA Flag category system `https://fhir.nhs.uk/STU3/ValueSet/…` with code `personalisation`': ['APP-UEC-09'],
      'fullUrl ≠ id on four resources': ['CORE-BUNDLE-15'],
    },
    notFlagged: {
      'CarePlan codings use `https://fhir.nhs.uk/Id/pathways-*-code`, `…/Id/pathways-template`, `…/Id/ValueSetTBC`': 'the spec lists these system variants as warnings to tolerate (§4); no rule id names them',
      'SR.performer → Organization': 'APP-111ED-07 applies to the referral request; this is the DNA feedback (servicerequest-response)',
      'no CarePlan.period.start': 'APP-111ED-12 applies to the referral request; this is the DNA feedback',
      'Appointment (`noshow`) has no serviceCategory': 'CORE-APPT-04 applies to booking messages; the Appointment here is supporting content of feedback',
      'cited MD is scoped to a6t3': 'the receiver checks the use case against the MessageDefinitions it publishes for Application 1 (CORE-MD-05), which accept a1t1',
    },
  },
  'REFRESP02- Referral Service Request Reponse Short - CAD Mutual Aid Rejection.xml': {
    flagged: { 'definition `…/bars-message-servicerequest-request-response-short` does not exist': ['CORE-MD-01'] },
    notFlagged: { 'SR.performer → Organization': UNSUPPORTED_APP('6'), 'identifier typo `reciever1234`': 'an identifier value is opaque' },
  },
  'REFRESP03 - Referral Service Request Response - CAD Out of Area Response.xml': { flagged: { 'same wrong definition canonical': ['CORE-MD-01'] } },
  'SERVREQ01 - Service Request Update - Revoked.xml': {
    flagged: {
      '**no ServiceRequest.id**': ['CORE-CXL-04'],
      'no reasonCode text': ['CORE-SR-10'],
      'first has two telecoms ranked 1': ['APP-UEC-02'],
    },
    notFlagged: {
      'second contact has no rank': 'APP-UEC-01 as compiled asks for exactly one contact ranked 1, which holds; a contact without rank is not reported (known gap)',
      'cancel MD is a1t1/referral-profile': 'a defect of the published MessageDefinition, not of this message',
    },
  },
  'SERVREQ02 - Service Request Delete - Entered in error.xml': {
    flagged: {
      '**no MessageHeader.definition**': ['CORE-MH-13'],
      '**no ServiceRequest.id**': ['CORE-CXL-04'],
      'reason `delete` contradicts "update"': ['CORE-CXL-01'],
      'same contact defects': ['APP-UEC-02'],
    },
  },
  'VALREQ01 - Validation Service Request New Full - 999 to CAS.xml': {
    flagged: {
      'latitude −1.54 / longitude 53.80 swapped': ['APP-999CAS-15'],
      'no authoredOn': ['APP-999CAS-08'],
      'Organization/Practitioner lastUpdated differ': ['CORE-LU-02'],
    },
    notFlagged: { 'Bundle.meta.lastUpdated 2022-06-01 later than every resource': TIMESTAMP_ORDER },
  },
  'VALREQ02 - Validation Service Request Update Full - 999 to CAS Lower Priority.xml': {
    flagged: {
      'scene-safety Flag has only `code.text` (no coding)': ['APP-999CAS-12', 'APP-UEC-09'],
      'placeholder triage codes `1122334455` and no ARP coding': ['APP-999CAS-11'],
      ...CONTACT_APP4,
      ...LAT_LONG,
    },
    notFlagged: { 'CarePlan lastUpdated after Bundle.timestamp': TIMESTAMP_ORDER },
  },
  'VALREQ03 - Validation Service Request New Full AMPDS - 999 to CAS.xml': {
    flagged: { ...CONTACT_APP4, ...LAT_LONG },
    notFlagged: { 'same Bundle.id as VALREQ01': CROSS_MESSAGE },
  },
  'VALRESP01 - Validation Response HTTP Response Acknowledgment - CAS to 999 Planned (0 of 2).xml': {
    flagged: { 'echo of the request plus responder Encounter `planned`': ['CORE-MD-02'], ...CONTACT_APP4, ...LAT_LONG },
    notFlagged: { 'same Bundle.id as the request': CROSS_MESSAGE },
  },
  'VALRESP01A - Validation Response New Interim - CAS to 999 In-progress (1 of 2).xml': {
    flagged: CONTACT_APP4,
    notFlagged: {
      "`destination.endpoint`/`source.endpoint` not reversed (destination is the CAS's own id)": ENDPOINTS,
      "resources' lastUpdated (15:17) later than Bundle.meta.lastUpdated (15:04)": TIMESTAMP_ORDER,
    },
  },
  'VALRESP01B - Validation Response Update Full - CAS to 999 Finished (2 of 2).xml': {
    flagged: { 'placeholder triage codes and no ARP coding': ['APP-999CAS-11'] },
    notFlagged: {
      "`response.identifier` = interim's Bundle.id, not the request's": CROSS_MESSAGE,
      'endpoints not reversed': ENDPOINTS,
      'CarePlan.encounter → responder Encounter': 'APP-UEC-08 asks for an Encounter in the Bundle, which the responder Encounter is; which Encounter is meant needs the request',
    },
  },
  'VALRESP02 - Validation Response New Full - CAS to 999 Finished.xml': {
    flagged: { 'placeholder triage codes and no ARP coding': ['APP-999CAS-11'] },
    notFlagged: { 'endpoints not reversed': ENDPOINTS, 'same Bundle.id as VALRESP05': CROSS_MESSAGE },
  },
  'VALRESP03 - Validation Response New Full - CAS to 999 Finished Inc New CADid Cat 1-2.xml': {
    flagged: { 'scene-safety code `UT` not in `scene-safety-codes-bars`': ['APP-999CAS-12'], ...CONTACT_APP4 },
    notFlagged: { 'endpoints not reversed': ENDPOINTS },
  },
  'VALRESP04 - Validation Response Interim - Reject Validation Request.xml': {
    flagged: CONTACT_APP4,
    notFlagged: { 'same Bundle.id as VALRESP01A': CROSS_MESSAGE, 'endpoints not reversed': ENDPOINTS },
  },
  'VALRESP05 - Validation Response - Falls to 999 Finished copy.xml': {
    flagged: { 'a4t2 not in the full-response MD useContext': ['APP-999CAS-01'] },
    notFlagged: {
      'requester Encounter shown `finished`': 'no rule fixes the requester Encounter status in a final response',
      'file name ends "copy"': 'a file name is not message content',
    },
  },
};

/** Single-resource and OperationOutcome examples: not messages, so every listed defect is out of the receiver's reach. */
export const NOT_A_MESSAGE_REASON = SINGLE;
