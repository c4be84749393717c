// IG files: CDSSExtension.xml, LocationExtension.xml

Extension: CDSSExtension
Id: CDSSExtension
Title: "CDSS Extension"
Description: "Names the clinical decision support software (and its version) that produced the triage behind a BaRS message."
* ^version = "1.0.1"
* ^status = #active
* ^date = "2022-03-08"
* ^context[0].type = #element
* ^context[0].expression = "MessageHeader"
// The IG leaves both sub-extensions 0..* and the software one untyped; kept so.
* extension contains RequesterCDSSsoftware 0..* and RequesterCDSSversion 0..*
* extension[RequesterCDSSversion].value[x] only string

Extension: LocationExtension
Id: LocationExtension
Title: "Location Extension"
Description: "Extra ways to pin down a Location: UPRN, PAF key, OS grid eastings and northings, what3words, and how accurate they are."
* ^version = "1.0.3"
* ^status = #active
* ^date = "2022-05-16"
* ^context[0].type = #element
* ^context[0].expression = "Location"
// Sub-extension urls are case-sensitive strings, spelled as the IG publishes them.
* extension contains UPRN 0..1 and PAF 0..1 and eastings 0..1 and northings 0..1 and what3words 0..1 and accuracy 0..1
* extension[UPRN].value[x] only string
* extension[PAF].value[x] only string
* extension[eastings].value[x] only string
* extension[northings].value[x] only string
* extension[what3words].value[x] only string
* extension[accuracy].value[x] only string
