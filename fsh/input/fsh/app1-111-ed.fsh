// Application 1, 111 -> ED (use case a1t1): spec/applications.md section 3 (APP-111ED-*).
// Guards used below: a referral request is event servicerequest-request with reason new; a booking
// is event booking-request; a cancellation has the focus in status revoked / entered-in-error
// (ServiceRequest) or cancelled / entered-in-error (Appointment).

Profile: BARSServiceRequestApplication1
Parent: BARSServiceRequestRequestReferral
Id: BARSServiceRequest-application1
Title: "BaRS Application 1 ServiceRequest (111 to ED)"
Description: "The referral ServiceRequest of Application 1: a referral (Transfer of Care) for use case a1t1."
* ^status = #active
* ^useContext[0].code = $usageContextType#workflow
* ^useContext[0].valueCodeableConcept = $useCases#a1t1 "111 to ED"
* insert ServiceRequestCategorySlices(referral, a1t1)
* category.coding[useCase] ^requirements = "APP-111ED-01: the use-case coding is a1t1."
* category.coding[messageCategory] ^requirements = "APP-111ED-03: the type coding is message-category-servicerequest#referral."
* obeys APP-111ED-03 and APP-111ED-06 and APP-111ED-06.absent
* authoredOn ^requirements = "APP-111ED-05: authoredOn is required (from the referral profile)."
* locationReference ^requirements = "APP-111ED-10: may point at a Location (used for a lat/long or what3words position)."

Invariant: APP-111ED-03
Description: "The ServiceRequest declares the BaRS referral ServiceRequest profile."
Severity: #error
Expression: "meta.profile.where($this = 'https://fhir.nhs.uk/StructureDefinition/BARSServiceRequest-request-referral' or startsWith('https://fhir.nhs.uk/StructureDefinition/BARSServiceRequest-request-referral|')).exists()"

Invariant: APP-111ED-06
Description: "When the occurrence period has both start and end, end is not before start."
Severity: #error
Expression: "occurrence.ofType(Period).all((start.exists() and end.exists()) implies end >= start)"

Invariant: APP-111ED-06.absent
Description: "The occurrence period should be sent: start = time of sending, end = latest time the next service should start."
Severity: #warning
Expression: "occurrence.ofType(Period).where(start.exists() and end.exists()).exists()"

Profile: BARSBundleMessageApplication1
Parent: BARSBundleMessage
Id: BARSBundleMessage-application1
Title: "BaRS Application 1 message (111 to ED)"
Description: "Any Application 1 message (referral, referral cancellation, booking, booking cancellation, feedback): the UEC payload profiles applied to its entries plus the Application 1 rules that span resources."
* ^status = #active
* ^useContext[0].code = $usageContextType#workflow
* ^useContext[0].valueCodeableConcept = $useCases#a1t1 "111 to ED"
* . ^requirements = "Also expressed outside this profile: resource counts per message (APP-UEC-06, APP-UEC-12, APP-111ED-15) in the MessageDefinitions' focus; APP-111ED-01/-03 in BARSServiceRequest-application1; APP-111ED-05 in BARSServiceRequestRequestReferral; APP-111ED-17 category in BARSServiceRequest-application1."
* insert UecEntrySlices(BARSServiceRequestApplication1)
* insert UecBundleRules
* obeys APP-111ED-01.appointment and APP-111ED-02 and APP-111ED-04 and APP-111ED-07 and APP-111ED-08
* obeys APP-111ED-09 and APP-111ED-11 and APP-111ED-11.period-start and APP-111ED-12 and APP-111ED-13 and APP-111ED-13.codings
* obeys APP-111ED-14 and APP-111ED-14.based-on and APP-111ED-16 and APP-111ED-17 and APP-111ED-18 and APP-111ED-21 and APP-111ED-22 and APP-111ED-25

Invariant: APP-111ED-01.appointment
Description: "A booking's Appointment.serviceCategory carries use case a1t1."
Severity: #error
Expression: "entry.first().resource.event.ofType(Coding).where(code = 'booking-request').exists() implies entry.resource.ofType(Appointment).all(serviceCategory.coding.where(system = 'https://fhir.nhs.uk/CodeSystem/usecases-categories-bars' and code = 'a1t1').exists())"

