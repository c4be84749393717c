// BaRS CodeSystems, one per file of the IG's CodeSystem/ folder (codes and displays as published),
// plus the HTTP error-code CodeSystem, which the IG uses but does not ship.

// IG file: CodeSystem/BARS-message-events.xml
CodeSystem: MessageEventsBars
Id: message-events-bars
Title: "Message Events BARS"
Description: "Events a BaRS message can announce in MessageHeader.event: a service request or booking, sent or answered."

* ^version = "1.0.0"
* ^status = #active
* ^date = "2022-02-11"
* ^caseSensitive = true
* ^content = #complete
* #servicerequest-request "Service Request - Request" "A Service Request - request for service"
* #servicerequest-response "Service Request - Response" "A Service Request - response to the service"
* #booking-request "Booking Request - Request" "A Booking Request - request for service"
* #booking-response "Booking Request - Response" "A Booking Request - response to the service"

// IG file: CodeSystem/BARS-message-reason.xml
CodeSystem: MessageReasonBars
Id: message-reason-bars
Title: "Message Reason BARS"
Description: "Why a BaRS message was sent (MessageHeader.reason): a new item, a change to one, or its removal."

* ^version = "1.1.0"
* ^status = #active
* ^date = "2022-03-02"
* ^content = #complete
* #new "New" "New message."
* #update "Update" "Update to a message."
* #delete "Delete" "Delete a message."

// IG file: CodeSystem/agency-types-bars.xml
CodeSystem: AgencyTypesBars
Id: agency-types-bars
Title: "Agency Types BARS"
Description: "Other agencies that may be involved in a CAD-to-CAD incident (Application 6)."

* ^version = "1.0.0"
* ^status = #active
* ^date = "2025-06-03"
* ^caseSensitive = true
* ^content = #complete
* #CI "Coastguard"
* #DI "Doctor"
* #FI "Fire service"
* #FHI "Full Hazardous Area Response Team"
* #RI "Hazardous Area Response Team"
* #HI "Hospital"
* #PI "Police"
* #OSI "Other service"

// IG file: CodeSystem/ampds-dispatch-codes.xml
CodeSystem: AmpdsDispatchCodes
Id: ampds-dispatch-codes
Title: "AMPDS Dispatch Codes"
Description: "AMPDS dispatch determinants; only a sample code is published, so systems check the URL and not membership."

* ^version = "1.0.0"
* ^status = #active
* ^date = "2023-04-13"
* ^content = #complete
* #10A01 "Chest Pain 12 - 34 yrs with Normal Breathing"

// IG file: CodeSystem/arp-priority-codes.xml
CodeSystem: ArpPriorityCodes
Id: arp-priority-codes
Title: "ARP Priority Codes"
Description: "Ambulance Response Programme call categories, including HCP and inter-facility transfer categories."

* ^version = "1.0.0"
* ^status = #active
* ^date = "2022-06-30"
* ^caseSensitive = true
* ^content = #complete
* #C1 "Cat1 Life Threatening"
* #C2 "Cat2 Emergency"
* #C3 "Cat3 Urgent"
* #C4 "Cat4 Less Urgent"
* #C4T "Cat4 Less Urgent - transport"
* #C5 "Non Ambulance"
* #HCP1 "HCP1 Life Threatening"
* #HCP2 "HCP2 Emergency"
* #HCP3 "HCP3 Urgent"
* #HCP4 "HCP4 Less Urgent"
* #HP4T "HCP4 Less Urgent - transport"
* #IFT1 "IFT1 Life Threatening"
* #IFT2 "IFT2 Emergency"
* #IFT3 "IFT3 Urgent"
* #IFT4 "IFT4 Less Urgent"

// IG file: CodeSystem/broker-priority-status.xml
CodeSystem: BarsBrokerPriorityStatus
Id: bars-broker-priority-status
Title: "BARS Broker Priority Status"
Description: "Priority of a referral passed through an internal broker to e-RS (Application 8)."

