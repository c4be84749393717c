// Application 4, 999 -> CAS validation (use case a4t1): spec/applications.md section 4 (APP-999CAS-*).
// Guards used below: a validation request (or its update) is event servicerequest-request whose
// ServiceRequest is not revoked / entered-in-error (those are cancellations); interim and final
// responses are told apart by MessageHeader.definition; the responder's Encounter is the focus.

Profile: BARSServiceRequestApplication4
Parent: BARSServiceRequestRequestValidation
Id: BARSServiceRequest-application4
Title: "BaRS Application 4 ServiceRequest (999 to CAS validation)"
Description: "The validation ServiceRequest of Application 4: a request For Validation for use case a4t1."
* ^status = #active
* ^useContext[0].code = $usageContextType#workflow
* ^useContext[0].valueCodeableConcept = $useCases#a4t1 "999 to CAS Validation"
* insert ServiceRequestCategorySlices(validation, a4t1)
* category.coding[useCase] ^requirements = "APP-999CAS-01 / APP-999CAS-19: the use-case coding is a4t1 in every message of the conversation."
* category.coding[messageCategory] ^requirements = "APP-999CAS-03 / APP-999CAS-19: the type coding is message-category-servicerequest#validation; intent plan comes from the validation profile."
* obeys APP-999CAS-03 and APP-999CAS-08

Invariant: APP-999CAS-03
Description: "The ServiceRequest declares the BaRS validation ServiceRequest profile."
Severity: #error
Expression: "meta.profile.where($this = 'https://fhir.nhs.uk/StructureDefinition/BARSServiceRequest-request-validation' or startsWith('https://fhir.nhs.uk/StructureDefinition/BARSServiceRequest-request-validation|')).exists()"

Invariant: APP-999CAS-08
Description: "authoredOn should be sent (the guide's table says MUST; the profile and examples leave it out)."
Severity: #warning
Expression: "authoredOn.exists()"

Profile: BARSBundleMessageApplication4
Parent: BARSBundleMessage
Id: BARSBundleMessage-application4
Title: "BaRS Application 4 message (999 to CAS validation)"
Description: "Any Application 4 message (validation request, update, cancellation, interim and final response): the UEC payload profiles applied to its entries plus the Application 4 rules that span resources."
* ^status = #active
* ^useContext[0].code = $usageContextType#workflow
* ^useContext[0].valueCodeableConcept = $useCases#a4t1 "999 to CAS Validation"
* . ^requirements = "Also expressed outside this profile: resource counts per message (APP-UEC-06, APP-UEC-12, APP-999CAS-16, APP-999CAS-17, APP-999CAS-26 Location) in the MessageDefinitions' focus; APP-999CAS-01/-03/-08/-19 in BARSServiceRequest-application4."
* insert UecEntrySlices(BARSServiceRequestApplication4)
* insert UecBundleRules
* obeys APP-999CAS-02 and APP-999CAS-04 and APP-999CAS-05 and APP-999CAS-06 and APP-999CAS-07 and APP-999CAS-09 and APP-999CAS-09.in-progress
* obeys APP-999CAS-10 and APP-999CAS-11 and APP-999CAS-11.triage-codes and APP-999CAS-12 and APP-999CAS-13 and APP-999CAS-14 and APP-999CAS-14.sub-extension-case and APP-999CAS-14.should
* obeys APP-999CAS-15 and APP-999CAS-16 and APP-999CAS-16.destination and APP-999CAS-18 and APP-999CAS-19 and APP-999CAS-20 and APP-999CAS-21 and APP-999CAS-21.period
* obeys APP-999CAS-22 and APP-999CAS-23 and APP-999CAS-23.text and APP-999CAS-23.pseudo-code-variant and APP-999CAS-24 and APP-999CAS-25 and APP-999CAS-26

Invariant: APP-999CAS-02
Description: "A new validation request names the validation-request MessageDefinition and its focus is the ServiceRequest."
Severity: #error
Expression: "(entry.first().resource.event.ofType(Coding).where(code = 'servicerequest-request').exists() and entry.first().resource.reason.coding.where(code = 'new').exists()) implies (entry.first().resource.definition.where($this = 'https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-request-validation' or startsWith('https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-request-validation|')).exists() and entry.where(fullUrl in %resource.entry.first().resource.focus.reference).resource.exists() and entry.where(fullUrl in %resource.entry.first().resource.focus.reference).resource.all($this is ServiceRequest))"

