// The nine BaRS MessageDefinitions: which resources (and profiles) each message carries, and how many.
// Two pairs share an id in the IG (booking request / booking cancellation, referral request / referral
// cancellation); the cancellations get their URL tail as id here. Messages name them by canonical URL.

RuleSet: Focus(code, profile, min, max)
* focus[+].code = #{code}
* focus[=].profile = "{profile}"
* focus[=].min = {min}
* focus[=].max = "{max}"

RuleSet: UseCase(code, display)
* useContext[+].code = $usageContextType#workflow
* useContext[=].valueCodeableConcept = $useCases#{code} "{display}"

// Every IG MessageDefinition carries this placeholder: each receiver puts its own DoS service id here.
RuleSet: DosServicePlaceholder
* useContext[+].code = $usageContextType#workflow
* useContext[=].valueCodeableConcept = https://fhir.nhs.uk/Id/dos-service-id#dos-id

// IG file: MessageDefinition/BARS-MessageDefinition-Booking-Request.xml
Instance: BarsMessageBookingRequest
InstanceOf: MessageDefinition
Usage: #definition
* id = "95b337c0-9644-4b5e-accf-246636e55905"
* url = "https://fhir.nhs.uk/MessageDefinition/bars-message-booking-request"
* version = "1.0.0"
* name = "BARS Message Definition Booking - Request"
* title = "BARS Message Definition Booking - Request"
* status = #active
* date = "2025-03-24"
* insert DosServicePlaceholder
* insert UseCase(a1t1, 111 to ED)
* eventCoding = $messageEvents#booking-request
* insert Focus(Bundle, https://fhir.nhs.uk/StructureDefinition/BARSBundleMessage, 1, 1)
* insert Focus(MessageHeader, https://fhir.nhs.uk/StructureDefinition/BARSMessageHeader-booking-request, 1, 1)
* insert Focus(ServiceRequest, https://fhir.nhs.uk/StructureDefinition/BARSServiceRequest-request-referral, 0, 1)
* insert Focus(Patient, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient, 1, 1)
* insert Focus(Location, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Location, 0, 1)
* insert Focus(Organization, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Organization, 2, *)
* insert Focus(Practitioner, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Practitioner, 0, *)
* insert Focus(PractitionerRole, https://fhir.hl7.org.uk/StructureDefinition/UKCore-PractitionerRole, 0, *)
* insert Focus(Consent, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Consent, 0, *)
* insert Focus(HealthcareService, https://fhir.hl7.org.uk/StructureDefinition/UKCore-HealthcareService, 1, 1)
* insert Focus(Appointment, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Appointment, 1, 1)
* insert Focus(Slot, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Slot, 1, 1)
* insert Focus(Schedule, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Schedule, 1, 1)

// IG file: MessageDefinition/BARS-MessageDefinition-ServiceRequest-Request-Referral.xml
Instance: BarsMessageServicerequestRequestReferral
InstanceOf: MessageDefinition
Usage: #definition
* id = "11882ae2-211f-49ee-acbe-e319304d80cd"
* url = "https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-request-referral"
* version = "1.0.0-beta"
* name = "BARS Message Definition ServiceRequest - Request Referral"
* title = "BARS Message Definition ServiceRequest - Request Referral"
* status = #active
* date = "2026-07-13"
* insert DosServicePlaceholder
* insert UseCase(a6t3, CAD to CAD Mutual Aid Request)
* insert UseCase(a6t2, CAD to CAD Call Assist Request)
* insert UseCase(a6t1, CAD to CAD Out of Area Request)
* eventCoding = $messageEvents#servicerequest-request
* insert Focus(Bundle, https://fhir.nhs.uk/StructureDefinition/BARSBundleMessage, 1, 1)
* insert Focus(MessageHeader, https://fhir.nhs.uk/StructureDefinition/BARSMessageHeader-servicerequest-request, 1, 1)
* insert Focus(ServiceRequest, https://fhir.nhs.uk/StructureDefinition/BARSServiceRequest-request-referral, 1, 1)
* insert Focus(Patient, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient, 1, 1)
* insert Focus(Encounter, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Encounter, 1, 1)
* insert Focus(CarePlan, https://fhir.hl7.org.uk/StructureDefinition/UKCore-CarePlan, 1, 1)
* insert Focus(Location, https://fhir.hl7.org.uk/StructureDefinition/BARSLocation-incident-location, 0, 1)
* insert Focus(Location, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Location, 0, *)
* insert Focus(Organization, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Organization, 2, *)
* insert Focus(Practitioner, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Practitioner, 1, *)
* insert Focus(PractitionerRole, https://fhir.hl7.org.uk/StructureDefinition/UKCore-PractitionerRole, 1, *)
* insert Focus(Observation, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Observation, 0, *)
* insert Focus(Flag, https://fhir.nhs.uk/StructureDefinition/BARSFlag-scene-safety, 0, *)
* insert Focus(Flag, http://hl7.org/fhir/StructureDefinition/Flag, 0, *)
* insert Focus(MedicationStatement, https://fhir.hl7.org.uk/StructureDefinition/UKCore-MedicationStatement, 0, *)
* insert Focus(AllergyIntolerance, https://fhir.hl7.org.uk/StructureDefinition/UKCore-AllergyIntolerance, 0, *)
* insert Focus(Questionnaire, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Questionnaire, 0, *)
* insert Focus(QuestionnaireResponse, https://fhir.hl7.org.uk/StructureDefinition/UKCore-QuestionnaireResponse, 0, *)
* insert Focus(Consent, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Consent, 1, *)
* insert Focus(HealthcareService, https://fhir.hl7.org.uk/StructureDefinition/UKCore-HealthcareService, 1, *)
* insert Focus(Condition, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Condition, 0, *)
* insert Focus(Task, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Task, 0, *)
* insert Focus(Communication, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Communication, 0, *)
* insert Focus(Procedure, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Procedure, 0, *)
* insert Focus(Device, http://hl7.org/fhir/StructureDefinition/Device, 0, 1)
* insert Focus(RelatedPerson, https://fhir.hl7.org.uk/StructureDefinition/UKCore-RelatedPerson, 0, *)
* allowedResponse[+].message = "https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-response-referral"
* allowedResponse[=].situation = "Response to a referral, e.g. feedback after the referral was acted on."
* allowedResponse[+].message = "https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-response-referral-short"
* allowedResponse[=].situation = "Short response to a referral, e.g. a rejection."

// IG file: MessageDefinition/BARS-MessageDefinition-ServiceRequest-Request-Validation.xml
Instance: BarsMessageServicerequestRequestValidation
InstanceOf: MessageDefinition
Usage: #definition
* id = "7731af63-04ed-47d9-8f05-e510dece3b3f"
* url = "https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-request-validation"
* version = "1.1.0"
* name = "BARS Message Definition ServiceRequest - Request Validation"
* title = "BARS Message Definition ServiceRequest - Request Validation"
* status = #active
* date = "2025-03-24"
* insert DosServicePlaceholder
* insert UseCase(a4t1, 999 to CAS Validation)
* eventCoding = $messageEvents#servicerequest-request
* insert Focus(Bundle, https://fhir.nhs.uk/StructureDefinition/BARSBundleMessage, 1, 1)
* insert Focus(MessageHeader, https://fhir.nhs.uk/StructureDefinition/BARSMessageHeader-servicerequest-request, 1, 1)
* insert Focus(ServiceRequest, https://fhir.nhs.uk/StructureDefinition/BARSServiceRequest-request-validation, 1, 1)
* insert Focus(Patient, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient, 1, 1)
* insert Focus(Encounter, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Encounter, 1, 1)
* insert Focus(CarePlan, https://fhir.hl7.org.uk/StructureDefinition/UKCore-CarePlan, 1, 1)
* insert Focus(Location, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Location, 1, 1)
* insert Focus(Organization, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Organization, 2, *)
* insert Focus(Practitioner, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Practitioner, 1, *)
* insert Focus(PractitionerRole, https://fhir.hl7.org.uk/StructureDefinition/UKCore-PractitionerRole, 1, *)
* insert Focus(Observation, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Observation, 0, *)
* insert Focus(Flag, https://fhir.nhs.uk/StructureDefinition/BARSFlag-scene-safety, 0, *)
* insert Focus(Flag, http://hl7.org/fhir/StructureDefinition/Flag, 0, *)
* insert Focus(Consent, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Consent, 1, *)
* insert Focus(MedicationStatement, https://fhir.hl7.org.uk/StructureDefinition/UKCore-MedicationStatement, 0, *)
* insert Focus(AllergyIntolerance, https://fhir.hl7.org.uk/StructureDefinition/UKCore-AllergyIntolerance, 0, *)
* insert Focus(HealthcareService, https://fhir.hl7.org.uk/StructureDefinition/UKCore-HealthcareService, 1, 1)
* allowedResponse[+].message = "https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-response-validation-interim"
* allowedResponse[=].situation = "Interim validation response: the responder has started the clinical validation, or rejects the request."
* allowedResponse[+].message = "https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-response-validation-full"
* allowedResponse[=].situation = "Final validation response: validation is complete."

// IG file: MessageDefinition/BARS-MessageDefinition-ServiceRequest-Response-Referral-Short.xml
Instance: BarsMessageServicerequestResponseReferralShort
InstanceOf: MessageDefinition
Usage: #definition
* id = "c925d2af-2903-4760-a6fc-31fb315dd310"
* url = "https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-response-referral-short"
* version = "1.0.0-beta"
* name = "BARS Message Definition ServiceRequest - Response Referral Short"
* title = "BARS Message Definition ServiceRequest - Response Referral Short"
* status = #active
* date = "2026-03-24"
* insert DosServicePlaceholder
* insert UseCase(a6t1, CAD to CAD Out of Area Referral)
* eventCoding = $messageEvents#servicerequest-response
* insert Focus(Bundle, https://fhir.nhs.uk/StructureDefinition/BARSBundleMessage, 1, 1)
* insert Focus(MessageHeader, https://fhir.nhs.uk/StructureDefinition/BARSMessageHeader-servicerequest-response, 1, 1)
* insert Focus(ServiceRequest, https://fhir.nhs.uk/StructureDefinition/BARSServiceRequest-request-referral, 1, 1)
* insert Focus(Patient, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient, 1, 1)
* insert Focus(Encounter, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Encounter, 2, 2)
* insert Focus(Organization, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Organization, 2, *)
* insert Focus(Practitioner, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Practitioner, 1, *)
* insert Focus(PractitionerRole, https://fhir.hl7.org.uk/StructureDefinition/UKCore-PractitionerRole, 1, *)
* insert Focus(HealthcareService, https://fhir.hl7.org.uk/StructureDefinition/UKCore-HealthcareService, 0, *)

// IG file: MessageDefinition/BARS-MessageDefinition-ServiceRequest-Response-Referral.xml
Instance: BarsMessageServicerequestResponseReferral
InstanceOf: MessageDefinition
Usage: #definition
* id = "2a2ff4ff-47cd-4094-a95e-e8179e6f48b8"
* url = "https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-response-referral"
* version = "1.0.0-beta"
* name = "BARS Message Definition ServiceRequest - Response Referral"
* title = "BARS Message Definition ServiceRequest - Response Referral"
* status = #active
* date = "2026-07-13"
* insert DosServicePlaceholder
* insert UseCase(a6t3, CAD to CAD Mutual Aid Request)
* eventCoding = $messageEvents#servicerequest-response
* insert Focus(Bundle, https://fhir.nhs.uk/StructureDefinition/BARSBundleMessage, 1, 1)
* insert Focus(MessageHeader, https://fhir.nhs.uk/StructureDefinition/BARSMessageHeader-servicerequest-request, 1, 1)
* insert Focus(ServiceRequest, https://fhir.nhs.uk/StructureDefinition/BARSServiceRequest-request-referral, 1, 1)
* insert Focus(Patient, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient, 1, 1)
* insert Focus(Encounter, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Encounter, 0, 1)
* insert Focus(CarePlan, https://fhir.hl7.org.uk/StructureDefinition/UKCore-CarePlan, 0, 1)
* insert Focus(Location, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Location, 0, 1)
* insert Focus(Organization, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Organization, 2, *)
* insert Focus(Practitioner, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Practitioner, 1, *)
* insert Focus(PractitionerRole, https://fhir.hl7.org.uk/StructureDefinition/UKCore-PractitionerRole, 1, *)
* insert Focus(Observation, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Observation, 0, *)
* insert Focus(Flag, https://fhir.nhs.uk/StructureDefinition/BARSFlag-scene-safety, 0, *)
* insert Focus(Flag, http://hl7.org/fhir/StructureDefinition/Flag, 0, *)
* insert Focus(MedicationStatement, https://fhir.hl7.org.uk/StructureDefinition/UKCore-MedicationStatement, 0, *)
* insert Focus(AllergyIntolerance, https://fhir.hl7.org.uk/StructureDefinition/UKCore-AllergyIntolerance, 0, *)
* insert Focus(QuestionnaireResponse, https://fhir.hl7.org.uk/StructureDefinition/UKCore-QuestionnaireResponse, 0, *)
* insert Focus(Consent, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Consent, 1, *)
* insert Focus(HealthcareService, https://fhir.hl7.org.uk/StructureDefinition/UKCore-HealthcareService, 1, 1)
* insert Focus(Appointment, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Appointment, 0, 1)
* insert Focus(Condition, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Condition, 0, *)
* insert Focus(Task, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Task, 0, *)
* insert Focus(RelatedPerson, https://fhir.hl7.org.uk/StructureDefinition/UKCore-RelatedPerson, 0, *)

// IG file: MessageDefinition/BARS-MessageDefinition-ServiceRequest-Response-Validation-Full.xml
Instance: BarsMessageServicerequestResponseValidationFull
InstanceOf: MessageDefinition
Usage: #definition
* id = "15b429dc-2464-42ca-b401-4c2a5e8320aa"
* url = "https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-response-validation-full"
* version = "1.1.0"
* name = "BARS Message Definition ServiceRequest - Response Validation Full"
* title = "BARS Message Definition ServiceRequest - Response Validation Full"
* status = #active
* date = "2025-03-24"
* insert DosServicePlaceholder
* insert UseCase(a4t1, 999 to CAS Validation)
* eventCoding = $messageEvents#servicerequest-response
* insert Focus(Bundle, https://fhir.nhs.uk/StructureDefinition/BARSBundleMessage, 1, 1)
* insert Focus(MessageHeader, https://fhir.nhs.uk/StructureDefinition/BARSMessageHeader-servicerequest-response, 1, 1)
* insert Focus(ServiceRequest, https://fhir.nhs.uk/StructureDefinition/BARSServiceRequest-request-validation, 1, 1)
* insert Focus(Patient, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient, 1, 1)
* insert Focus(Encounter, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Encounter, 2, 3)
* insert Focus(CarePlan, https://fhir.hl7.org.uk/StructureDefinition/UKCore-CarePlan, 1, 1)
* insert Focus(Location, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Location, 1, 1)
* insert Focus(Organization, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Organization, 2, *)
* insert Focus(Practitioner, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Practitioner, 1, *)
* insert Focus(PractitionerRole, https://fhir.hl7.org.uk/StructureDefinition/UKCore-PractitionerRole, 1, *)
* insert Focus(Observation, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Observation, 0, *)
* insert Focus(Flag, https://fhir.nhs.uk/StructureDefinition/BARSFlag-scene-safety, 0, *)
* insert Focus(Flag, http://hl7.org/fhir/StructureDefinition/Flag, 0, *)
* insert Focus(Consent, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Consent, 1, *)
* insert Focus(MedicationStatement, https://fhir.hl7.org.uk/StructureDefinition/UKCore-MedicationStatement, 0, *)
* insert Focus(AllergyIntolerance, https://fhir.hl7.org.uk/StructureDefinition/UKCore-AllergyIntolerance, 0, *)
* insert Focus(HealthcareService, https://fhir.hl7.org.uk/StructureDefinition/UKCore-HealthcareService, 1, 1)

// IG file: MessageDefinition/BARS-MessageDefinition-ServiceRequest-Response-Validation-Interim.xml
Instance: BarsMessageServicerequestResponseValidationInterim
InstanceOf: MessageDefinition
Usage: #definition
* id = "15b429dc-2464-42ca-b401-4c2a5e8320bb"
* url = "https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-response-validation-interim"
* version = "1.1.0"
* name = "BARS Message Definition ServiceRequest - Response Validation Interim"
* title = "BARS Message Definition ServiceRequest - Response Validation Interim"
* status = #active
* date = "2025-03-24"
* insert DosServicePlaceholder
* insert UseCase(a4t1, 999 to CAS Validation)
* eventCoding = $messageEvents#servicerequest-response
* insert Focus(Bundle, https://fhir.nhs.uk/StructureDefinition/BARSBundleMessage, 1, 1)
* insert Focus(MessageHeader, https://fhir.nhs.uk/StructureDefinition/BARSMessageHeader-servicerequest-response, 1, 1)
* insert Focus(ServiceRequest, https://fhir.nhs.uk/StructureDefinition/BARSServiceRequest-request-validation, 1, 1)
* insert Focus(Patient, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient, 1, 1)
* insert Focus(Encounter, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Encounter, 2, 2)
* insert Focus(Organization, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Organization, 1, *)
* insert Focus(Practitioner, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Practitioner, 1, *)
* insert Focus(PractitionerRole, https://fhir.hl7.org.uk/StructureDefinition/UKCore-PractitionerRole, 1, *)
* insert Focus(HealthcareService, https://fhir.hl7.org.uk/StructureDefinition/UKCore-HealthcareService, 0, *)

// IG file: MessageDefinition/BARSMessageDefinitionBookingRequestCancelled.xml
Instance: BarsMessageBookingRequestCancelled
InstanceOf: MessageDefinition
Usage: #definition
* id = "bars-message-booking-request-cancelled"
* url = "https://fhir.nhs.uk/MessageDefinition/bars-message-booking-request-cancelled"
* version = "1.0.0"
* name = "BARS Message Definition Booking - Request - Cancelled"
* title = "BARS Message Definition Booking - Request - Cancelled"
* status = #active
* date = "2025-03-24"
* insert DosServicePlaceholder
* insert UseCase(a1t1, 111 to ED)
* eventCoding = $messageEvents#booking-request
* insert Focus(Bundle, https://fhir.nhs.uk/StructureDefinition/BARSBundleMessage, 1, 1)
* insert Focus(MessageHeader, https://fhir.nhs.uk/StructureDefinition/BARSMessageHeader-booking-request, 1, 1)
* insert Focus(Patient, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient, 1, 1)
* insert Focus(Organization, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Organization, 2, *)
* insert Focus(Appointment, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Appointment, 1, 1)

// IG file: MessageDefinition/BARSMessageDefinitionServiceRequestRequestCancelled.xml
Instance: BarsMessageServicerequestRequestCancelled
InstanceOf: MessageDefinition
Usage: #definition
* id = "bars-message-servicerequest-request-cancelled"
* url = "https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-request-cancelled"
* version = "1.0.0"
* name = "BARS Message Definition ServiceRequest - Request - Cancelled"
* title = "BARS Message Definition ServiceRequest - Request - Cancelled"
* status = #active
* date = "2025-03-24"
* insert DosServicePlaceholder
* insert UseCase(a1t1, 111 to ED)
* eventCoding = $messageEvents#servicerequest-request
* insert Focus(Bundle, https://fhir.nhs.uk/StructureDefinition/BARSBundleMessage, 1, 1)
* insert Focus(MessageHeader, https://fhir.nhs.uk/StructureDefinition/BARSMessageHeader-servicerequest-request, 1, 1)
* insert Focus(ServiceRequest, https://fhir.nhs.uk/StructureDefinition/BARSServiceRequest-request-referral, 1, 1)
* insert Focus(Patient, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient, 1, 1)
* insert Focus(Organization, https://fhir.hl7.org.uk/StructureDefinition/UKCore-Organization, 2, *)