* ^version = "1.0.0"
* ^status = #active
* ^date = "2026-03-16"
* ^caseSensitive = true
* ^content = #complete
* #2WW "Two week wait"
* #U "Urgent"
* #R "Routine"

// IG file: CodeSystem/broker-referral-letter-status.xml
CodeSystem: BarsBrokerReferralLetterStatus
Id: bars-broker-referral-letter-status
Title: "BARS Broker Referral Letter Status"
Description: "Whether a referral letter will follow a brokered referral (Application 8)."

* ^version = "1.0.0"
* ^status = #active
* ^date = "2026-03-16"
* ^caseSensitive = true
* ^content = #complete
* #NEED_TO_ADD_LATER "Need to add later"
* #NOT_INTENDING_TO_ADD "Not intending to add"

// IG file: CodeSystem/consent-categories-bars.xml
CodeSystem: ConsentCategoriesBars
Id: consent-categories-bars
Title: "Consent Categories BARS"
Description: "Kinds of consent recorded with a BaRS referral; this release has Direct Care only."

* ^version = "1.0.0"
* ^status = #active
* ^date = "2022-03-15"
* ^caseSensitive = true
* ^content = #complete
* #DRC "Direct Care"

// IG file: CodeSystem/dos-rejected-reasons-bars.xml
CodeSystem: DosRejectedReasonsBars
Id: dos-rejected-reasons-bars
Title: "DOS Rejected Reasons BARS"
Description: "Reasons a Directory of Services service was rejected during service selection."

* ^version = "1.0.0"
* ^status = #active
* ^date = "2022-03-11"
* ^caseSensitive = true
* ^content = #complete
* #21 "Unsuitable due to transport"
* #22 "Rejected for capacity reasons"
* #23 "Service not clinically appropriate"
* #24 "Service declined referral"
* #26 "Rejected for patient choice"
* #27 "Service could not be contacted"
* #31 "No appointments available"
* #32 "Appointments not suitable"
* #40 "Patient not eligible for service"
* #41 "Patient requested home visit"
* #42 "Unsuitable due to distance"
* #99 "Other reason"

// IG file: CodeSystem/flag-categories-bars.xml
CodeSystem: FlagCategoriesBars
Id: flag-categories-bars
Title: "Flag Categories BARS"
Description: "Categories of Flag carried in BaRS payloads, such as safeguarding, scene safety and reasonable adjustment."

* ^version = "1.0.0"
* ^status = #active
* ^date = "2022-03-11"
* ^caseSensitive = true
* ^content = #complete
* #SG "Safeguarding Concern"
* #SS "Scene Safety"
* #RS "Rejected Services"
* #RA "Reasonable Adjustment"
* #IR "Infection Risk"
* #RC "Repeat Caller"
* #RT "ReSPECT"
* #AC "Agency Contacted"
* #API "Additional Patient Information"
* #CW "Call Warning"

// IG file: CodeSystem/household-composition-bars.xml
CodeSystem: HouseholdCompositionBars
Id: household-composition-bars
Title: "Household Composition BARS"
Description: "Who the patient lives with (Application 6)."

* ^version = "1.0.0"
* ^status = #active
* ^date = "2022-03-11"
* ^caseSensitive = true
* ^content = #complete
* #AllHouseholdsWithoutDependentChildren "All households without dependent children"
* #OnePersonHouseholds "One person households"
* #OneFamilyHouseholds "One family households"
* #NoChildren "No children"
* #NonDependentChildren "Non dependent children"
* #AllHouseholdsWithDependentChildren "All households with dependent children"
* #OtherHouseholds "Other households"
* #LivesAlone "Lives Alone"

// IG file: CodeSystem/location-types-bars.xml
CodeSystem: LocationTypesBars
Id: location-types-bars
Title: "Location Types BARS"
Description: "Roles a Location plays in a CAD incident: caller, incident, rendezvous and other locations."

