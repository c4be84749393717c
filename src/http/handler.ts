/**
 * The framework-agnostic HTTP handler: a plain request in, a plain response out. Routes
 * `POST /$validate` (and `POST /<Type>/$validate`), `POST /$process-message`, `GET /metadata` and
 * `GET /_status`; enforces the body-size limit and the two FHIR media types; answers in JSON or
 * XML as asked; echoes X-Request-ID and X-Correlation-ID on every answer (CORE-HDR-15). Every
 * failure, its own or an unexpected error, is an OperationOutcome — never a stack trace.
 */
import { createMemoryStore, type IdempotencyStore } from '../bars/store.js';
import { normalizeHeaders, type HeaderMap } from '../bars/headers.js';
import type { ReceiverSupport } from '../bars/support.js';
import type { Receiver } from '../bars/receiver.js';
import type { Validator } from '../api/validator.js';
import { toOperationOutcome } from '../outcome/operation-outcome.js';
import { decodeUtf8 } from '../formats/utf8.js';
import { createTypeModel, type FhirTypeModel } from '../formats/type-model.js';
import { writeFhirXml } from '../formats/xml-writer.js';
import { buildCapabilityStatement } from './capability.js';
import { bodyFormat, MEDIA_TYPES, responseFormat, type WireFormat } from './negotiate.js';
import { failureOutcome, type HttpFailure } from './outcome.js';
import { isStoreUnavailable } from './store-errors.js';
import type { HttpRequest, HttpResponse } from './types.js';

/** 10 MiB: far above a BaRS message with attachments by reference, far below what hurts a receiver. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

/** A named health check of GET /_status; throwing (or rejecting) means it failed. */
export type StatusCheck = () => void | Promise<void>;

export interface HttpHandlerOptions {
  /** The validator (its definitions, clock and options) behind both operations. */
  validator: Validator;
  /** Duplicate-request store of $process-message: a bounded in-memory one by default; `null` turns de-duplication off. */
  store?: IdempotencyStore | null;
  /** What this receiver supports (Core major, Applications, service ids). */
  supported?: Partial<ReceiverSupport>;
  /** Largest request body accepted, in bytes (default 10 MiB); larger gets 413. */
  maxBodyBytes?: number;
  /** Shown in the CapabilityStatement and /_status. */
  softwareVersion?: string;
  /** Extra GET /_status checks by name (e.g. `store` for a Redis store's ping). */
  statusChecks?: Record<string, StatusCheck>;
  /** Told of unexpected errors (which the client sees only as an OperationOutcome). */
  onError?: (error: unknown) => void;
  now?: () => Date;
}

/** Why the server adapter answers without calling `handle`. */
export type RejectReason = 'body-too-large' | 'timeout' | 'error';

export interface HttpHandler {
  handle(request: HttpRequest): Promise<HttpResponse>;
  /** The answer for a request the server adapter cut short (413 while streaming, 408, 500). */
  reject(request: Pick<HttpRequest, 'headers' | 'url'>, reason: RejectReason): HttpResponse;
  readonly maxBodyBytes: number;
}

const ROUTES = {
  validate: { path: /^\/(?:([A-Z][A-Za-z]+)\/)?\$validate$/, methods: ['POST'] },
  processMessage: { path: /^\/\$process-message$/, methods: ['POST'] },
  metadata: { path: /^\/metadata$/, methods: ['GET'] },
  status: { path: /^\/_status$/, methods: ['GET'] },
} as const;
type RouteName = keyof typeof ROUTES;

const ECHOED = [
  ['x-request-id', 'X-Request-ID'],
  ['x-correlation-id', 'X-Correlation-ID'],
] as const;

function echoHeaders(headers: HeaderMap): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, sent] of ECHOED) {
    const value = headers.get(name)?.trim();
    if (value) out[sent] = value;
  }
  return out;
}

function parseUrl(url: string): { path: string; query: URLSearchParams } {
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://service.invalid');
  } catch {
    return { path: url, query: new URLSearchParams() };
  }
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname); // some clients send $ as %24
  } catch {
    path = parsed.pathname;
  }
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return { path, query: parsed.searchParams };
}

function exceedsLimit(body: string | Uint8Array | undefined, max: number): boolean {
  if (body === undefined) return false;
  if (typeof body !== 'string') return body.byteLength > max;
  // UTF-8 takes at most 3 bytes per UTF-16 unit: count exactly only when it could matter.
  if (body.length * 3 <= max) return false;
  return new TextEncoder().encode(body).byteLength > max;
}

