// IG files: StructureDefinition/BARSServiceRequest-request-referral.xml,
// BARSServiceRequest-request-validation.xml

Profile: BARSServiceRequestRequestReferral
Parent: $UKCoreServiceRequest
Id: BARSServiceRequestRequestReferral
Title: "BARS ServiceRequest-Request Referral"
Description: "The ServiceRequest at the centre of a BaRS referral: a plan with one category, a UK Core patient, an optional period and the time it was authored."
* ^url = "https://fhir.nhs.uk/StructureDefinition/BARSServiceRequest-request-referral"
* ^version = "1.0.5"
* ^status = #active
* ^date = "2023-07-03"
* intent = #plan (exactly)
* category 1..1
* subject only Reference($UKCorePatient)
* occurrence[x] only Period
* authoredOn 1..1
* authoredOn ^comment = "When the referral was created."

Profile: BARSServiceRequestRequestValidation
Parent: $UKCoreServiceRequest
Id: BARSServiceRequest-request-validation
Title: "BARS ServiceRequest-Request Validation"
Description: "The ServiceRequest of a BaRS validation request: as the referral profile, but the period (validation breach time) needs both start and end, and authoredOn is optional."
* ^url = "https://fhir.nhs.uk/StructureDefinition/BARSServiceRequest-request-validation"
* ^version = "1.0.3"
* ^status = #active
* ^date = "2025-02-18"
* intent = #plan (exactly)
* category 1..1
* subject only Reference($UKCorePatient)
* occurrence[x] only Period
* occurrence[x] ^comment = "Validation (or call-back) breach time."
* occurrence[x].start 1..1
* occurrence[x].end 1..1
* locationReference ^comment = "The incident location."
