/**
 * MessageDefinition selection and conformance (CORE-MD-*): `MessageHeader.definition` picks a
 * MessageDefinition by canonical (version-aware) from the DefinitionSet; its focus list fixes
 * which resource types may appear and how many of each.
 */
import type { Issue } from '../../model/issue.js';
import type { ConformanceResource, DefinitionSet } from '../../defs/types.js';
import { barsIssue, outcomeOf } from '../issues.js';
import { asObject, codesOf, hasCoding, objects, profilesOf, str, type JsonObject } from '../json.js';
import type { MessageEntry } from '../message.js';
import { majorOf } from '../support.js';
import type { CheckContext } from './context.js';
import { checkUseCaseCode } from './service-request.js';

export interface MessageDefinitionFocus {
  code: string;
  profile?: string;
  min: number;
  /** undefined = unbounded (`*`). */
  max?: number;
}

export interface MessageDefinitionMatch {
  resource: ConformanceResource;
  url: string;
  version?: string;
  event?: string;
  focus: MessageDefinitionFocus[];
}

function focusOf(md: ConformanceResource): MessageDefinitionFocus[] {
  return objects(md.focus)
    .map((f) => {
      const max = str(f.max);
      return {
        code: str(f.code) ?? '',
        profile: str(f.profile),
        min: typeof f.min === 'number' ? f.min : 0,
        max: max === undefined || max === '*' ? undefined : Number(max),
      };
    })
    .filter((f) => f.code !== '' && f.code !== 'Bundle'); // the Bundle row is the container itself
}

/**
 * Picks the MessageDefinition for a canonical. With `|version` only that version; without, the
 * version whose MAJOR equals the message's Application version (Bundle.meta.versionId), else the latest.
 */
export function selectMessageDefinition(
  definitions: DefinitionSet | undefined,
  canonical: string | undefined,
  applicationVersion: string | undefined,
): MessageDefinitionMatch | undefined {
  if (!definitions || !canonical) return undefined;
  let md: ConformanceResource | undefined;
  if (canonical.includes('|')) {
    md = definitions.resolve(canonical, 'MessageDefinition');
  } else {
    const wantedMajor = majorOf(applicationVersion);
    const sameUrl = definitions.all('MessageDefinition').filter((r) => r.url === canonical);
    md = sameUrl.find((r) => wantedMajor !== undefined && majorOf(r.version) === wantedMajor) ?? definitions.resolve(canonical, 'MessageDefinition');
  }
  if (!md || !md.url) return undefined;
  const event = asObject(md.eventCoding);
  return { resource: md, url: md.url, version: md.version, event: str(event?.code), focus: focusOf(md) };
}

const SCENE_SAFETY_PROFILE = 'https://fhir.nhs.uk/StructureDefinition/BARSFlag-scene-safety';
const INCIDENT_LOCATION_PROFILE = 'https://fhir.hl7.org.uk/StructureDefinition/BARSLocation-incident-location';

/** Content test for the typed variants a MessageDefinition lists twice (CORE-MD-03). */
function looksLikeVariant(profile: string, resource: JsonObject | undefined): boolean {
  if (profile === SCENE_SAFETY_PROFILE) return hasCoding(resource?.category, 'https://fhir.nhs.uk/CodeSystem/flag-categories-bars', 'SS');
  if (profile === INCIDENT_LOCATION_PROFILE) return codesOf(resource?.type, 'https://fhir.nhs.uk/CodeSystem/location-types-bars').includes('ILOC');
  return false;
}

/** Assigns each entry of a type listed several times to one focus row: by meta.profile, else by content. */
export function classify(rows: MessageDefinitionFocus[], entry: MessageEntry): MessageDefinitionFocus {
  if (rows.length === 1) return rows[0];
  const profiles = profilesOf(entry.resource);
  const byProfile = rows.find((r) => r.profile !== undefined && profiles.includes(r.profile));
  if (byProfile) return byProfile;
  const byContent = rows.find((r) => r.profile !== undefined && looksLikeVariant(r.profile, entry.resource));
  if (byContent) return byContent;
  const specialised = new Set([SCENE_SAFETY_PROFILE, INCIDENT_LOCATION_PROFILE]);
  return rows.find((r) => !r.profile || !specialised.has(r.profile)) ?? rows[0];
}

/** Canonicals of the MessageDefinitions the receiver publishes for an event (for fix hints). */
export function publishedFor(ctx: CheckContext, event: string | undefined): string[] {
  if (!ctx.definitions || !event) return [];
  const urls = ctx.definitions.all('MessageDefinition').filter((r) => str(asObject(r.eventCoding)?.code) === event && r.url).map((r) => r.url as string);
  return [...new Set(urls)].sort();
}

