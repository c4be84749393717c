// IG file: StructureDefinition/BARSBundleMessage.xml

Profile: BARSBundleMessage
Parent: $UKCoreBundle
Id: BARSBundleMessage
Title: "BARS Bundle Message"
Description: "The Bundle that carries every BaRS message: a message Bundle with a timestamp."
* ^version = "1.0.0"
* ^status = #active
* ^date = "2021-12-08"
* type = #message (exactly)
* timestamp 1..1