* ^version = "1.0.0"
* ^status = #active
* ^date = "2023-12-28"
* ^caseSensitive = true
* ^content = #complete
* #CLOC "Caller Location"
* #HLOCFR "Helimed From Location"
* #HLOCTO "Helimed To Location"
* #ILOC "Incident Location"
* #OLOC "Other Location"
* #RLOC "Rendezvous Location"

// IG file: CodeSystem/reasonable-adjustment-codes-bars.xml
CodeSystem: ReasonableAdjustmentCodesBars
Id: reasonable-adjustment-codes-bars
Title: "Reasonable Adjustment Codes BARS"
Description: "Reasonable adjustments a patient needs; two published codes contain a space and are kept as published."

* ^version = "1.0.0"
* ^status = #active
* ^date = "2022-03-11"
* ^caseSensitive = true
* ^content = #complete
* #patientChoice "Patient Choice in Service Selection"
* #adjustcommunicationforhearingsensoryimpairment "Adjust communication for hearing / sensory impairment"
* #adjustforatypicalexpressionofpain "Adjust for atypical expression of pain"
* #adjustforuseofcommunicationbookaid "Adjust for use of communication book / aid"
* #advocatetobepresent "Advocate to be present"
* #carertobepresentforallcommunication "Carer to be present for all communication"
* #patientlikelytoalwaysrespondinthepositive "Patient likely to always respond in the positive"
* #provideappointmentreminders "Provide appointment reminders"
* #providewrittenremindersandadvice "Provide written reminders and advice"
* #reasonableadjustmentforcommunicationnodetailprovided "Reasonable adjustment for communication (no detail provided)"
* #reasonableadjustmentforcommunicationseedetailprovided "Reasonable adjustment for communication (see detail provided)"
* #patientnottobeleftalone "Patient not to be left alone"
* #adjusttoinvolvecarersinallaspectsofcare "Adjust to involve Carers in all aspects of care"
* #lastingpowerofattorney "Lasting Power of Attorney"
* #additionalsupportfordischarge "Additional support for discharge"
* #supportforvisualsensoryimpairment "Support for visual /sensory impairment"
* #reasonableadjustmentforadditionalsupportseedetailprovided "Reasonable adjustment for additional support (see detail provided)"
* #reasonableadjustmentforadditionalsupportnodetailprovided "Reasonable adjustment for additional support (no detail provided)"
* #adjustforneedlephobia "Adjust for needle phobia"
* #dislikesuniformswhitecoats "Dislikes uniforms / white coats"
* #respondstodistraction "Responds to distraction"
* #hasanticipatorycarecrisisplan "Has anticipatory care /crisis plan"
* #willonlytoleratemedicationsincertainformat "Will only tolerate medications in certain format"
* #maleorfemaleonlysupport "Male or Female only support"
* #reasonableadjustmenttopersonalisationseedetailprovided "Reasonable adjustment to personalisation (see detail provided)"
* #reasonableadjustmenttopersonalisationnodetailprovided "Reasonable adjustment to personalisation (no detail provided)"
* #adjustforlownoisestimulus "Adjust for low noise stimulus"
* #adjustforsingleroom "Adjust for single room"
* #wheelchairaccess "Wheelchair access"
* #adjustforspecialistequipment "Adjust for specialist equipment"
* #adjustforlowlightstimulus "Adjust for low light stimulus"
* #adjustminimisewaitingtimes "Adjust / minimise waiting times"
* #reasonableadjustmenttoenvironmentseedetailprovided "Reasonable adjustment to environment (see detail provided)"
* #reasonableadjustmenttoenvironmentnodetailprovided "Reasonable adjustment to environment (no detail provided)"
* #offerfirstorlastappointment "Offer first or last appointment"
* #considerhomevisits "Consider Home Visits"
* #providelongerappointment "Provide longer appointment"
* #provideadditionaltimefordecisionmakingprocessing "Provide additional time for decision making / processing"
* #adjustforhighlevelsofanxiety "Adjust for high levels of anxiety"
* #considerdesensitisationforanyprocedure "Consider desensitisation for any procedure"
* #considerpreoutpatientoradmissionvisit "Consider pre outpatient or admission visit"
* #reasonableadjustmenttoservicedeliveryseedetailprovided "Reasonable adjustment to service delivery (see detail provided)"
* #reasonableadjustmenttoservicedeliverynodetailprovided "Reasonable adjustment to service delivery (no detail provided)"
* #monitorforconstipation "Monitor for constipation"
* #monitorfordehydration "Monitor for dehydration"
* #monitornutrition "Monitor nutrition"
* #monitorforpressuresores "Monitor for pressure sores"
* #monitorfordysphagia "Monitor for Dysphagia"
* #monitorforself-harm "Monitor for self-harm"
* #monitorforepilepsy "Monitor for epilepsy"
* #reasonableadjustmentforspecificrisksseedetailprovided "Reasonable adjustment for specific risks (see detail provided)"
* #reasonableadjustmentforspecificrisksnodetailprovided "Reasonable adjustment for specific risks (no detail provided)"
* #reasonableadjustmentsforhealthandcareaccess "Reasonable adjustments for health and care access"
* #doeslipread "Does lip read"
* #doesusecommunicationdevice "Does use communication device"
* #doesusehearingaid "Does use hearing aid"
* #preferredmethodofcommunicationwritten "Preferred method of communication: written"
* #"usesa citizenadvocate" "Uses a citizen advocate"
* #"usesa legaladvocate" "Uses a legal advocate"
* #usesalternativecommunicationskill "Uses alternative communication skill"
* #usesbritishsignlanguage "Uses British sign language"
* #usescuedspeechtransliterator "Uses cued speech transliterator"
* #usesdeafblindintervener "Uses deafblind intervener"
* #usesdeafblindmanualalphabet "Uses Deafblind Manual Alphabet"
* #useselectronicnotetaker "Uses electronic note taker"
* #useslipspeaker "Uses lipspeaker"
* #usesmakatonsignlanguage "Uses Makaton sign language"
* #usesmanualnotetaker "Uses manual note taker"
* #usespersonalaudiorecordingdevicetorecordinformation "Uses personal audio recording device to record information"
* #usespersonalcommunicationpassport "Uses Personal Communication Passport"
* #usessignlanguage "Uses sign language"
* #usesspeechtotextreporter "Uses speech to text reporter"
* #usestelecommunicationsdeviceforthedeaf "Uses telecommunications device for the deaf"
* #britishsignlanguageinterpreterneeded "British Sign Language interpreter needed"
* #hands-onsigninginterpreterneeded "Hands-on signing interpreter needed"
* #makatonsignlanguageinterpreterneeded "Makaton Sign Language interpreter needed"
* #needsanadvocate "Needs an advocate"
* #requiresdeafblindblockalphabetinterpreter "Requires deafblind block alphabet interpreter"
* #requiresdeafblindcommunicatorguide "Requires deafblind communicator guide"
* #requiresdeafblindhapticcommunicationinterpreter "Requires deafblind haptic communication interpreter"
* #requiresdeafblindmanualalphabetinterpreter "Requires deafblind manual alphabet interpreter"
* #requireslipspeaker "Requires lipspeaker"
* #requiresmanualnotetaker "Requires manual note taker"
* #requiressightedguide "Requires sighted guide"
* #requiresspeechtotextreporter "Requires speech to text reporter"
* #signsupportedenglishinterpreterneeded "Sign Supported English interpreter needed"
* #visualframesignlanguageinterpreterneeded "Visual frame sign language interpreter needed"
* #requiresaudiblealert "Requires audible alert"
* #requirescontactbyemail "Requires contact by email"
* #requirescontactbyletter "Requires contact by letter"
* #requirescontactbyshortmessageservicetextmessage "Requires contact by short message service text message"
* #requirescontactbytelephone "Requires contact by telephone"
* #requirescontactbytextrelay "Requires contact by text relay"
* #requirescontactviacarer "Requires contact via carer"
* #requirestactilealert "Requires tactile alert"
* #requiresvisualalert "Requires visual alert"
* #requireshealthcareinformationrecordingonpersonalaudiorecordingdevice "Requires healthcare information recording on personal audio recording device"
* #requiresinformationbyemail "Requires information by email"
* #requiresinformationincontractedgrade2braille "Requires information in contracted (Grade 2) Braille"
* #requiresinformationineasyread "Requires information in Easyread"
* #requiresinformationinelectronicaudioformat "Requires information in electronic audio format"
* #requiresinformationinelectronicdownloadableformat "Requires information in electronic downloadable format"
* #requiresinformationinmakaton "Requires information in Makaton"
* #requiresinformationinmoonalphabet "Requires information in Moon alphabet"
* #requiresinformationinuncontractedgrade1braille "Requires information in uncontracted (Grade 1) Braille"
* #requiresinformationonaudiocassettetape "Requires information on audio cassette tape"
* #requiresinformationoncompactdisc "Requires information on compact disc"
* #requiresinformationondigitalversatiledisc "Requires information on digital versatile disc"
* #requiresinformationonuniversalserialbusmassstoragedevice "Requires information on universal serial bus mass storage device"
* #requiresinformationverbally "Requires information verbally"
* #requiresthirdpartytoreadoutwritteninformation "Requires third party to read out written information"
* #requireswritteninformationinatleast20pointsansseriffont "Requires written information in at least 20 point sans serif font"
* #requireswritteninformationinatleast24pointsansseriffont "Requires written information in at least 24 point sans serif font"
* #requireswritteninformationinatleast28pointsansseriffont "Requires written information in at least 28 point sans serif font"

