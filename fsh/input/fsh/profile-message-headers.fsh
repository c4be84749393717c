// IG files: StructureDefinition/BARSMessageHeaderServiceRequestRequest.xml,
// BARSMessageHeaderServiceRequestResponse.xml, BARSMessageHeaderBooking-Request.xml

// What the three BaRS MessageHeader profiles share.
RuleSet: BarsMessageHeaderCommon
// The IG constrains event[x].system/.code without narrowing event[x]; SUSHI needs the type said
// (listed in docs/fsh-deviations.md).
* event[x] only Coding
* destination 1..*
* destination.receiver.reference 1..1
* sender.reference 1..1
* sender.identifier.assigner.reference 1..1
// The IG slices the CDSS extension under source.extension (the guide and examples put it on
// MessageHeader.extension; the validator accepts both, see CORE-MH-14).
* source.extension contains CDSSExtension named myExtension 0..*
* reason 1..1
* reason.coding.system = "https://fhir.nhs.uk/CodeSystem/message-reason-bars" (exactly)
* focus.reference 1..1

Profile: BARSMessageHeaderServiceRequestRequest
Parent: $UKCoreMessageHeader
Id: BARSMessageHeaderServiceRequestRequest
Title: "BARS MessageHeader - ServiceRequest-Request"
Description: "MessageHeader of a BaRS service request (referral, validation request, their updates and cancellations). The event code is required but not fixed here; the message layer checks it."
* ^url = "https://fhir.nhs.uk/StructureDefinition/BARSMessageHeader-servicerequest-request"
* ^version = "1.0.3"
* ^status = #active
* ^date = "2023-03-08"
* insert BarsMessageHeaderCommon
* event[x].system 1..1
* event[x].code 1..1

Profile: BARSMessageHeaderServiceRequestResponse
Parent: $UKCoreMessageHeader
Id: BARSMessageHeaderServiceRequestResponse
Title: "BARS MessageHeader - ServiceRequest-Response"
Description: "MessageHeader of a BaRS service request response; it names the message it answers."
* ^url = "https://fhir.nhs.uk/StructureDefinition/BARSMessageHeader-servicerequest-response"
* ^version = "1.0.3"
* ^status = #active
* ^date = "2023-03-08"
* insert BarsMessageHeaderCommon
* event[x].system = "https://fhir.nhs.uk/CodeSystem/message-events-bars" (exactly)
* event[x].code 1..1
* event[x].code = #servicerequest-response (exactly)
* response 1..1

Profile: BARSMessageHeaderBookingRequest
Parent: $UKCoreMessageHeader
Id: BARSMessageHeaderBookingRequest
Title: "BARS MessageHeader - Booking-Request"
Description: "MessageHeader of a BaRS booking request or booking cancellation; its focus is the Appointment."
* ^url = "https://fhir.nhs.uk/StructureDefinition/BARSMessageHeader-booking-request"
* ^version = "1.0.1"
* ^status = #active
* ^date = "2022-04-20"
* insert BarsMessageHeaderCommon
* event[x].system = "https://fhir.nhs.uk/CodeSystem/message-events-bars" (exactly)
* event[x].code 1..1
* event[x].code = #booking-request (exactly)