const FAILURES = {
  notFound: (path: string): HttpFailure => ({ status: 404, code: 'not-found', ruleId: 'http-not-found', barsCode: 'REC_NOT_FOUND', diagnostics: `No endpoint at ${path}: this service offers POST /$validate, POST /$process-message, GET /metadata and GET /_status.` }),
  methodNotAllowed: (method: string, path: string, allowed: readonly string[]): HttpFailure => ({ status: 405, code: 'not-supported', ruleId: 'http-method-not-allowed', barsCode: 'REC_METHOD_NOT_ALLOWED', diagnostics: `${method} is not allowed on ${path}; use ${allowed.join(' or ')}.` }),
  tooLarge: (max: number): HttpFailure => ({ status: 413, code: 'too-long', ruleId: 'http-body-too-large', diagnostics: `The request body is larger than this service accepts (${max} bytes).` }),
  unsupportedType: (contentType: string | undefined): HttpFailure => ({ status: 415, code: 'not-supported', ruleId: 'http-unsupported-media-type', diagnostics: `${contentType ? `Content-Type '${contentType}' is not accepted` : 'The request has no Content-Type'}: send ${MEDIA_TYPES.json} or ${MEDIA_TYPES.xml}.` }),
  notAcceptable: (accept: string): HttpFailure => ({ status: 406, code: 'processing', ruleId: 'http-not-acceptable', barsCode: 'REC_NOT_ACCEPTABLE', diagnostics: `Accept '${accept}' names no format this service produces: ask for ${MEDIA_TYPES.json} or ${MEDIA_TYPES.xml}.` }),
  timeout: (): HttpFailure => ({ status: 408, code: 'timeout', ruleId: 'http-request-timeout', barsCode: 'REC_TIMEOUT', diagnostics: 'The request was not received and answered within the time this service allows.' }),
  badEncoding: (message: string): HttpFailure => ({ status: 400, code: 'structure', ruleId: 'utf8-invalid', barsCode: 'REC_BAD_REQUEST', diagnostics: `The request body is not valid UTF-8: ${message}.` }),
  typeMismatch: (path: string, found: string): HttpFailure => ({ status: 400, code: 'invalid', ruleId: 'http-resource-type-mismatch', barsCode: 'REC_BAD_REQUEST', diagnostics: `${path} validates a ${path.split('/')[1]}, but the body is a ${found}.` }),
  storeUnavailable: (): HttpFailure => ({ status: 503, code: 'transient', ruleId: 'http-store-unavailable', barsCode: 'REC_SERVICE_UNAVAILABLE', diagnostics: 'The duplicate-request store cannot be reached; retry later.' }),
  internal: (): HttpFailure => ({ status: 500, code: 'exception', ruleId: 'http-internal-error', barsCode: 'REC_SERVER_ERROR', diagnostics: 'The service failed unexpectedly while handling this request.' }),
};

/**
 * The operation's input when the body is a `$validate` Parameters resource: its `resource`
 * parameter's resource and any `profile` (valueUri / valueCanonical). Undefined for any other
 * body, including a Parameters resource without a `resource` parameter (then it is validated itself).
 */
function validateParameters(body: Record<string, unknown>): { resource: Record<string, unknown>; profiles: string[] } | undefined {
  if (body.resourceType !== 'Parameters' || !Array.isArray(body.parameter)) return undefined;
  const parameters = body.parameter.filter((p): p is Record<string, unknown> => p !== null && typeof p === 'object' && !Array.isArray(p));
  const resources = parameters.filter((p) => p.name === 'resource');
  const resource = resources[0]?.resource;
  if (resources.length !== 1 || resource === null || typeof resource !== 'object' || Array.isArray(resource)) return undefined;
  const profiles = parameters
    .filter((p) => p.name === 'profile')
    .map((p) => p.valueUri ?? p.valueCanonical)
    .filter((v): v is string => typeof v === 'string' && v !== '');
  return { resource: resource as Record<string, unknown>, profiles };
}

