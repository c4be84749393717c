// One ValueSet per BaRS CodeSystem, holding all of its codes, for the elements the profiles bind to it.

ValueSet: MessageEventsBarsVS
Id: message-events-bars
Title: "Message Events BARS"
Description: "All codes of the Message Events BARS CodeSystem."
* ^status = #active
* include codes from system MessageEventsBars

ValueSet: MessageReasonBarsVS
Id: message-reason-bars
Title: "Message Reason BARS"
Description: "All codes of the Message Reason BARS CodeSystem."
* ^status = #active
* include codes from system MessageReasonBars

ValueSet: AgencyTypesBarsVS
Id: agency-types-bars
Title: "Agency Types BARS"
Description: "All codes of the Agency Types BARS CodeSystem."
* ^status = #active
* include codes from system AgencyTypesBars

ValueSet: AmpdsDispatchCodesVS
Id: ampds-dispatch-codes
Title: "AMPDS Dispatch Codes"
Description: "All codes of the AMPDS Dispatch Codes CodeSystem."
* ^status = #active
* include codes from system AmpdsDispatchCodes

ValueSet: ArpPriorityCodesVS
Id: arp-priority-codes
Title: "ARP Priority Codes"
Description: "All codes of the ARP Priority Codes CodeSystem."
* ^status = #active
* include codes from system ArpPriorityCodes

ValueSet: BarsBrokerPriorityStatusVS
Id: bars-broker-priority-status
Title: "BARS Broker Priority Status"
Description: "All codes of the BARS Broker Priority Status CodeSystem."
* ^status = #active
* include codes from system BarsBrokerPriorityStatus

ValueSet: BarsBrokerReferralLetterStatusVS
Id: bars-broker-referral-letter-status
Title: "BARS Broker Referral Letter Status"
Description: "All codes of the BARS Broker Referral Letter Status CodeSystem."
* ^status = #active
* include codes from system BarsBrokerReferralLetterStatus

ValueSet: ConsentCategoriesBarsVS
Id: consent-categories-bars
Title: "Consent Categories BARS"
Description: "All codes of the Consent Categories BARS CodeSystem."
* ^status = #active
* include codes from system ConsentCategoriesBars

ValueSet: DosRejectedReasonsBarsVS
Id: dos-rejected-reasons-bars
Title: "DOS Rejected Reasons BARS"
Description: "All codes of the DOS Rejected Reasons BARS CodeSystem."
* ^status = #active
* include codes from system DosRejectedReasonsBars

ValueSet: FlagCategoriesBarsVS
Id: flag-categories-bars
Title: "Flag Categories BARS"
Description: "All codes of the Flag Categories BARS CodeSystem."
* ^status = #active
* include codes from system FlagCategoriesBars

ValueSet: HouseholdCompositionBarsVS
Id: household-composition-bars
Title: "Household Composition BARS"
Description: "All codes of the Household Composition BARS CodeSystem."
* ^status = #active
* include codes from system HouseholdCompositionBars

ValueSet: LocationTypesBarsVS
Id: location-types-bars
Title: "Location Types BARS"
Description: "All codes of the Location Types BARS CodeSystem."
* ^status = #active
* include codes from system LocationTypesBars

ValueSet: ReasonableAdjustmentCodesBarsVS
Id: reasonable-adjustment-codes-bars
Title: "Reasonable Adjustment Codes BARS"
Description: "All codes of the Reasonable Adjustment Codes BARS CodeSystem."
* ^status = #active
* include codes from system ReasonableAdjustmentCodesBars

ValueSet: RejectedReasonsBarsVS
Id: rejected-reasons-bars
Title: "Rejected Reasons BARS"
Description: "All codes of the Rejected Reasons BARS CodeSystem."
* ^status = #active
* include codes from system RejectedReasonsBars

ValueSet: ResponseOutcomeCodesVS
Id: response-outcome-codes
Title: "Response Outcome Codes"
Description: "All codes of the Response Outcome Codes CodeSystem."
* ^status = #active
* include codes from system ResponseOutcomeCodes

ValueSet: SafeguardingCodesBarsVS
Id: safeguarding-codes-bars
Title: "Safeguarding Codes BARS"
Description: "All codes of the Safeguarding Codes BARS CodeSystem."
* ^status = #active
* include codes from system SafeguardingCodesBars

ValueSet: SceneSafetyCodesBarsVS
Id: scene-safety-codes-bars
Title: "Scene Safety Codes BARS"
Description: "All codes of the Scene Safety Codes BARS CodeSystem."
* ^status = #active
* include codes from system SceneSafetyCodesBars

ValueSet: PathwaysDxCodesVS
Id: pathways-dx-codes
Title: "Triage Outcome Pathways DX Codes"
Description: "All codes of the Triage Outcome Pathways DX Codes CodeSystem."
* ^status = #active
* include codes from system PathwaysDxCodes

ValueSet: PathwaysPathwayCodesVS
Id: pathways-pathway-codes
Title: "Triage Outcome Pathways Pathway Codes"
Description: "All codes of the Triage Outcome Pathways Pathway Codes CodeSystem."
* ^status = #active
* include codes from system PathwaysPathwayCodes

ValueSet: PathwaysSdCodesVS
Id: pathways-sd-codes
Title: "Triage Outcome Pathways SD Codes"
Description: "All codes of the Triage Outcome Pathways SD Codes CodeSystem."
* ^status = #active
* include codes from system PathwaysSdCodes

ValueSet: PathwaysSgCodesVS
Id: pathways-sg-codes
Title: "Triage Outcome Pathways SG Codes"
Description: "All codes of the Triage Outcome Pathways SG Codes CodeSystem."
* ^status = #active
* include codes from system PathwaysSgCodes

ValueSet: UsecasesCategoriesBarsVS
Id: usecases-categories-bars
Title: "Use Cases Categories BARS"
Description: "All codes of the Use Cases Categories BARS CodeSystem."
* ^status = #active
* include codes from system UsecasesCategoriesBars

ValueSet: HttpErrorCodesVS
Id: http-error-codes
Title: "BaRS HTTP Error Codes"
Description: "All codes of the BaRS HTTP Error Codes CodeSystem."
* ^status = #active
* include codes from system HttpErrorCodes
