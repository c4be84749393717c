// Application profiles, part 1: the UEC payload rules shared by Application 1 (111 -> ED) and
// Application 4 (999 -> CAS validation), spec/applications.md section 2 (APP-UEC-*).
// These profiles are not in the BaRS IG: they turn the guide's tables into checkable constraints.
// The Application Bundle profiles (app1-111-ed.fsh, app4-999-cas.fsh) apply them to each entry.
// Rules that are plain constraints carry their rule id in the element's requirements; rules that
// need an expression are invariants keyed by rule id (a ".part" suffix when one rule has several).

Alias: $contactRank = https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-ContactRank
Alias: $nhsNumberVerification = https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus

// ---------------------------------------------------------------- Patient (APP-UEC-01..05, -11)

Invariant: APP-UEC-01
Description: "Exactly one Patient.contact has ContactRank 1."
Severity: #error
Expression: "contact.extension.where(url = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-ContactRank').value.where($this = 1).count() = 1"

Invariant: APP-UEC-02
Description: "Within a contact exactly one telecom has rank 1."
Severity: #error
Expression: "telecom.where(rank = 1).count() = 1"

Invariant: APP-UEC-03
Description: "At least one contact method is a phone, and the rank-1 contact's methods all say what system they use."
Severity: #error
Expression: "contact.telecom.where(system = 'phone').exists() and contact.where(extension.where(url = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-ContactRank').value = 1).telecom.all(system.exists())"

Invariant: APP-UEC-03.primary-phone
Description: "The rank-1 method of the rank-1 contact (the primary call-back) should be a phone."
Severity: #warning
Expression: "contact.where(extension.where(url = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-ContactRank').value = 1).telecom.where(rank = 1).all(system = 'phone')"

Invariant: APP-UEC-05
Description: "An NHS number is sent only as verified (number-present-and-verified) or present but not traced (number-present-but-not-traced)."
Severity: #error
Expression: "identifier.where(system = 'https://fhir.nhs.uk/Id/nhs-number').all(extension.where(url = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus').value.coding.where(code = 'number-present-and-verified' or code = 'number-present-but-not-traced').exists())"

Invariant: APP-UEC-11.birth-sex
Description: "Birth sex travels as an Observation, not as a Patient extension."
Severity: #warning
Expression: "extension.where(url = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-BirthSex').empty()"

Profile: BARSPatientUEC
Parent: $UKCorePatient
Id: BARSPatient-uec
Title: "BaRS UEC Patient (Applications 1 and 4)"
Description: "Patient as sent in UEC referrals and validations: every contact ranked, each with ranked contact methods, a relationship, and at least one phone."
* ^status = #active
* obeys APP-UEC-01 and APP-UEC-03 and APP-UEC-03.primary-phone and APP-UEC-05 and APP-UEC-11.birth-sex
* contact 1..*
* contact ^requirements = "APP-UEC-01: at least one contact, each carrying a ContactRank."
* contact obeys APP-UEC-02
* contact.extension[contactRank] 1..1
* contact.extension[contactRank] ^requirements = "APP-UEC-01: every contact carries Extension-UKCore-ContactRank."
* contact.telecom 1..*
* contact.telecom ^requirements = "APP-UEC-02: every contact has at least one telecom."
* contact.telecom.rank 1..1
* contact.telecom.rank ^requirements = "APP-UEC-02: every contact method is ranked."
* contact.relationship 1..*
* contact.relationship.coding 1..*
* contact.relationship ^requirements = "APP-UEC-04: each contact says (as a coding, from UK Core PersonRelationshipType) how it relates to the patient; the patient's own details use 'self'."

// ---------------------------------------------------------------- Consent (APP-UEC-06)

