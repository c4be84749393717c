// IG file: StructureDefinition/BARSFlagSceneSafety.xml

Profile: BARSFlagSceneSafety
Parent: Flag
Id: BARSFlag-scene-safety
Title: "BARS Flag Scene Safety"
Description: "A Flag saying whether the scene of an incident is safe: category SS from the BaRS flag categories, a code from the scene-safety codes, and the incident Location as subject."
* ^version = "1.0.0"
* ^status = #active
* ^date = "2022-12-13"
* ^publisher = "NHS Digital"
* identifier.assigner only Reference($UKCoreOrganization)
* category 1..1
* category.coding.system 1..1
* category.coding.system = "https://fhir.nhs.uk/CodeSystem/flag-categories-bars" (exactly)
* category.coding.code 1..1
* category.coding.code = #SS (exactly)
* code.coding.system 1..1
* code.coding.system = "https://fhir.nhs.uk/CodeSystem/scene-safety-codes-bars" (exactly)
* subject only Reference($UKCoreLocation)
* subject.identifier.assigner only Reference($UKCoreOrganization)
* encounter only Reference($UKCoreEncounter)
* encounter.identifier.assigner only Reference($UKCoreOrganization)
* author only Reference($UKCoreDevice or $UKCoreOrganization or $UKCorePatient or $UKCorePractitioner or $UKCorePractitionerRole)
* author.identifier.assigner only Reference($UKCoreOrganization)
