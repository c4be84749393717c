/**
 * Plugs the profile engine into the receiver: the Bundle is validated against BARSBundleMessage
 * and the Application's Bundle profile (whose entry slices and FSH invariants carry the APP-*
 * rules); each entry's own meta.profile is applied by the engine as usual. The engine's generic
 * "reference not in the Bundle" findings are dropped where BaRS points outside the message on
 * purpose (CORE-REF-02 allow-list, CORE-JID-03): the BaRS reference check reports the rest.
 * Two forms the spec accepts with a warning of its own are not engine errors either: the guide
 * tables' spelling of the CDSS sub-extension urls (CORE-MH-14) and a bare-GUID Journey ID (CORE-JID-02).
 */
import type { Issue } from '../model/issue.js';

/** Elements whose references may name resources held outside the message. */
const EXTERNAL_REFERENCE_LOCATIONS = [/\.resource\.episodeOfCare\[\d+\]$/, /\.resource\.supportingInfo\[\d+\]$/, /\.resource\.basedOn\[\d+\]$/];

function isAllowedExternalReference(issue: Issue): boolean {
  return issue.ruleId === 'reference-unresolved' && issue.severity !== 'error' && issue.severity !== 'fatal' && EXTERNAL_REFERENCE_LOCATIONS.some((re) => re.test(issue.location ?? ''));
}

const CDSS_GUIDE_SPELLING = /^Sub-extension url '(requestercdsssoftware|requestercdssversion)' is not defined by the Extension https:\/\/fhir\.nhs\.uk\/StructureDefinition\/CDSSExtension\b/i;
const BARE_GUID_REFERENCE = /^The reference '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}' is not a valid reference/i;

/** CDSS sub-extension urls spelled as in the guide tables: CORE-MH-14 accepts them with a warning. */
function isCdssGuideSpelling(issue: Issue): boolean {
  return issue.ruleId === 'extension-sub-unknown' && CDSS_GUIDE_SPELLING.test(issue.message);
}

/** A Journey ID given as a bare GUID: CORE-JID-02 accepts it with a warning. */
function isBareGuidJourneyId(issue: Issue): boolean {
  return issue.ruleId === 'reference-format' && /\.resource\.episodeOfCare\[\d+\]$/.test(issue.location ?? '') && BARE_GUID_REFERENCE.test(issue.message);
}

/** The engine's findings on a BaRS message, without those BaRS reports in its own terms. */
export function filterEngineIssues(issues: Issue[]): Issue[] {
  return issues.filter((issue) => !isAllowedExternalReference(issue) && !isCdssGuideSpelling(issue) && !isBareGuidJourneyId(issue));
}