Profile: BARSConsentUEC
Parent: https://fhir.hl7.org.uk/StructureDefinition/UKCore-Consent
Id: BARSConsent-uec
Title: "BaRS UEC Consent (Applications 1 and 4)"
Description: "The only Consent this release allows: an active, implied, patient-privacy consent to direct care, with its date."
* ^status = #active
* . ^requirements = "APP-UEC-06: the only consent values allowed in this release (template EX/CONS01)."
* status = #active (exactly)
* scope = $consentScope#patient-privacy
* category 1..*
* category = $consentCategories#DRC
* policyRule 1..1
* policyRule = $v3ActCode#IMPLIED
* patient 1..1
* patient only Reference($UKCorePatient)
* dateTime 1..1

// ---------------------------------------------------------------- Encounter (APP-UEC-07)

Invariant: APP-UEC-07
Description: "The Encounter declares the UK Core Encounter profile."
Severity: #error
Expression: "meta.profile.where($this = 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-Encounter').exists()"

Invariant: APP-UEC-07.identifier
Description: "The Encounter should carry the sender's human-readable case reference."
Severity: #warning
Expression: "identifier.exists()"

Profile: BARSEncounterUEC
Parent: $UKCoreEncounter
Id: BARSEncounter-uec
Title: "BaRS UEC Encounter (Applications 1 and 4)"
Description: "An emergency Encounter about the patient that carries the Journey ID (episodeOfCare)."
* ^status = #active
* obeys APP-UEC-07 and APP-UEC-07.identifier
* class = $v3ActCode#EMER
* class ^requirements = "APP-UEC-07: class emergency."
* subject 1..1
* subject only Reference($UKCorePatient)
* episodeOfCare 1..*
* episodeOfCare.reference 1..1
* episodeOfCare ^requirements = "APP-UEC-07 / CORE-JID: episodeOfCare.reference holds the Journey ID."

// ---------------------------------------------------------------- CarePlan (APP-UEC-08)

Invariant: APP-UEC-08
Description: "The CarePlan records the triage outcome in activity.outcomeCodeableConcept."
Severity: #error
Expression: "activity.outcomeCodeableConcept.exists()"

Profile: BARSCarePlanUEC
Parent: https://fhir.hl7.org.uk/StructureDefinition/UKCore-CarePlan
Id: BARSCarePlan-uec
Title: "BaRS UEC CarePlan (Applications 1 and 4)"
Description: "The triage outcome: a plan about the patient, tied to the sender's Encounter."
* ^status = #active
* obeys APP-UEC-08
* intent = #plan (exactly)
* intent ^requirements = "APP-UEC-08: intent plan."
* subject only Reference($UKCorePatient)
* encounter 1..1
* encounter ^requirements = "APP-UEC-08: the CarePlan points at the sender's Encounter (checked to be an Encounter entry by the Bundle invariant APP-UEC-08.encounter)."

// ---------------------------------------------------------------- Flag (APP-UEC-09)

Invariant: APP-UEC-09
Description: "Exactly one category coding from flag-categories-bars."
Severity: #error
Expression: "category.coding.where(system = 'https://fhir.nhs.uk/CodeSystem/flag-categories-bars').count() = 1"

Invariant: APP-UEC-09.code-system
Description: "Safeguarding (SG), reasonable-adjustment (RA) and scene-safety (SS) Flags take their code from the matching BaRS CodeSystem."
Severity: #error
Expression: "(category.coding.where(system = 'https://fhir.nhs.uk/CodeSystem/flag-categories-bars' and code = 'SG').exists() implies code.coding.where(system = 'https://fhir.nhs.uk/CodeSystem/safeguarding-codes-bars').exists()) and (category.coding.where(system = 'https://fhir.nhs.uk/CodeSystem/flag-categories-bars' and code = 'RA').exists() implies code.coding.where(system = 'https://fhir.nhs.uk/CodeSystem/reasonable-adjustment-codes-bars').exists()) and (category.coding.where(system = 'https://fhir.nhs.uk/CodeSystem/flag-categories-bars' and code = 'SS').exists() implies code.coding.where(system = 'https://fhir.nhs.uk/CodeSystem/scene-safety-codes-bars').exists())"