// IG file: CodeSystem/rejected-reasons-bars.xml
CodeSystem: RejectedReasonsBars
Id: rejected-reasons-bars
Title: "Rejected Reasons BARS"
Description: "Why a responder rejected a validation request (Application 4 interim response)."

* ^version = "1.1.0"
* ^status = #active
* ^date = "2024-02-02"
* ^caseSensitive = true
* ^content = #complete
* #RRNA "Requested resource not available within timescale"
* #FC "Failed Contact"
* #OTH "Other"

// IG file: CodeSystem/response-outcome-codes.xml
CodeSystem: ResponseOutcomeCodes
Id: response-outcome-codes
Title: "Response Outcome Codes"
Description: "Local outcomes of a validation response that are not ARP categories, for example the patient was lifted."

* ^version = "1.0.0"
* ^status = #active
* ^date = "2024-08-01"
* ^content = #complete
* #PATLIFT "Patient has been lifted"

// IG file: CodeSystem/safeguarding-codes-bars.xml
CodeSystem: SafeguardingCodesBars
Id: safeguarding-codes-bars
Title: "Safeguarding Codes BARS"
Description: "Safeguarding concerns (SNOMED CT concepts plus an unknown code) for Flags of category SG."

* ^version = "1.0.0"
* ^status = #active
* ^date = "2022-03-11"
* ^caseSensitive = true
* ^content = #complete
* #836881000000105 "Child is cause for safeguarding concern (finding)"
* #U "Unspecified Safeguarding Concern Identified"
* #297591000000108 "Alleged victim of sexual assault (situation)"
* #736792008 "At risk of honor based violence (finding)"
* #401206008 "At risk for deliberate self harm (finding)"
* #702953007 "Suspected victim of child neglect (situation)"
* #702579009 "Suspected victim of sexual abuse (situation)"
* #707087005 "At risk of domestic violence (finding)"
* #881081000000100 "Domestic abuse victim in household (finding)"
* #838481000000106 "At risk of institutional abuse (finding)"
* #697951004 "Suspected victim of emotional abuse (situation)"
* #697950003 "Suspected domestic abuse (situation)"
* #697949003 "Suspected victim of physical abuse (situation)"
* #1054321000000100 "At risk of forced marriage (finding)"
* #766969008 "At risk of radicalization (finding)"
* #415685003 "Suspected alcohol abuse (situation)"
* #761571000000106 "At risk of financial abuse (finding)"
* #449889006 "Delay in seeking medical advice (finding)"
* #300731000000106 "Family is cause for concern (finding)"
* #878111000000109 "Unborn child is cause for safeguarding concern (finding)"
* #861931000000100 "No safeguarding issues identified (finding)"
* #713201008 "At risk of female genital mutilation (finding)"
* #919461000000108 "At risk of sexual exploitation (finding)"
* #700254002 "Suspected victim of child sexual abuse (situation)"
* #700253008 "Suspected victim of sexual grooming (situation)"
* #700255001 "Suspected non-accidental injury to child (situation)"
* #1076171000000100 "Carer behavior is cause for safeguarding concern (situation)"
* #293161000000103 "Family history of alcohol misuse (situation)"
* #416936003 "At risk of physical abuse (finding)"
* #766561000000109 "Adult safeguarding concern (finding)"
* #417361000 "At risk of sexual abuse (finding)"
* #771983008 "At risk of psychological abuse (finding)"
* #771984002 "At risk of emotional abuse (finding)"
* #864491000000105 "Has child subject of child protection plan (situation)"
* #826931000000104 "Frequent attender of accident and emergency department (finding)"
* #417427001 "At risk of discriminatory abuse (finding)"
* #417430008 "Vulnerable adult (finding)"
* #771385008 "Suspected victim of bullying (situation)"
* #104586100000100 "At risk of human trafficking (finding)"
* #129707006 "At risk for other-directed violence (finding)"
* #287351000000105 "Family history of substance misuse (situation)"
* #375041000000100 "Family member subject of child protection plan (situation)"
* #248054003 "Self-neglect (finding)"
* #162596006 "Suspected victim of child abuse (situation)"
* #162591001 "Suspected drug abuse (situation)"
* #777996001 "Alleged being subjected to abuse (situation)"

