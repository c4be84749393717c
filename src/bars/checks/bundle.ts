/**
 * Bundle structure (CORE-BUNDLE-01…15) and the Application version in Bundle.meta.versionId
 * (CORE-BUNDLE-05/06).
 */
import type { Issue } from '../../model/issue.js';
import { barsIssue } from '../issues.js';
import { asArray, asObject, isObject, profilesOf, str, text } from '../json.js';
import { Location } from '../location.js';
import { versionAccepted } from '../support.js';
import type { CheckContext } from './context.js';
import { isUuid } from './headers.js';

const BUNDLE_PROFILE = 'https://fhir.nhs.uk/StructureDefinition/BARSBundleMessage';
/** FHIR instant with a mandatory offset. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function isInstant(value: string): boolean {
  return INSTANT.test(value);
}

export function checkBundleStructure(ctx: CheckContext): Issue[] {
  const { message } = ctx;
  const bundle = message.bundle;
  const root = Location.root();
  if (!bundle || bundle.resourceType !== 'Bundle') {
    return [barsIssue('CORE-BUNDLE-01', 'The body is not a FHIR Bundle resource.', root)];
  }
  const issues: Issue[] = [];
  if (bundle.type !== 'message') issues.push(barsIssue('CORE-BUNDLE-02', `Bundle.type is ${String(bundle.type ?? 'absent')}; it must be message.`, root.child('type')));
  if (!text(bundle.id)) issues.push(barsIssue('CORE-BUNDLE-03', 'Bundle.id is missing.', root.child('id')));
  const meta = asObject(bundle.meta);
  if (!profilesOf(bundle).includes(BUNDLE_PROFILE)) {
    issues.push(barsIssue('CORE-BUNDLE-04', `Bundle.meta.profile does not name ${BUNDLE_PROFILE}.`, root.child('meta').child('profile')));
  }
  if (!text(meta?.lastUpdated)) issues.push(barsIssue('CORE-BUNDLE-07', 'Bundle.meta.lastUpdated is missing.', root.child('meta').child('lastUpdated')));
  const timestamp = bundle.timestamp;
  if (timestamp === undefined) issues.push(barsIssue('CORE-BUNDLE-08', 'Bundle.timestamp is missing.', root.child('timestamp')));
  else if (typeof timestamp !== 'string' || !isInstant(timestamp)) {
    issues.push(barsIssue('CORE-BUNDLE-08', 'Bundle.timestamp is not an instant with a time-zone offset.', root.child('timestamp'), { code: 'value' }));
  }

  const rawEntries = asArray(bundle.entry);
  if (message.entries.length === 0 || !message.header) {
    issues.push(barsIssue('CORE-BUNDLE-09', 'The first entry of a message Bundle must be a MessageHeader.', root.child('entry', 0)));
  }
  const headers = message.ofType('MessageHeader');
  if (headers.length > 1) issues.push(barsIssue('CORE-BUNDLE-10', `The Bundle holds ${headers.length} MessageHeaders; exactly one is allowed.`, headers[1].location));
  if (bundle.total !== undefined) issues.push(barsIssue('CORE-BUNDLE-14', 'A message Bundle must not have total.', root.child('total')));

  const seen = new Map<string, number>();
  rawEntries.forEach((raw, index) => {
    const entryLocation = root.child('entry', index);
    if (!isObject(raw)) {
      issues.push(barsIssue('CORE-BUNDLE-14', 'A Bundle entry is not an object.', entryLocation));
      return;
    }
    const fullUrl = text(raw.fullUrl);
    if (!fullUrl) issues.push(barsIssue('CORE-BUNDLE-11', 'The entry has no fullUrl.', entryLocation.child('fullUrl')));
    else {
      const uuid = /^urn:uuid:(.*)$/.exec(fullUrl)?.[1];
      if (uuid === undefined || !isUuid(uuid)) {
        issues.push(barsIssue('CORE-BUNDLE-12', `fullUrl ${fullUrl} is not a urn:uuid with an RFC 4122 UUID.`, entryLocation.child('fullUrl')));
      }
      const prior = seen.get(fullUrl);
      if (prior !== undefined) issues.push(barsIssue('CORE-BUNDLE-13', `fullUrl ${fullUrl} is also used by entry ${prior}.`, entryLocation.child('fullUrl')));
      else seen.set(fullUrl, index);
      const id = str(asObject(raw.resource)?.id);
      if (uuid !== undefined && id !== undefined && id !== uuid) {
        issues.push(barsIssue('CORE-BUNDLE-15', `fullUrl ${fullUrl} and resource id ${id} disagree.`, entryLocation.child('resource').child('id')));
      }
    }
    if (!isObject(raw.resource)) issues.push(barsIssue('CORE-BUNDLE-14', 'The entry has no resource.', entryLocation.child('resource')));
    for (const forbidden of ['request', 'response', 'search']) {
      if (raw[forbidden] !== undefined) issues.push(barsIssue('CORE-BUNDLE-14', `A message Bundle entry must not have ${forbidden}.`, entryLocation.child(forbidden)));
    }
  });
  return issues;
}

/** CORE-BUNDLE-05 (present: 400) and CORE-BUNDLE-06 (supported by this receiver for the Application: 422). */
export function checkApplicationVersion(ctx: CheckContext): Issue[] {
  const bundle = ctx.message.bundle;
  if (!bundle || bundle.resourceType !== 'Bundle') return [];
  const location = Location.root().child('meta').child('versionId');
  const versionId = text(asObject(bundle.meta)?.versionId);
  if (!versionId) return [barsIssue('CORE-BUNDLE-05', 'Bundle.meta.versionId (the Application version) is missing.', location)];
  const support = ctx.application ? ctx.support.applications[ctx.application] : undefined;
  if (!support) return []; // Application not supported at all: CORE-MD-05
  if (!support.versions.some((pattern) => versionAccepted(versionId, pattern))) {
    return [barsIssue('CORE-BUNDLE-06', `Application version ${versionId} is not supported (accepted: ${support.versions.join(', ')}).`, location)];
  }
  return [];
}