Invariant: APP-999CAS-04
Description: "A new validation request's ServiceRequest is active."
Severity: #error
Expression: "(entry.first().resource.event.ofType(Coding).where(code = 'servicerequest-request').exists() and entry.first().resource.reason.coding.where(code = 'new').exists()) implies entry.resource.ofType(ServiceRequest).all(status = 'active')"

Invariant: APP-999CAS-05
Description: "A validation request gives occurrencePeriod with start (now) and end (validation breach time), end after start."
Severity: #error
Expression: "(entry.first().resource.event.ofType(Coding).where(code = 'servicerequest-request').exists() and entry.resource.ofType(ServiceRequest).where(status = 'revoked' or status = 'entered-in-error').empty()) implies entry.resource.ofType(ServiceRequest).all(occurrence.ofType(Period).exists() and occurrence.ofType(Period).all(start.exists() and end.exists() and end > start))"

Invariant: APP-999CAS-06
Description: "A validation request's ServiceRequest.locationReference points at the incident Location entry."
Severity: #error
Expression: "(entry.first().resource.event.ofType(Coding).where(code = 'servicerequest-request').exists() and entry.resource.ofType(ServiceRequest).where(status = 'revoked' or status = 'entered-in-error').empty()) implies entry.resource.ofType(ServiceRequest).all(locationReference.reference.exists() and locationReference.reference.all($this in %resource.entry.where(resource is Location).fullUrl))"

Invariant: APP-999CAS-07
Description: "A validation request's ServiceRequest has subject → Patient, encounter → Encounter, basedOn → CarePlan, requester → Practitioner and performer → HealthcareService."
Severity: #error
Expression: "(entry.first().resource.event.ofType(Coding).where(code = 'servicerequest-request').exists() and entry.resource.ofType(ServiceRequest).where(status = 'revoked' or status = 'entered-in-error').empty()) implies (entry.resource.ofType(ServiceRequest).all(encounter.exists() and basedOn.exists() and requester.exists() and performer.exists()) and entry.where(%resource.entry.resource.ofType(ServiceRequest).subject.reference contains fullUrl).resource.all($this is Patient) and entry.where(%resource.entry.resource.ofType(ServiceRequest).encounter.reference contains fullUrl).resource.all($this is Encounter) and entry.where(%resource.entry.resource.ofType(ServiceRequest).basedOn.reference contains fullUrl).resource.all($this is CarePlan) and entry.where(%resource.entry.resource.ofType(ServiceRequest).requester.reference contains fullUrl).resource.all($this is Practitioner) and entry.where(%resource.entry.resource.ofType(ServiceRequest).performer.reference contains fullUrl).resource.all($this is HealthcareService))"

Invariant: APP-999CAS-09
Description: "In a validation request the requester's Encounter is triaged (in-progress tolerated) and gives period.start (call connect or answer time)."
Severity: #error
Expression: "(entry.first().resource.event.ofType(Coding).where(code = 'servicerequest-request').exists() and entry.resource.ofType(ServiceRequest).where(status = 'revoked' or status = 'entered-in-error').empty()) implies entry.resource.ofType(Encounter).where(status != 'planned').all((status = 'triaged' or status = 'in-progress') and period.start.exists())"

Invariant: APP-999CAS-09.in-progress
Description: "The requester's Encounter should be triaged rather than in-progress."
Severity: #warning
Expression: "(entry.first().resource.event.ofType(Coding).where(code = 'servicerequest-request').exists() and entry.resource.ofType(ServiceRequest).where(status = 'revoked' or status = 'entered-in-error').empty()) implies entry.resource.ofType(Encounter).where(status = 'in-progress').empty()"

Invariant: APP-999CAS-10
Description: "In a validation request the CarePlan is active and period.start (clock start T5) is given."
Severity: #error
Expression: "(entry.first().resource.event.ofType(Coding).where(code = 'servicerequest-request').exists() and entry.resource.ofType(ServiceRequest).where(status = 'revoked' or status = 'entered-in-error').empty()) implies entry.resource.ofType(CarePlan).all(status = 'active' and period.start.exists())"