// IG file: CodeSystem/scene-safety-codes-bars.xml
CodeSystem: SceneSafetyCodesBars
Id: scene-safety-codes-bars
Title: "Scene Safety Codes BARS"
Description: "Whether the scene of an incident is safe for attending staff."

* ^version = "1.0.0"
* ^status = #active
* ^date = "2022-03-22"
* ^caseSensitive = true
* ^content = #complete
* #S "The Scene is safe"
* #U "The Scene is unsafe"
* #UNK "Unknown"

// IG file: CodeSystem/triage-outcome-dx-codes.xml
CodeSystem: PathwaysDxCodes
Id: triage-outcome-pathways-dx-codes
Title: "Triage Outcome Pathways DX Codes"
Description: "NHS Pathways disposition codes; the published list is a sample, so membership is not checked."
* ^url = "https://fhir.nhs.uk/CodeSystem/pathways-dx-codes"

* ^version = "1.0.2"
* ^status = #active
* ^date = "2023-04-13"
* ^content = #complete
* #DX02 "The individual needs to attend an emergency treatment centre within 1 hour."
* #Dx335 "A clinician from our service will call the individual back immediately to assess the problem"
* #Dx0122 "Emergency Ambulance Response (Category 3)"
* #1122334455 "DX Code example"
* #Dx0116 "Emergency Ambulance Response for Major Blood Loss"

