/**
 * What the validator does without UK Core: BaRS profiles whose parents are UK Core profiles are
 * checked over the R4 base of the same type, and references to UK Core profiles and extensions
 * cannot be followed. Pure (no Node imports): the browser core uses it too.
 */
import type { StructureDefinition } from 'fhir/r4.js';
import type { Issue } from '../model/issue.js';
import type { ConformanceResource, DefinitionSet } from './types.js';

/** UK Core's canonical base (profiles, extensions, value sets). */
export const UK_CORE_CANONICAL_BASE = 'https://fhir.hl7.org.uk/';
const UK_CORE_PROFILE_PROBE = 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient';
export const UK_CORE_NOT_CHECKED_RULE = 'ukcore-not-checked';

export function isUkCoreCanonical(url: string): boolean {
  return url.startsWith(UK_CORE_CANONICAL_BASE);
}

/** Whether UK Core's profiles are among the definitions (its Patient profile stands for the package). */
export function hasUkCore(defs: DefinitionSet): boolean {
  return defs.resolve(UK_CORE_PROFILE_PROBE, 'StructureDefinition') !== undefined;
}

/** A snapshot `substituteBase` hook: the R4 core definition of the profile's type for a missing UK Core parent. */
export function r4BaseForMissingUkCore(defs: DefinitionSet): (baseUrl: string, sd: StructureDefinition) => StructureDefinition | undefined {
  return (baseUrl, sd) => {
    if (!isUkCoreCanonical(baseUrl) || typeof sd.type !== 'string') return undefined;
    const base = defs.typeDefinition(sd.type) as (ConformanceResource & { derivation?: string }) | undefined;
    return base ? (base as unknown as StructureDefinition) : undefined;
  };
}

/** Whether a profile, through its chain of bases, derives from a UK Core profile that is not loaded. */
export function restsOnMissingUkCore(defs: DefinitionSet, profile: string): boolean {
  let current: string | undefined = profile.split('|')[0];
  for (let depth = 0; current && depth < 30; depth++) {
    const sd: (ConformanceResource & { baseDefinition?: string }) | undefined = defs.resolve(current, 'StructureDefinition');
    if (!sd) return isUkCoreCanonical(current);
    current = typeof sd.baseDefinition === 'string' ? sd.baseDefinition.split('|')[0] : undefined;
  }
  return false;
}

/** An issue that only says a UK Core profile or extension named by the instance could not be found. */
function isMissingUkCoreReference(issue: Issue): boolean {
  if (issue.ruleId !== 'profile-unknown' && issue.ruleId !== 'extension-unknown') return false;
  const url = /(https:\/\/fhir\.hl7\.org\.uk\/\S+?)'?(?:\s|$)/.exec(issue.message)?.[1];
  return url !== undefined && isUkCoreCanonical(url);
}

/**
 * Folds what UK Core's absence causes into one information issue: references to UK Core profiles
 * and extensions that could not be followed, and profiles checked over an R4 base instead of their
 * UK Core parent. Issues are returned unchanged when neither happened.
 */
export function foldMissingUkCore(issues: Issue[], substitutedProfiles: readonly string[]): Issue[] {
  const kept = issues.filter((issue) => !isMissingUkCoreReference(issue));
  const unfollowed = issues.length - kept.length;
  if (unfollowed === 0 && substitutedProfiles.length === 0) return issues;
  const parts: string[] = [];
  if (substitutedProfiles.length > 0) parts.push(`${substitutedProfiles.length} profile(s) based on UK Core were checked over the R4 base of the same type (${substitutedProfiles.map((p) => p.slice(p.lastIndexOf('/') + 1)).join(', ')})`);
  if (unfollowed > 0) parts.push(`${unfollowed} reference(s) to UK Core profiles or extensions could not be followed`);
  return [
    ...kept,
    {
      severity: 'information', code: 'informational', ruleId: UK_CORE_NOT_CHECKED_RULE,
      message: `UK Core is not loaded, so UK Core constraints were not checked: ${parts.join('; ')}. Load UK Core (../shared or \`npm run fhir:packages\`) to check them.`,
    },
  ];
}