Invariant: APP-111ED-02
Description: "A referral request names the referral MessageDefinition and its focus is the ServiceRequest."
Severity: #error
Expression: "(entry.first().resource.event.ofType(Coding).where(code = 'servicerequest-request').exists() and entry.first().resource.reason.coding.where(code = 'new').exists()) implies (entry.first().resource.definition.where($this = 'https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-request-referral' or startsWith('https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-request-referral|')).exists() and entry.where(fullUrl in %resource.entry.first().resource.focus.reference).resource.exists() and entry.where(fullUrl in %resource.entry.first().resource.focus.reference).resource.all($this is ServiceRequest))"

Invariant: APP-111ED-04
Description: "A new referral's ServiceRequest is active."
Severity: #error
Expression: "(entry.first().resource.event.ofType(Coding).where(code = 'servicerequest-request').exists() and entry.first().resource.reason.coding.where(code = 'new').exists()) implies entry.resource.ofType(ServiceRequest).all(status = 'active')"

Invariant: APP-111ED-07
Description: "The referral's ServiceRequest.performer is the receiving HealthcareService entry."
Severity: #error
Expression: "(entry.first().resource.event.ofType(Coding).where(code = 'servicerequest-request').exists() and entry.first().resource.reason.coding.where(code = 'new').exists()) implies (entry.resource.ofType(ServiceRequest).all(performer.exists()) and entry.where(%resource.entry.resource.ofType(ServiceRequest).performer.reference contains fullUrl).resource.all($this is HealthcareService))"

Invariant: APP-111ED-08
Description: "The referral's ServiceRequest has requester → Practitioner, subject → Patient, encounter → Encounter and basedOn → CarePlan."
Severity: #error
Expression: "(entry.first().resource.event.ofType(Coding).where(code = 'servicerequest-request').exists() and entry.first().resource.reason.coding.where(code = 'new').exists()) implies (entry.resource.ofType(ServiceRequest).all(requester.exists() and encounter.exists() and basedOn.exists()) and entry.where(%resource.entry.resource.ofType(ServiceRequest).requester.reference contains fullUrl).resource.all($this is Practitioner) and entry.where(%resource.entry.resource.ofType(ServiceRequest).subject.reference contains fullUrl).resource.all($this is Patient) and entry.where(%resource.entry.resource.ofType(ServiceRequest).encounter.reference contains fullUrl).resource.all($this is Encounter) and entry.where(%resource.entry.resource.ofType(ServiceRequest).basedOn.reference contains fullUrl).resource.all($this is CarePlan))"

Invariant: APP-111ED-09
Description: "ServiceRequest.supportingInfo holds only the rejected-services QuestionnaireResponse, Flags and an Appointment/{id} link; CarePlan.supportingInfo holds no Appointment and no rejected-services QuestionnaireResponse."
Severity: #warning
Expression: "entry.where(%resource.entry.resource.ofType(ServiceRequest).supportingInfo.reference contains fullUrl).resource.all($this is QuestionnaireResponse or $this is Flag) and entry.resource.ofType(ServiceRequest).supportingInfo.reference.all(startsWith('urn:uuid:') or startsWith('Appointment/') or ($this in %resource.entry.fullUrl)) and entry.resource.ofType(CarePlan).supportingInfo.reference.where(startsWith('Appointment/')).empty() and entry.where(%resource.entry.resource.ofType(CarePlan).supportingInfo.reference contains fullUrl).resource.where(($this is Appointment) or (($this is QuestionnaireResponse) and item.where(linkId = 'RejectedServices').exists())).empty()"

Invariant: APP-111ED-11
Description: "In a referral the sender's Encounter is finished or triaged (a receiver-added planned Encounter is ignored)."
Severity: #error
Expression: "(entry.first().resource.event.ofType(Coding).where(code = 'servicerequest-request').exists() and entry.first().resource.reason.coding.where(code = 'new').exists()) implies entry.resource.ofType(Encounter).where(status != 'planned').all(status = 'finished' or status = 'triaged')"