Profile: BARSFlagUEC
Parent: Flag
Id: BARSFlag-uec
Title: "BaRS UEC Flag (Applications 1 and 4)"
Description: "Any Flag in a UEC payload: active, one BaRS category from the BaRS list, and a coded flag."
* ^status = #active
* obeys APP-UEC-09 and APP-UEC-09.code-system
* status = #active (exactly)
* status ^requirements = "APP-UEC-09: status active."
* category 1..*
* category from FlagCategoriesBarsVS (required)
* category ^requirements = "APP-UEC-09: the category code comes from flag-categories-bars."
* code.coding 1..*
* code.coding ^requirements = "APP-UEC-09: code.coding present."
* subject only Reference(Patient or Location)

// ---------------------------------------------------------------- Observation (APP-UEC-11)

Invariant: APP-UEC-11.note
Description: "Observation.note should not be used; clinical notes belong in the CarePlan."
Severity: #warning
Expression: "note.empty()"

Profile: BARSObservationUEC
Parent: https://fhir.hl7.org.uk/StructureDefinition/UKCore-Observation
Id: BARSObservation-uec
Title: "BaRS UEC Observation (Applications 1 and 4)"
Description: "A final Observation about the patient at this encounter, with a text code."
* ^status = #active
* obeys APP-UEC-11.note
* status = #final (exactly)
* status ^requirements = "APP-UEC-11: status final."
* code.text 1..1
* code.text ^requirements = "APP-UEC-11: code has a text."
* subject 1..1
* subject only Reference($UKCorePatient)
* encounter 1..1
* encounter ^requirements = "APP-UEC-11: the Observation is tied to an Encounter."
* performer only Reference($UKCorePractitioner)
* performer ^requirements = "APP-UEC-11: performer, if sent, is a Practitioner."

// ---------------------------------------------------------------- Practitioner, PractitionerRole (APP-UEC-12)

Profile: BARSPractitionerUEC
Parent: $UKCorePractitioner
Id: BARSPractitioner-uec
Title: "BaRS UEC Practitioner (Applications 1 and 4)"
Description: "A Practitioner that can be identified."
* ^status = #active
* identifier 1..*
* identifier ^requirements = "APP-UEC-12: Practitioner has an identifier."

Profile: BARSPractitionerRoleUEC
Parent: $UKCorePractitionerRole
Id: BARSPractitionerRole-uec
Title: "BaRS UEC PractitionerRole (Applications 1 and 4)"
Description: "A PractitionerRole linking a Practitioner to an Organization."
* ^status = #active
* practitioner 1..1
* organization 1..1
* practitioner ^requirements = "APP-UEC-12: PractitionerRole references its practitioner and organization."

// ---------------------------------------------------------------- HealthcareService (APP-UEC-13)

Profile: BARSHealthcareServiceUEC
Parent: https://fhir.hl7.org.uk/StructureDefinition/UKCore-HealthcareService
Id: BARSHealthcareService-uec
Title: "BaRS UEC HealthcareService (Applications 1 and 4)"
Description: "The receiving service: identified (e.g. by DoS service id), named, active, and provided by an Organization."
* ^status = #active
* identifier 1..*
* name 1..1
* active 1..1
* providedBy 1..1
* identifier ^requirements = "APP-UEC-13: identifier, name, active and providedBy are required."

// ---------------------------------------------------------------- RelatedPerson (APP-UEC-15)

Profile: BARSRelatedPersonUEC
Parent: https://fhir.hl7.org.uk/StructureDefinition/UKCore-RelatedPerson
Id: BARSRelatedPerson-uec
Title: "BaRS UEC RelatedPerson (Applications 1 and 4)"
Description: "Next of kin: related to the patient by a coded relationship; any telecom says its system and value."
* ^status = #active
* relationship 1..*
* relationship.coding 1..*
* relationship ^requirements = "APP-UEC-15: relationship.coding present."
* telecom.system 1..1
* telecom.value 1..1
* telecom ^requirements = "APP-UEC-15: a telecom, if sent, has system and value."