Invariant: APP-999CAS-11
Description: "The triage outcome of a validation request or final response carries an ARP priority from arp-priority-codes."
Severity: #error
Expression: "((entry.first().resource.event.ofType(Coding).where(code = 'servicerequest-request').exists() and entry.resource.ofType(ServiceRequest).where(status = 'revoked' or status = 'entered-in-error').empty()) or entry.first().resource.definition.where($this = 'https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-response-validation-full' or startsWith('https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-response-validation-full|')).exists()) implies entry.resource.ofType(CarePlan).all(activity.outcomeCodeableConcept.coding.where(system = 'https://fhir.nhs.uk/CodeSystem/arp-priority-codes' and (code in ('C1' | 'C2' | 'C3' | 'C4' | 'C4T' | 'C5' | 'HCP1' | 'HCP2' | 'HCP3' | 'HCP4' | 'HP4T' | 'IFT1' | 'IFT2' | 'IFT3' | 'IFT4'))).exists())"

Invariant: APP-999CAS-11.triage-codes
Description: "The triage outcome should carry Pathways symptom group, discriminator and disposition codes, or an AMPDS dispatch code."
Severity: #warning
Expression: "(entry.first().resource.event.ofType(Coding).where(code = 'servicerequest-request').exists() and entry.resource.ofType(ServiceRequest).where(status = 'revoked' or status = 'entered-in-error').empty()) implies entry.resource.ofType(CarePlan).all((activity.outcomeCodeableConcept.coding.where(system = 'https://fhir.nhs.uk/CodeSystem/pathways-sg-codes').exists() and activity.outcomeCodeableConcept.coding.where(system = 'https://fhir.nhs.uk/CodeSystem/pathways-sd-codes').exists() and activity.outcomeCodeableConcept.coding.where(system = 'https://fhir.nhs.uk/CodeSystem/pathways-dx-codes').exists()) or activity.outcomeCodeableConcept.coding.where(system = 'https://fhir.nhs.uk/CodeSystem/ampds-dispatch-codes').exists())"

Invariant: APP-999CAS-12
Description: "A validation request carries at least one scene-safety Flag; every scene-safety Flag declares BARSFlag-scene-safety, has one category (SS), code S, U or UNK from scene-safety-codes-bars, and an encounter."
Severity: #error
Expression: "((entry.first().resource.event.ofType(Coding).where(code = 'servicerequest-request').exists() and entry.resource.ofType(ServiceRequest).where(status = 'revoked' or status = 'entered-in-error').empty()) implies entry.resource.ofType(Flag).where(category.coding.where(system = 'https://fhir.nhs.uk/CodeSystem/flag-categories-bars' and code = 'SS').exists()).exists()) and entry.resource.ofType(Flag).where(category.coding.where(system = 'https://fhir.nhs.uk/CodeSystem/flag-categories-bars' and code = 'SS').exists()).all(category.count() = 1 and encounter.exists() and meta.profile.where($this = 'https://fhir.nhs.uk/StructureDefinition/BARSFlag-scene-safety').exists() and code.coding.where(system = 'https://fhir.nhs.uk/CodeSystem/scene-safety-codes-bars' and (code = 'S' or code = 'U' or code = 'UNK')).exists())"

Invariant: APP-999CAS-13
Description: "Every Flag in an Application 4 message has an encounter."
Severity: #error
Expression: "entry.resource.ofType(Flag).all(encounter.exists())"

Invariant: APP-999CAS-14
Description: "The incident Location carries at least one locator: a LocationExtension UPRN, PAF, eastings, northings or what3words, a position with latitude and longitude, or an address with a postcode."
Severity: #error
Expression: "entry.resource.ofType(Location).all(extension.where(url = 'https://fhir.nhs.uk/StructureDefinition/LocationExtension').extension.where(url.lower() = 'uprn' or url.lower() = 'paf' or url.lower() = 'eastings' or url.lower() = 'northings' or url.lower() = 'what3words').exists() or (position.latitude.exists() and position.longitude.exists()) or address.postalCode.exists())"

Invariant: APP-999CAS-14.sub-extension-case
Description: "LocationExtension sub-extension urls should be spelled as published (UPRN, PAF, eastings, northings, what3words, accuracy)."
Severity: #warning
Expression: "entry.resource.ofType(Location).extension.where(url = 'https://fhir.nhs.uk/StructureDefinition/LocationExtension').extension.all(url = 'UPRN' or url = 'PAF' or url = 'eastings' or url = 'northings' or url = 'what3words' or url = 'accuracy')"