Invariant: APP-111ED-11.period-start
Description: "The sender's Encounter should give period.start (start of the last contact before the referral)."
Severity: #warning
Expression: "(entry.first().resource.event.ofType(Coding).where(code = 'servicerequest-request').exists() and entry.first().resource.reason.coding.where(code = 'new').exists()) implies entry.resource.ofType(Encounter).where(status != 'planned').all(period.start.exists())"

Invariant: APP-111ED-12
Description: "In a referral the CarePlan is completed and period.start (when the disposition was reached) is given."
Severity: #error
Expression: "(entry.first().resource.event.ofType(Coding).where(code = 'servicerequest-request').exists() and entry.first().resource.reason.coding.where(code = 'new').exists()) implies entry.resource.ofType(CarePlan).all(status = 'completed' and period.start.exists())"

Invariant: APP-111ED-13
Description: "In a referral the triage outcome has a text (clinical narrative / consultation report)."
Severity: #error
Expression: "(entry.first().resource.event.ofType(Coding).where(code = 'servicerequest-request').exists() and entry.first().resource.reason.coding.where(code = 'new').exists()) implies entry.resource.ofType(CarePlan).all(activity.outcomeCodeableConcept.text.exists())"

Invariant: APP-111ED-13.codings
Description: "The triage outcome should carry Pathways symptom group, symptom discriminator, disposition and pathway codings, each with a display."
Severity: #warning
Expression: "(entry.first().resource.event.ofType(Coding).where(code = 'servicerequest-request').exists() and entry.first().resource.reason.coding.where(code = 'new').exists()) implies entry.resource.ofType(CarePlan).all(activity.outcomeCodeableConcept.coding.where(system = 'https://fhir.nhs.uk/CodeSystem/pathways-sg-codes').exists() and activity.outcomeCodeableConcept.coding.where(system = 'https://fhir.nhs.uk/CodeSystem/pathways-sd-codes').exists() and activity.outcomeCodeableConcept.coding.where(system = 'https://fhir.nhs.uk/CodeSystem/pathways-dx-codes').exists() and activity.outcomeCodeableConcept.coding.where(system = 'https://fhir.nhs.uk/CodeSystem/pathways-pathway-codes').exists() and activity.outcomeCodeableConcept.coding.all(display.exists()))"

Invariant: APP-111ED-14
Description: "A QuestionnaireResponse is either rejected services or additional information sources: reason extension text, item linkIds at each level, and rejection reasons from dos-rejected-reasons-bars."
Severity: #error
Expression: "entry.resource.ofType(QuestionnaireResponse).all(extension.where(url = 'http://hl7.org/fhir/StructureDefinition/questionnaireresponse-reason').value.ofType(CodeableConcept).text.where($this = 'Rejected Services - Patient Choice in Service Selection' or $this = 'Additional Information Sources').exists() and item.exists() and item.all(linkId = 'RejectedServices' or linkId = 'AdditionalSources') and item.where(linkId = 'RejectedServices').item.all(linkId.matches('^Service[0-9]+$')) and item.where(linkId = 'AdditionalSources').item.all(linkId.matches('^Source[0-9]+$')) and item.where(linkId = 'RejectedServices').item.item.all(linkId = 'ServiceId' or linkId = 'ServiceName' or linkId = 'RejectionReason' or linkId = 'RejectionComment') and item.where(linkId = 'AdditionalSources').item.item.all(linkId = 'SourceName' or linkId = 'SourceURL' or linkId.startsWith('SPN')) and item.item.item.where(linkId = 'RejectionReason').answer.all(value.ofType(Coding).system = 'https://fhir.nhs.uk/CodeSystem/dos-rejected-reasons-bars'))"