export function createHttpHandler(options: HttpHandlerOptions): HttpHandler {
  const validator = options.validator;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const receiver: Receiver = validator.createReceiver({
    store: options.store === undefined ? createMemoryStore() : options.store,
    supported: options.supported,
  });
  let typeModel: FhirTypeModel | undefined;
  const modelOf = (): FhirTypeModel => (typeModel ??= createTypeModel(validator.definitions));

  function render(status: number, resource: Record<string, unknown>, format: WireFormat, headers: Record<string, string>): HttpResponse {
    let body: string | undefined;
    if (format === 'xml') {
      try {
        body = writeFhirXml(resource, modelOf());
      } catch (error) {
        // An answer that cannot be written as XML still goes out, as JSON.
        options.onError?.(error);
        format = 'json';
      }
    }
    body ??= JSON.stringify(resource, null, 2);
    return { status, headers: { ...headers, 'Content-Type': `${MEDIA_TYPES[format]}; charset=utf-8` }, body };
  }

  function fail(failure: HttpFailure, format: WireFormat, headers: Record<string, string>): HttpResponse {
    return render(failure.status, failureOutcome(failure) as unknown as Record<string, unknown>, format, headers);
  }

  /** The format to answer a failure in: the one asked for, else JSON (failures are never refused for Accept). */
  function failureFormat(headers: HeaderMap, query: URLSearchParams): WireFormat {
    return responseFormat(headers.get('accept'), query.get('_format')) ?? 'json';
  }

  function readText(body: string | Uint8Array | undefined): { text: string } | { failure: HttpFailure } {
    if (body === undefined) return { text: '' };
    if (typeof body === 'string') return { text: body };
    const decoded = decodeUtf8(body);
    return decoded.ok ? { text: decoded.text } : { failure: FAILURES.badEncoding(decoded.error.message) };
  }

  async function statusResponse(echo: Record<string, string>): Promise<HttpResponse> {
    const checks: Record<string, Array<{ status: 'pass' | 'fail'; output?: string }>> = {};
    let healthy = true;
    for (const [name, check] of Object.entries(options.statusChecks ?? {})) {
      try {
        await check();
        checks[name] = [{ status: 'pass' }];
      } catch (error) {
        healthy = false;
        checks[name] = [{ status: 'fail', output: error instanceof Error ? error.message : String(error) }];
      }
    }
    // Shaped like the BaRS API's /_status example; JSON only (it is not a FHIR resource).
    const body = { status: healthy ? 'pass' : 'fail', ...(options.softwareVersion ? { version: options.softwareVersion } : {}), startedAt: startedAt.toISOString(), checks };
    return { status: healthy ? 200 : 503, headers: { ...echo, 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify(body, null, 2) };
  }

  async function route(request: HttpRequest, headers: HeaderMap, echo: Record<string, string>): Promise<HttpResponse> {
    const method = request.method.toUpperCase();
    const { path, query } = parseUrl(request.url);
    const errorFormat = failureFormat(headers, query);
    const matched = (Object.keys(ROUTES) as RouteName[]).map((name) => ({ name, match: ROUTES[name].path.exec(path) })).find((r) => r.match);
    if (!matched) return fail(FAILURES.notFound(path), errorFormat, echo);
    const allowed = ROUTES[matched.name].methods;
    if (!(allowed as readonly string[]).includes(method)) {
      return fail(FAILURES.methodNotAllowed(method, path, allowed), errorFormat, { ...echo, Allow: allowed.join(', ') });
    }
    if (exceedsLimit(request.body, maxBodyBytes)) return fail(FAILURES.tooLarge(maxBodyBytes), errorFormat, { ...echo, Connection: 'close' });

    if (matched.name === 'status') return statusResponse(echo);

    // $process-message leaves Accept to the BaRS rules (CORE-HDR-12 answers 406 itself).
    const format = matched.name === 'processMessage' ? errorFormat : responseFormat(headers.get('accept'), query.get('_format'));
    if (!format) return fail(FAILURES.notAcceptable(headers.get('accept') ?? ''), 'json', echo);

    if (matched.name === 'metadata') {
      return render(200, buildCapabilityStatement({ definitions: validator.definitions, date: startedAt, softwareName: 'bars-validator', softwareVersion: options.softwareVersion }), format, echo);
    }

    const contentType = headers.get('content-type');
    const inputFormat = bodyFormat(contentType);
    if (!inputFormat) return fail(FAILURES.unsupportedType(contentType), format, echo);
    const read = readText(request.body);
    if ('failure' in read) return fail(read.failure, format, echo);

    if (matched.name === 'processMessage') {
      const verdict = await receiver.receive({ headers, body: read.text });
      return render(verdict.status, verdict.outcome as unknown as Record<string, unknown>, format, { ...echo, ...verdict.responseHeaders });
    }

    const profiles = query.getAll('profile').filter((p) => p !== '');
    let result = validator.validateToIssues(read.text, { profile: profiles, format: inputFormat });
    // FHIR $validate also takes its input as Parameters: `resource` (the resource to validate)
    // and `profile`; the answer is then about that resource (located within it).
    const wrapped = result.resource ? validateParameters(result.resource) : undefined;
    if (wrapped) result = validator.validateToIssues(wrapped.resource, { profile: [...profiles, ...wrapped.profiles] });
    const typeInPath = matched.match?.[1];
    if (typeInPath && result.resource && result.resource.resourceType !== typeInPath) {
      return fail(FAILURES.typeMismatch(path, String(result.resource.resourceType)), format, echo);
    }
    // FHIR $validate: 200 whether or not the resource is valid; 400 when no resource could be read.
    return render(result.resource ? 200 : 400, toOperationOutcome(result.issues) as unknown as Record<string, unknown>, format, echo);
  }

  return {
    maxBodyBytes,
    async handle(request) {
      const headers = normalizeHeaders(request.headers);
      const echo = echoHeaders(headers);
      try {
        return await route(request, headers, echo);
      } catch (error) {
        options.onError?.(error);
        const { query } = parseUrl(request.url);
        return fail(isStoreUnavailable(error) ? FAILURES.storeUnavailable() : FAILURES.internal(), failureFormat(headers, query), echo);
      }
    },
    reject(request, reason) {
      const headers = normalizeHeaders(request.headers);
      const echo = echoHeaders(headers);
      const format = failureFormat(headers, parseUrl(request.url).query);
      const failure = reason === 'body-too-large' ? FAILURES.tooLarge(maxBodyBytes) : reason === 'timeout' ? FAILURES.timeout() : FAILURES.internal();
      const response = fail(failure, format, { ...echo, ...(reason === 'error' ? {} : { Connection: 'close' }) });
      return response;
    },
  };
}
