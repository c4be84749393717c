/**
 * Message-driven profile selection: which profiles the profile engine should apply to a BaRS
 * message. The Bundle gets BARSBundleMessage plus the Application's Bundle profile (whose FSH
 * invariants carry the APP-* rules); each entry gets the profile its MessageDefinition focus row
 * names (rows of one type told apart as CORE-MD-03 says).
 */
import { classify, type MessageDefinitionFocus, type MessageDefinitionMatch } from './checks/message-definition.js';
import type { ApplicationId, MessageView } from './message.js';

const SD = 'https://fhir.nhs.uk/StructureDefinition/';

export const BUNDLE_MESSAGE_PROFILE = `${SD}BARSBundleMessage`;

/** Application Bundle profiles generated from fsh/ (app1-111-ed.fsh, app4-999-cas.fsh). */
export const APPLICATION_BUNDLE_PROFILES: Readonly<Record<ApplicationId, string>> = Object.freeze({
  '111-ed': `${SD}BARSBundleMessage-application1`,
  '999-cas': `${SD}BARSBundleMessage-application4`,
});

export interface ProfileSelection {
  bundle: string[];
  /** Per entry (by index in Bundle.entry) the MessageDefinition's profile for it, when it names one. */
  entries: Array<{ index: number; resourceType: string; profile: string }>;
}

export function selectProfiles(message: MessageView, messageDefinition: MessageDefinitionMatch | undefined, application: ApplicationId | undefined): ProfileSelection {
  const bundle = [BUNDLE_MESSAGE_PROFILE, ...(application ? [APPLICATION_BUNDLE_PROFILES[application]] : [])];
  const entries: ProfileSelection['entries'] = [];
  if (!messageDefinition) return { bundle, entries };
  const rowsByType = new Map<string, MessageDefinitionFocus[]>();
  for (const row of messageDefinition.focus) rowsByType.set(row.code, [...(rowsByType.get(row.code) ?? []), row]);
  for (const entry of message.entries) {
    const rows = entry.resourceType ? rowsByType.get(entry.resourceType) : undefined;
    if (!rows || !entry.resourceType) continue;
    const profile = classify(rows, entry).profile;
    if (profile) entries.push({ index: entry.index, resourceType: entry.resourceType, profile });
  }
  return { bundle, entries };
}