Invariant: APP-111ED-14.based-on
Description: "A rejected-services QuestionnaireResponse should be about a Flag and based on the ServiceRequest; an additional-sources one about the Patient and based on the CarePlan."
Severity: #warning
Expression: "entry.where(%resource.entry.resource.ofType(QuestionnaireResponse).where(item.where(linkId = 'RejectedServices').exists()).basedOn.reference contains fullUrl).resource.all($this is ServiceRequest) and entry.where(%resource.entry.resource.ofType(QuestionnaireResponse).where(item.where(linkId = 'AdditionalSources').exists()).basedOn.reference contains fullUrl).resource.all($this is CarePlan) and entry.resource.ofType(QuestionnaireResponse).all(basedOn.exists())"

Invariant: APP-111ED-16
Description: "Application 1 does not support amending a referral: servicerequest-request with reason update and an active ServiceRequest is rejected."
Severity: #error
Expression: "(entry.first().resource.event.ofType(Coding).where(code = 'servicerequest-request').exists() and entry.first().resource.reason.coding.where(code = 'update').exists() and entry.resource.ofType(ServiceRequest).where(status = 'active').exists()).not()"

Invariant: APP-111ED-17
Description: "A referral cancellation names the ServiceRequest cancellation MessageDefinition."
Severity: #error
Expression: "(entry.first().resource.event.ofType(Coding).where(code = 'servicerequest-request').exists() and entry.resource.ofType(ServiceRequest).where(status = 'revoked' or status = 'entered-in-error').exists()) implies entry.first().resource.definition.where($this = 'https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-request-cancelled' or startsWith('https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-request-cancelled|')).exists()"

Invariant: APP-111ED-18
Description: "A new booking names the booking MessageDefinition, its focus is a booked Appointment, and every participant has accepted."
Severity: #error
Expression: "(entry.first().resource.event.ofType(Coding).where(code = 'booking-request').exists() and entry.first().resource.reason.coding.where(code = 'new').exists() and entry.resource.ofType(Appointment).where(status = 'cancelled' or status = 'entered-in-error').empty()) implies (entry.first().resource.definition.where($this = 'https://fhir.nhs.uk/MessageDefinition/bars-message-booking-request' or startsWith('https://fhir.nhs.uk/MessageDefinition/bars-message-booking-request|')).exists() and entry.where(fullUrl in %resource.entry.first().resource.focus.reference).resource.exists() and entry.where(fullUrl in %resource.entry.first().resource.focus.reference).resource.all($this is Appointment and status = 'booked' and participant.all(status = 'accepted')))"

Invariant: APP-111ED-21
Description: "Application 1 does not support amending a booking: booking-request with reason update and a booked Appointment is rejected."
Severity: #error
Expression: "(entry.first().resource.event.ofType(Coding).where(code = 'booking-request').exists() and entry.first().resource.reason.coding.where(code = 'update').exists() and entry.resource.ofType(Appointment).where(status = 'booked').exists()).not()"

Invariant: APP-111ED-22
Description: "A booking cancellation has reason update, names the booking cancellation MessageDefinition and identifies the Appointment by id."
Severity: #error
Expression: "(entry.first().resource.event.ofType(Coding).where(code = 'booking-request').exists() and entry.resource.ofType(Appointment).where(status = 'cancelled' or status = 'entered-in-error').exists()) implies (entry.first().resource.reason.coding.where(code = 'update').exists() and entry.first().resource.definition.where($this = 'https://fhir.nhs.uk/MessageDefinition/bars-message-booking-request-cancelled' or startsWith('https://fhir.nhs.uk/MessageDefinition/bars-message-booking-request-cancelled|')).exists() and entry.resource.ofType(Appointment).all(id.exists()))"

Invariant: APP-111ED-25
Description: "Feedback to 111 (servicerequest-response) is new, answers with response code ok, and its focus is the revoked ServiceRequest."
Severity: #error
Expression: "entry.first().resource.event.ofType(Coding).where(code = 'servicerequest-response').exists() implies (entry.first().resource.reason.coding.where(code = 'new').exists() and entry.first().resource.response.code = 'ok' and entry.where(fullUrl in %resource.entry.first().resource.focus.reference).resource.exists() and entry.where(fullUrl in %resource.entry.first().resource.focus.reference).resource.all($this is ServiceRequest and status = 'revoked'))"
