/** Journey ID (CORE-JID-01/02/04), times (CORE-TIME-*) and meta.lastUpdated (CORE-LU-01/02). */
import type { Issue } from '../../model/issue.js';
import { barsIssue } from '../issues.js';
import { asObject, objects, referenceOf, text } from '../json.js';
import { Location } from '../location.js';
import type { CheckContext } from './context.js';

const DATE_TIME_WITH_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;
/** String elements that hold free text, never a date-time. */
const FREE_TEXT_KEYS = new Set(['div', 'text', 'display', 'valueString', 'comment', 'description', 'name', 'reference']);
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** Allowance for clock skew between sender and receiver. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

export function checkJourneyId(ctx: CheckContext): Issue[] {
  const { message } = ctx;
  const encounters = message.ofType('Encounter');
  const issues: Issue[] = [];
  const journeyIds = new Set<string>();
  for (const encounter of encounters) {
    const episodes = objects(encounter.resource?.episodeOfCare);
    const reference = referenceOf(episodes[0]);
    if (!reference) {
      issues.push(barsIssue('CORE-JID-01', 'Encounter.episodeOfCare.reference (the Journey ID) is missing.', encounter.location.child('episodeOfCare', 0)));
      continue;
    }
    journeyIds.add(reference.replace(/^EpisodeOfCare\//, ''));
    if (GUID.test(reference)) issues.push(barsIssue('CORE-JID-02', 'The Journey ID is a bare GUID; write it as EpisodeOfCare/<uuid>.', encounter.location.child('episodeOfCare', 0).child('reference')));
  }
  if (journeyIds.size > 1) issues.push(barsIssue('CORE-JID-04', `The Encounters carry ${journeyIds.size} different Journey IDs; one is expected.`, encounters[1].location.child('episodeOfCare', 0)));
  return issues;
}

export function checkTimes(ctx: CheckContext): Issue[] {
  const { message } = ctx;
  const bundle = message.bundle;
  if (!bundle) return [];
  const issues: Issue[] = [];
  for (const { value, key, location } of message.scan().timeLike) {
    // The scan keeps strings with a 'T' at index 10 and at least 16 characters: most strings stop there.
    if (FREE_TEXT_KEYS.has(key) || !DATE_TIME_WITH_TIME.test(value)) continue;
    const offset = /(Z|[+-]\d{2}:\d{2})$/.exec(value)?.[1];
    if (!offset) {
      issues.push(barsIssue('CORE-TIME-01', `${value} has a time but no time-zone offset.`, location));
      continue;
    }
    const fraction = /\.(\d+)/.exec(value)?.[1];
    if (fraction && fraction.length > 7) issues.push(barsIssue('CORE-TIME-02', `${value} has more than 7 fractional-second digits.`, location));
    if (offset !== 'Z' && offset !== '+00:00' && offset !== '-00:00') issues.push(barsIssue('CORE-TIME-03', `${value} is not in UTC (offset ${offset}); receivers normalise it.`, location));
  }
  const limit = ctx.now.getTime() + CLOCK_SKEW_MS;
  const future = (value: unknown, location: Location): void => {
    const t = typeof value === 'string' ? Date.parse(value) : NaN;
    if (!Number.isNaN(t) && t > limit) issues.push(barsIssue('CORE-TIME-04', `${String(value)} lies in the future.`, location));
  };
  future(bundle.timestamp, Location.root().child('timestamp'));
  future(asObject(bundle.meta)?.lastUpdated, Location.root().child('meta').child('lastUpdated'));
  for (const entry of message.entries) future(asObject(entry.resource?.meta)?.lastUpdated, entry.location.child('meta').child('lastUpdated'));
  return issues;
}

export function checkLastUpdated(ctx: CheckContext): Issue[] {
  const { message } = ctx;
  const issues: Issue[] = [];
  const values = new Set<string>();
  for (const entry of message.entries) {
    if (!entry.resource) continue;
    const lastUpdated = text(asObject(entry.resource.meta)?.lastUpdated);
    if (!lastUpdated) issues.push(barsIssue('CORE-LU-01', `${entry.resourceType ?? 'Resource'}.meta.lastUpdated is missing.`, entry.location.child('meta').child('lastUpdated')));
    else values.add(lastUpdated);
  }
  if (message.reason === 'new' && values.size > 1) {
    issues.push(barsIssue('CORE-LU-02', `A new message should give every resource the same lastUpdated; found ${values.size} values.`, 'Bundle.entry'));
  }
  return issues;
}
