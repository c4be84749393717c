/**
 * HTTP header rules (CORE-HDR-*): request ids, the target identifier against the MessageHeader,
 * the identity headers (warning when absent, error when malformed), Accept version and body type.
 * `use-context` is never read: receivers must not reject on it.
 */
import type { Issue } from '../../model/issue.js';
import { barsIssue } from '../issues.js';
import { asObject, objects, str, text, type JsonObject } from '../json.js';
import type { CheckContext } from './context.js';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Decodes standard Base64 to a JSON object; undefined when any step fails. */
export function decodeBase64Json(value: string): { json?: JsonObject; error?: string } {
  const compact = value.trim();
  if (compact === '' || !BASE64.test(compact)) return { error: 'is not standard Base64' };
  let decoded: string;
  try {
    const bytes = Uint8Array.from(atob(compact), (c) => c.charCodeAt(0));
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { error: 'does not decode to UTF-8 text' };
  }
  try {
    const parsed: unknown = JSON.parse(decoded);
    const json = asObject(parsed);
    return json ? { json } : { error: 'does not decode to a JSON object' };
  } catch {
    return { error: 'does not decode to JSON' };
  }
}

function requestIdHeader(ctx: CheckContext, name: string, presentRule: string, formatRule: string): Issue[] {
  const value = ctx.headers.get(name.toLowerCase());
  if (value === undefined || value.trim() === '') return [barsIssue(presentRule, `The ${name} header is missing.`, name)];
  if (!isUuid(value.trim())) return [barsIssue(formatRule, `The ${name} header is not a UUID (8-4-4-4-12 hex).`, name)];
  return [];
}

function targetIdentifier(ctx: CheckContext): Issue[] {
  const name = 'NHSD-Target-Identifier';
  const raw = ctx.headers.get(name.toLowerCase());
  if (raw === undefined) return []; // absent is the proxy's concern (CORE-HDR-05, sender-side)
  const { json, error } = decodeBase64Json(raw);
  if (!json) return [barsIssue('CORE-HDR-06', `The ${name} header ${error}.`, name)];
  const system = text(json.system);
  const value = text(json.value);
  if (!system || !value) return [barsIssue('CORE-HDR-07', `The decoded ${name} needs non-empty string properties system and value.`, name)];
  const endpoint = str(asObject(asObject(ctx.message.header?.resource)?.destination)?.endpoint) ??
    str(objects(ctx.message.header?.resource?.destination)[0]?.endpoint);
  if (endpoint !== undefined && endpoint !== `${system}|${value}`) {
    return [
      barsIssue(
        'CORE-HDR-08',
        `The ${name} (${system}|${value}) does not match MessageHeader.destination.endpoint (${endpoint}).`,
        ctx.message.header ? ctx.message.header.location.child('destination', 0).child('endpoint') : name,
      ),
    ];
  }
  return [];
}

/** An identity header: absent → warning (when `warnIfAbsent`), malformed → error. */
function identityHeader(
  ctx: CheckContext,
  name: string,
  ruleId: string,
  resourceType: string,
  warnIfAbsent: boolean,
  validate: (json: JsonObject) => string | undefined,
): Issue[] {
  const raw = ctx.headers.get(name.toLowerCase());
  if (raw === undefined || raw.trim() === '') {
    return warnIfAbsent ? [barsIssue(ruleId, `The ${name} header is absent (optional in the IG, required by the OpenAPI).`, name, { warning: true })] : [];
  }
  const { json, error } = decodeBase64Json(raw);
  if (!json) return [barsIssue(ruleId, `The ${name} header ${error}.`, name)];
  if (json.resourceType !== resourceType) return [barsIssue(ruleId, `The decoded ${name} is not a ${resourceType}.`, name)];
  const problem = validate(json);
  return problem ? [barsIssue(ruleId, `The decoded ${name} ${problem}.`, name)] : [];
}

const hasIdentifierSystem = (json: JsonObject, system: string): boolean =>
  objects(json.identifier).some((i) => i.system === system && text(i.value) !== undefined);

function endUserOrganisation(ctx: CheckContext): Issue[] {
  return identityHeader(ctx, 'NHSD-End-User-Organisation', 'CORE-HDR-09', 'Organization', true, (json) => {
    if (!hasIdentifierSystem(json, 'https://fhir.nhs.uk/Id/ods-organization-code')) return 'has no ODS organisation code identifier';
    if (!text(json.name)) return 'has no name';
    return undefined;
  });
}

function requestingPractitioner(ctx: CheckContext): Issue[] {
  return identityHeader(ctx, 'NHSD-Requesting-Practitioner', 'CORE-HDR-10', 'PractitionerRole', false, (json) =>
    hasIdentifierSystem(json, 'https://fhir.nhs.uk/Id/sds-role-profile-id') ? undefined : 'has no SDS role-profile identifier',
  );
}

function requestingSoftware(ctx: CheckContext): Issue[] {
  // Deliberately no FHIR Device validation: the API's own example uses non-array deviceName/version.
  return identityHeader(ctx, 'NHSD-Requesting-Software', 'CORE-HDR-11', 'Device', true, () => undefined);
}

function accept(ctx: CheckContext): Issue[] {
  const raw = ctx.headers.get('accept');
  if (raw === undefined) return [barsIssue('CORE-HDR-12', 'The Accept header is missing.', 'Accept')];
  const ranges = raw.split(',').map((r) => r.trim());
  const fhirJson = ranges.find((r) => r.split(';')[0].trim().toLowerCase() === 'application/fhir+json');
  if (!fhirJson) return [barsIssue('CORE-HDR-12', 'The Accept header does not name application/fhir+json.', 'Accept')];
  const version = /;\s*version\s*=\s*"?(\d+)\.(\d+)\.(\d+)"?/i.exec(fhirJson);
  if (!version) return [barsIssue('CORE-HDR-12', 'The Accept header has no version=X.Y.Z parameter.', 'Accept')];
  if (Number(version[1]) !== ctx.support.coreMajor) {
    return [barsIssue('CORE-HDR-12', `The Accept header asks for Core major version ${version[1]}; this receiver implements ${ctx.support.coreMajor}.`, 'Accept')];
  }
  return [];
}

export function checkHeaders(ctx: CheckContext): Issue[] {
  return [
    ...requestIdHeader(ctx, 'X-Request-ID', 'CORE-HDR-01', 'CORE-HDR-02'),
    ...requestIdHeader(ctx, 'X-Correlation-ID', 'CORE-HDR-03', 'CORE-HDR-04'),
    ...targetIdentifier(ctx),
    ...endUserOrganisation(ctx),
    ...requestingPractitioner(ctx),
    ...requestingSoftware(ctx),
    ...accept(ctx),
    ...checkContentType(ctx.headers.get('content-type')),
  ];
}

/** CORE-HDR-14: the body's media type (JSON mandatory; XML accepted as the optional format). */
export function checkContentType(contentType: string | undefined): Issue[] {
  if (contentType === undefined) return [];
  const media = contentType.split(';')[0].trim().toLowerCase();
  const accepted = ['application/fhir+json', 'application/json', 'application/fhir+xml', 'application/xml'];
  return accepted.includes(media) ? [] : [barsIssue('CORE-HDR-14', `Content-Type ${media} is not FHIR JSON or XML.`, 'Content-Type')];
}
