// IG file: StructureDefinition/BaRSLocationIncidentLocation.xml
// Its canonical is under fhir.hl7.org.uk, unlike every other BaRS profile; kept as published.

Profile: BARSLocationIncidentLocation
Parent: Location
Id: BARSLocation-incident-location
Title: "BARS Location Incident Location"
Description: "The Location of a CAD incident: typed ILOC from the BaRS location types, optionally identified by an ODS site code."
* ^url = "https://fhir.hl7.org.uk/StructureDefinition/BARSLocation-incident-location"
* ^version = "1.0.0"
* ^status = #active
* ^date = "2024-01-11"
* ^publisher = "NHS England"
* identifier ^slicing.discriminator.type = #value
* identifier ^slicing.discriminator.path = "system"
* identifier ^slicing.rules = #open
* identifier contains odsSiteCode 0..1
* identifier[odsSiteCode] ^short = "ODS site code of the organisation at this site"
* identifier[odsSiteCode].system 1..1
* identifier[odsSiteCode].system = "https://fhir.nhs.uk/Id/ods-site-code" (exactly)
* identifier[odsSiteCode].value 1..1
* identifier[odsSiteCode].assigner only Reference($UKCoreOrganization)
* type 1..1
* type.coding.system 1..1
* type.coding.system = "https://fhir.nhs.uk/CodeSystem/location-types-bars" (exactly)
* type.coding.code 1..1
* type.coding.code = #ILOC (exactly)
* managingOrganization only Reference($UKCoreOrganization)
* managingOrganization.identifier.assigner only Reference($UKCoreOrganization)
* partOf only Reference($UKCoreLocation)
* partOf.identifier.assigner only Reference($UKCoreOrganization)
* endpoint.identifier.assigner only Reference($UKCoreOrganization)
