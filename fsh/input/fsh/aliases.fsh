// Short names for canonical URLs used across the FSH files.
Alias: $ukcore = https://fhir.hl7.org.uk/StructureDefinition
Alias: $UKCoreBundle = https://fhir.hl7.org.uk/StructureDefinition/UKCore-Bundle
Alias: $UKCoreMessageHeader = https://fhir.hl7.org.uk/StructureDefinition/UKCore-MessageHeader
Alias: $UKCoreServiceRequest = https://fhir.hl7.org.uk/StructureDefinition/UKCore-ServiceRequest
Alias: $UKCorePatient = https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient
Alias: $UKCoreEncounter = https://fhir.hl7.org.uk/StructureDefinition/UKCore-Encounter
Alias: $UKCoreLocation = https://fhir.hl7.org.uk/StructureDefinition/UKCore-Location
Alias: $UKCoreOrganization = https://fhir.hl7.org.uk/StructureDefinition/UKCore-Organization
Alias: $UKCoreDevice = https://fhir.hl7.org.uk/StructureDefinition/UKCore-Device
Alias: $UKCorePractitioner = https://fhir.hl7.org.uk/StructureDefinition/UKCore-Practitioner
Alias: $UKCorePractitionerRole = https://fhir.hl7.org.uk/StructureDefinition/UKCore-PractitionerRole
Alias: $UKCoreContactRank = https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-ContactRank

// Code and identifier systems
Alias: $messageEvents = https://fhir.nhs.uk/CodeSystem/message-events-bars
Alias: $messageReason = https://fhir.nhs.uk/CodeSystem/message-reason-bars
Alias: $useCases = https://fhir.nhs.uk/CodeSystem/usecases-categories-bars
Alias: $messageCategory = https://fhir.nhs.uk/CodeSystem/message-category-servicerequest
Alias: $flagCategories = https://fhir.nhs.uk/CodeSystem/flag-categories-bars
Alias: $sceneSafety = https://fhir.nhs.uk/CodeSystem/scene-safety-codes-bars
Alias: $locationTypes = https://fhir.nhs.uk/CodeSystem/location-types-bars
Alias: $consentCategories = https://fhir.nhs.uk/CodeSystem/consent-categories-bars
Alias: $consentScope = http://terminology.hl7.org/CodeSystem/consentscope
Alias: $v3ActCode = http://terminology.hl7.org/CodeSystem/v3-ActCode
Alias: $usageContextType = http://terminology.hl7.org/CodeSystem/usage-context-type