Invariant: APP-999CAS-14.should
Description: "The incident Location should have a name and an address."
Severity: #warning
Expression: "entry.resource.ofType(Location).all(name.exists() and address.exists())"

Invariant: APP-999CAS-15
Description: "Incident positions should lie in England (latitude 49 to 61, longitude -9 to 2); values outside are often latitude and longitude swapped."
Severity: #warning
Expression: "entry.resource.ofType(Location).position.all(latitude >= 49 and latitude <= 61 and longitude >= -9 and longitude <= 2)"

Invariant: APP-999CAS-16
Description: "In a validation request the HealthcareService names the Organization that provides it (an Organization entry)."
Severity: #error
Expression: "(entry.first().resource.event.ofType(Coding).where(code = 'servicerequest-request').exists() and entry.resource.ofType(ServiceRequest).where(status = 'revoked' or status = 'entered-in-error').empty()) implies (entry.resource.ofType(HealthcareService).all(providedBy.reference.exists()) and entry.where(%resource.entry.resource.ofType(HealthcareService).providedBy.reference contains fullUrl).resource.all($this is Organization))"

Invariant: APP-999CAS-16.destination
Description: "The HealthcareService should be provided by the message's destination Organization (MessageHeader.destination.receiver)."
Severity: #warning
Expression: "(entry.first().resource.event.ofType(Coding).where(code = 'servicerequest-request').exists() and entry.resource.ofType(ServiceRequest).where(status = 'revoked' or status = 'entered-in-error').empty()) implies entry.resource.ofType(HealthcareService).all(providedBy.reference in %resource.entry.first().resource.destination.receiver.reference)"

Invariant: APP-999CAS-18
Description: "A validation request update keeps the ServiceRequest active or on-hold and identifies it by the responder-assigned id."
Severity: #error
Expression: "(entry.first().resource.event.ofType(Coding).where(code = 'servicerequest-request').exists() and entry.first().resource.reason.coding.where(code = 'update').exists() and entry.resource.ofType(ServiceRequest).where(status = 'revoked' or status = 'entered-in-error').empty()) implies entry.resource.ofType(ServiceRequest).all((status = 'active' or status = 'on-hold') and id.exists())"

Invariant: APP-999CAS-19
Description: "A validation cancellation names the ServiceRequest cancellation MessageDefinition."
Severity: #error
Expression: "(entry.first().resource.event.ofType(Coding).where(code = 'servicerequest-request').exists() and entry.resource.ofType(ServiceRequest).where(status = 'revoked' or status = 'entered-in-error').exists()) implies entry.first().resource.definition.where($this = 'https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-request-cancelled' or startsWith('https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-request-cancelled|')).exists()"

Invariant: APP-999CAS-20
Description: "A validation response names the request it answers (response.identifier, code ok) and its focus is the responder's Encounter."
Severity: #error
Expression: "entry.first().resource.event.ofType(Coding).where(code = 'servicerequest-response').exists() implies (entry.first().resource.response.identifier.exists() and entry.first().resource.response.code = 'ok' and entry.where(fullUrl in %resource.entry.first().resource.focus.reference).resource.exists() and entry.where(fullUrl in %resource.entry.first().resource.focus.reference).resource.all($this is Encounter))"

Invariant: APP-999CAS-21
Description: "Every Encounter in a validation response carries the same Journey ID."
Severity: #error
Expression: "entry.first().resource.event.ofType(Coding).where(code = 'servicerequest-response').exists() implies (entry.resource.ofType(Encounter).all(episodeOfCare.reference.exists()) and entry.resource.ofType(Encounter).episodeOfCare.reference.distinct().count() = 1)"

Invariant: APP-999CAS-21.period
Description: "The responder's Encounter should give period.start (when the request was acknowledged), and no period.end in an interim response."
Severity: #warning
Expression: "entry.first().resource.event.ofType(Coding).where(code = 'servicerequest-response').exists() implies (entry.where(fullUrl in %resource.entry.first().resource.focus.reference).resource.ofType(Encounter).all(period.start.exists()) and (entry.first().resource.definition.where($this = 'https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-response-validation-interim' or startsWith('https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-response-validation-interim|')).exists() implies entry.where(fullUrl in %resource.entry.first().resource.focus.reference).resource.ofType(Encounter).all(period.end.empty())))"