// IG file: CodeSystem/triage-outcome-pathways-codes.xml
CodeSystem: PathwaysPathwayCodes
Id: triage-outcome-pathways-pathway-codes
Title: "Triage Outcome Pathways Pathway Codes"
Description: "NHS Pathways pathway codes; the published list is a sample, so membership is not checked."
* ^url = "https://fhir.nhs.uk/CodeSystem/pathways-pathway-codes"

* ^version = "1.0.2"
* ^status = #active
* ^date = "2023-04-13"
* ^content = #complete
* #PA21 "Chest and Upper Back Pain"
* #PMA1 "Calling About Self"

// IG file: CodeSystem/triage-outcome-sd-codes.xml
CodeSystem: PathwaysSdCodes
Id: triage-outcome-pathways-sd-codes
Title: "Triage Outcome Pathways SD Codes"
Description: "NHS Pathways symptom discriminator codes; the published list is a sample, so membership is not checked."
* ^url = "https://fhir.nhs.uk/CodeSystem/pathways-sd-codes"

* ^version = "1.0.2"
* ^status = #active
* ^date = "2023-04-13"
* ^content = #complete
* #4389 "ED post tonsillectomy bleeding"
* #SD4501 "ED Ischaemia, post trauma"
* #SD4033 "AMB new/worsening breathlessness"
* #1122334455 "SD Code example"
* #SD4215 "AMB major blood loss, trauma"

