// Application profiles, part 2: what the Application 1 and Application 4 Bundle profiles share.
// Cross-resource rules are Bundle invariants: %resource is the Bundle, entry.first().resource the
// MessageHeader. "X → Y" rules test that every entry a reference points at (by fullUrl) is a Y.

// Applies the UEC payload profiles (app-uec-resources.fsh) to the Bundle's entries by resource type.
RuleSet: UecEntrySlices(serviceRequestProfile)
* entry ^slicing.discriminator.type = #type
* entry ^slicing.discriminator.path = "resource"
* entry ^slicing.rules = #open
* entry ^slicing.description = "Entries are matched to the UEC payload profiles by resource type."
* entry contains serviceRequest 0..* and patient 0..* and encounter 0..* and carePlan 0..* and consent 0..* and flag 0..* and observation 0..* and practitioner 0..* and practitionerRole 0..* and healthcareService 0..* and relatedPerson 0..*
* entry[serviceRequest].resource only {serviceRequestProfile}
* entry[patient].resource only BARSPatientUEC
* entry[encounter].resource only BARSEncounterUEC
* entry[carePlan].resource only BARSCarePlanUEC
* entry[consent].resource only BARSConsentUEC
* entry[flag].resource only BARSFlagUEC
* entry[observation].resource only BARSObservationUEC
* entry[practitioner].resource only BARSPractitionerUEC
* entry[practitionerRole].resource only BARSPractitionerRoleUEC
* entry[healthcareService].resource only BARSHealthcareServiceUEC
* entry[relatedPerson].resource only BARSRelatedPersonUEC

RuleSet: UecBundleRules
* obeys APP-UEC-08.encounter and APP-UEC-09.subject and APP-UEC-14 and APP-UEC-17

Invariant: APP-UEC-08.encounter
Description: "CarePlan.encounter points at an Encounter in the Bundle."
Severity: #error
Expression: "entry.where(%resource.entry.resource.ofType(CarePlan).encounter.reference contains fullUrl).resource.all($this is Encounter)"

Invariant: APP-UEC-09.subject
Description: "A scene-safety Flag (category SS) is about a Location; every other Flag is about the Patient."
Severity: #error
Expression: "entry.where(%resource.entry.resource.ofType(Flag).where(category.coding.where(system = 'https://fhir.nhs.uk/CodeSystem/flag-categories-bars' and code = 'SS').exists()).subject.reference contains fullUrl).resource.all($this is Location) and entry.where(%resource.entry.resource.ofType(Flag).where(category.coding.where(system = 'https://fhir.nhs.uk/CodeSystem/flag-categories-bars' and code = 'SS').empty()).subject.reference contains fullUrl).resource.all($this is Patient)"

Invariant: APP-UEC-14
Description: "MedicationStatement.subject and AllergyIntolerance.patient point at the Patient."
Severity: #error
Expression: "entry.resource.ofType(MedicationStatement).all(subject.reference.exists()) and entry.where(%resource.entry.resource.ofType(MedicationStatement).subject.reference contains fullUrl).resource.all($this is Patient) and entry.where(%resource.entry.resource.ofType(AllergyIntolerance).patient.reference contains fullUrl).resource.all($this is Patient)"

Invariant: APP-UEC-17
Description: "Resources declare UK Core or BaRS profiles (a plain Flag may declare the core Flag profile)."
Severity: #warning
Expression: "entry.resource.meta.profile.all(startsWith('https://fhir.hl7.org.uk/StructureDefinition/UKCore-') or startsWith('https://fhir.nhs.uk/StructureDefinition/BARS') or startsWith('https://fhir.hl7.org.uk/StructureDefinition/BARS') or $this = 'http://hl7.org/fhir/StructureDefinition/Flag')"

// The message use-case and type codings every Application ServiceRequest carries.
RuleSet: ServiceRequestCategorySlices(messageCategoryCode, useCaseCode)
* category.coding ^slicing.discriminator.type = #value
* category.coding ^slicing.discriminator.path = "system"
* category.coding ^slicing.rules = #open
* category.coding ^slicing.description = "One coding says what kind of request this is, one which use case it belongs to."
* category.coding contains messageCategory 1..1 and useCase 1..1
// The system is fixed on the slice's own system element, where the value discriminator looks.
* category.coding[messageCategory].system = "https://fhir.nhs.uk/CodeSystem/message-category-servicerequest" (exactly)
* category.coding[messageCategory].code 1..1
* category.coding[messageCategory].code = #{messageCategoryCode} (exactly)
* category.coding[useCase].system = "https://fhir.nhs.uk/CodeSystem/usecases-categories-bars" (exactly)
* category.coding[useCase].code 1..1
* category.coding[useCase].code = #{useCaseCode} (exactly)