export function checkMessageDefinition(ctx: CheckContext): Issue[] {
  const { message } = ctx;
  if (!message.header || !message.definition) return []; // CORE-MH-13 reports a missing definition
  const md = ctx.messageDefinition;
  const definitionLocation = message.header.location.child('definition');
  if (!md) {
    const published = publishedFor(ctx, message.event);
    const hint = published.length > 0 ? ` For event ${message.event} it publishes: ${published.join(', ')}.` : '';
    return [barsIssue('CORE-MD-01', `MessageHeader.definition ${message.definition} is not a MessageDefinition this receiver publishes.${hint}`, definitionLocation)];
  }
  const issues: Issue[] = [];
  if (md.event && message.event && md.event !== message.event) {
    issues.push(
      barsIssue('CORE-MD-01', `The MessageDefinition is for event ${md.event} but the MessageHeader event is ${message.event}.`, definitionLocation, {
        outcome: outcomeOf('CORE-MD-01', 400),
      }),
    );
  }
  const versionId = str(asObject(message.bundle?.meta)?.versionId);
  const mdMajor = majorOf(md.version);
  const appMajor = majorOf(versionId);
  if (versionId && mdMajor !== undefined && appMajor !== undefined && mdMajor !== appMajor) {
    issues.push(
      barsIssue('CORE-MD-06', `MessageDefinition version ${md.version} and Bundle.meta.versionId ${versionId} differ in MAJOR version.`, definitionLocation),
    );
  }

  const rowsByType = new Map<string, MessageDefinitionFocus[]>();
  for (const row of md.focus) rowsByType.set(row.code, [...(rowsByType.get(row.code) ?? []), row]);
  const counts = new Map<MessageDefinitionFocus, number>(md.focus.map((r) => [r, 0]));
  const unlisted = new Map<string, MessageEntry>();
  for (const entry of message.entries) {
    if (!entry.resourceType) continue;
    const rows = rowsByType.get(entry.resourceType);
    if (!rows) {
      if (!unlisted.has(entry.resourceType)) unlisted.set(entry.resourceType, entry);
      continue;
    }
    const row = classify(rows, entry);
    counts.set(row, (counts.get(row) ?? 0) + 1);
  }
  for (const [row, count] of counts) {
    const label = row.profile ? `${row.code} (${row.profile})` : row.code;
    const range = `${row.min}..${row.max ?? '*'}`;
    if (count < row.min) {
      const missing = row.min - count;
      const declaring = row.profile ? ` declaring meta.profile ${row.profile}` : '';
      issues.push(barsIssue('CORE-MD-02', `The message has ${count} ${label}; its MessageDefinition requires ${range}: add ${missing} ${row.code} entr${missing === 1 ? 'y' : 'ies'}${declaring}.`, 'Bundle.entry', { code: 'required' }));
    } else if (row.max !== undefined && count > row.max) {
      issues.push(barsIssue('CORE-MD-02', `The message has ${count} ${label}; its MessageDefinition allows ${range}: send at most ${row.max}.`, 'Bundle.entry', { code: 'invariant' }));
    }
  }
  for (const [type, entry] of unlisted) {
    const listed = [...rowsByType.keys()].filter((t) => t !== 'MessageHeader').join(', ');
    issues.push(barsIssue('CORE-MD-04', `${type} is not listed in the MessageDefinition ${md.url} (it lists ${listed}).`, entry.location));
  }
  return issues;
}

/**
 * Use case and Application support (CORE-MD-05, APP-111ED-01, APP-999CAS-01): the use case must
 * belong to an Application this receiver supports and be one of its configured use cases.
 */
export function checkUseCaseSupport(ctx: CheckContext): Issue[] {
  const { message } = ctx;
  const useCase = message.useCase;
  if (!useCase) return []; // missing use case: CORE-SR-05 / CORE-APPT-04
  if (checkUseCaseCode(useCase)) return []; // not a valid code at all: CORE-SR-06 / CORE-APPT-04 (400, not 422)
  const location = message.serviceRequest?.location.child('category', 0) ?? message.appointment?.location.child('serviceCategory', 0);
  const application = ctx.application;
  const support = application ? ctx.support.applications[application] : undefined;
  if (!application || !support) {
    return [barsIssue('CORE-MD-05', `Use case ${useCase} belongs to no Application this receiver supports.`, location)];
  }
  if (!support.useCases.includes(useCase)) {
    const ruleId = application === '111-ed' ? 'APP-111ED-01' : 'APP-999CAS-01';
    return [barsIssue(ruleId, `Use case ${useCase} is not one this receiver supports (${support.useCases.join(', ')}).`, location, { outcome: outcomeOf(ruleId, 422) })];
  }
  return [];
}