Invariant: APP-999CAS-22
Description: "An interim response is new, has exactly two Encounters, and the responder's Encounter is in-progress (reasonCode validation-triage-outcome) or cancelled (a rejection); the ServiceRequest stays active."
Severity: #error
Expression: "entry.first().resource.definition.where($this = 'https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-response-validation-interim' or startsWith('https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-response-validation-interim|')).exists() implies (entry.first().resource.reason.coding.where(code = 'new').exists() and entry.resource.ofType(Encounter).count() = 2 and entry.where(fullUrl in %resource.entry.first().resource.focus.reference).resource.ofType(Encounter).all(status = 'in-progress' or status = 'cancelled' or status = 'triaged') and entry.where(fullUrl in %resource.entry.first().resource.focus.reference).resource.ofType(Encounter).where(status = 'in-progress').all(reasonCode.coding.where(system = 'https://fhir.nhs.uk/CodeSystem/message-reason-encounter' and code = 'validation-triage-outcome').exists()) and entry.resource.ofType(ServiceRequest).all(status = 'active' or status = 'revoked'))"

Invariant: APP-999CAS-23
Description: "An interim rejection (responder's Encounter cancelled) gives the reason from rejected-reasons-bars (RRNA, FC or OTH)."
Severity: #error
Expression: "entry.first().resource.definition.where($this = 'https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-response-validation-interim' or startsWith('https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-response-validation-interim|')).exists() implies entry.where(fullUrl in %resource.entry.first().resource.focus.reference).resource.ofType(Encounter).where(status = 'cancelled').all(reasonCode.coding.where(system = 'https://fhir.nhs.uk/CodeSystem/rejected-reasons-bars' and (code = 'RRNA' or code = 'FC' or code = 'OTH')).exists())"

Invariant: APP-999CAS-23.text
Description: "An interim rejection should explain itself in reasonCode.text."
Severity: #warning
Expression: "entry.first().resource.definition.where($this = 'https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-response-validation-interim' or startsWith('https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-response-validation-interim|')).exists() implies entry.where(fullUrl in %resource.entry.first().resource.focus.reference).resource.ofType(Encounter).where(status = 'cancelled').all(reasonCode.text.exists())"

Invariant: APP-999CAS-23.pseudo-code-variant
Description: "The rejection form 'Encounter triaged + ServiceRequest revoked' comes from the guide's pseudo code only; prefer Encounter cancelled with the ServiceRequest active."
Severity: #warning
Expression: "entry.first().resource.definition.where($this = 'https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-response-validation-interim' or startsWith('https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-response-validation-interim|')).exists() implies (entry.where(fullUrl in %resource.entry.first().resource.focus.reference).resource.ofType(Encounter).where(status = 'triaged').exists() or entry.resource.ofType(ServiceRequest).where(status = 'revoked').exists()).not()"

Invariant: APP-999CAS-24
Description: "A final response has two Encounters (three when the outcome was upgraded and an ambulance raised); the responder's Encounter is finished (triaged tolerated) with reasonCode validation-triage-outcome."
Severity: #error
Expression: "entry.first().resource.definition.where($this = 'https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-response-validation-full' or startsWith('https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-response-validation-full|')).exists() implies ((entry.resource.ofType(Encounter).count() = 2 or entry.resource.ofType(Encounter).count() = 3) and entry.where(fullUrl in %resource.entry.first().resource.focus.reference).resource.ofType(Encounter).all((status = 'finished' or status = 'triaged') and reasonCode.coding.where(system = 'https://fhir.nhs.uk/CodeSystem/message-reason-encounter' and code = 'validation-triage-outcome').exists()))"

Invariant: APP-999CAS-25
Description: "In a final response the CarePlan is active (the requester must act) or completed (nothing further)."
Severity: #error
Expression: "entry.first().resource.definition.where($this = 'https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-response-validation-full' or startsWith('https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-response-validation-full|')).exists() implies entry.resource.ofType(CarePlan).all(status = 'active' or status = 'completed')"

Invariant: APP-999CAS-26
Description: "A final response sends back the incident Location and the scene-safety Flag(s)."
Severity: #error
Expression: "entry.first().resource.definition.where($this = 'https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-response-validation-full' or startsWith('https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-response-validation-full|')).exists() implies (entry.resource.ofType(Location).exists() and entry.resource.ofType(Flag).where(category.coding.where(system = 'https://fhir.nhs.uk/CodeSystem/flag-categories-bars' and code = 'SS').exists()).exists())"