// IG file: CodeSystem/triage-outcome-sg-codes.xml
CodeSystem: PathwaysSgCodes
Id: triage-outcome-pathways-sg-codes
Title: "Triage Outcome Pathways SG Codes"
Description: "NHS Pathways symptom group codes; the published list is a sample, so membership is not checked."
* ^url = "https://fhir.nhs.uk/CodeSystem/pathways-sg-codes"

* ^version = "1.0.2"
* ^status = #active
* ^date = "2023-04-13"
* ^content = #complete
* #1010 "Allergic Reaction"
* #SG1011 "Ankle or Foot Injury, Blunt"
* #SG1137 "Palpitations"
* #1122334455 "SG Code example"
* #SG1193 "Immediate threats to life"

// IG file: CodeSystem/usecases-categories-bars.xml
CodeSystem: UsecasesCategoriesBars
Id: usecases-categories-bars
Title: "Use Cases Categories BARS"
Description: "BaRS use cases: one code per Application and sender/receiver pairing, e.g. a1t1 (111 to ED) and a4t1 (999 to CAS validation)."

* ^version = "1.5.0"
* ^status = #active
* ^date = "2025-06-25"
* ^caseSensitive = true
* ^content = #complete
* #a1t1 "111 to ED"
* #a1t2 "111 to UTC"
* #a1t3 "IUC CAS to ED"
* #a1t4 "IUC CAS to UTC"
* #a1t5 "999 to ED"
* #a1t6 "999 to UTC"
* #a1t7 "111 to SDEC"
* #a1t8 "IUC CAS to SDEC"
* #a1t9 "999 to SDEC"
* #a1t10 "111 to UEC"
* #a1t11 "IUC CAS to UEC"
* #a1t12 "999 to UEC"
* #a2t1 "111 Online to ED"
* #a2t2 "111 Online to UTC"
* #a2t3 "S and R to ED"
* #a2t4 "S and R to UTC"
* #a2t5 "111 Online to UEC"
* #a2t6 "S and R to UEC"
* #a3t1 "999 to CAS Referral"
* #a4t1 "999 to CAS Validation"
* #a4t2 "999 to Falls"
* #a4t3 "999 to Community Services"
* #a4t4 "999 to UEC Validation"
* #a5t1 "Primary Care to Community Pharmacy"
* #a5t2 "Primary Care to Pharmacy Contraception"
* #a5t3 "Primary Care to Pharmacy Blood Pressure Check Service"
* #referraltopharmacy "Primary Care to Pharmacy to Deprecated"
* #a6t1 "CAD to CAD Out of Area Referral"
* #a6t2 "CAD to CAD Call Assist Request"
* #a6t3 "CAD to CAD Mutual Aid Request"
* #a7t1 "Patient Facing Services to Primary Care"
* #a8t1 "AG to e-RS"
* #a8t2 "111 Online to e-RS"
* #a8t3 "nhs.uk to e-RS"

