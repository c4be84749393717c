/**
 * The BaRS receiver: `{ headers, body }` in, `{ status, outcome }` out. Runs the header checks,
 * the idempotency store, the BaRS message checks and the injected profile validation, then the
 * verdict policy. `receive` is async because stores (e.g. Redis) and validators may be.
 */
import { parseInput } from '../api/parse-input.js';
import type { DefinitionSet } from '../defs/types.js';
import { detectFormat } from '../formats/detect.js';
import { decodeUtf8 } from '../formats/utf8.js';
import { checkInputSize, checkValueLimits, type SizeLimits } from '../formats/value-limits.js';
import { DEFAULT_LIMITS } from '../model/limits.js';
import type { FhirTypeModel } from '../formats/type-model.js';
import type { SourceLocator } from '../instance/source-locator.js';
import { withPosition, type Issue } from '../model/issue.js';
import { isUuid } from './checks/headers.js';
import type { MessageDefinitionMatch } from './checks/message-definition.js';
import { evaluateMessage } from './evaluate.js';
import { normalizeHeaders, type HeaderInput, type HeaderMap } from './headers.js';
import { annotateWithBarsRule, barsIssue, HTTP_ERROR_CODES_SYSTEM } from './issues.js';
import type { ApplicationId } from './message.js';
import type { OperationOutcome } from './outcome.js';
import type { ProfileSelection } from './profile-selection.js';

import { createMemoryStore, hashBody, type IdempotencyStore } from './store.js';
import { resolveSupport, type ReceiverSupport } from './support.js';
import { decideVerdict, type Verdict } from './verdict.js';

/** What the injected profile validation learns about the message. */
export interface ValidationInput {
  bundle: unknown;
  application?: ApplicationId;
  messageDefinition?: MessageDefinitionMatch;
  /** Profiles to apply: the Bundle's (BaRS + Application) and each entry's from the MessageDefinition. */
  profiles: ProfileSelection;
  /** Source positions of the body as read (text bodies), so the engine's issues carry line and column. */
  locator?: SourceLocator;
}

/** Full profile validation (the engine's createValidator supplies it). Issues keyed by a BaRS rule id get the registry's codes. */
export type ProfileValidate = (input: ValidationInput) => Issue[] | Promise<Issue[]>;

export interface ReceiverOptions {
  definitions: DefinitionSet;
  validate?: ProfileValidate;
  /** Idempotency store; a bounded in-memory store by default. `null` turns de-duplication off. */
  store?: IdempotencyStore | null;
  supported?: Partial<ReceiverSupport>;
  /**
   * The FHIR type model the project's XML reader needs; without it XML bodies are refused (XML is
   * optional in BaRS). JSON is read by the project's reader either way (duplicate keys reported, positions kept).
   */
  typeModel?: () => FhirTypeModel;
  /** Size limits on the body (src/model/limits.ts): crossing one is a 400 REC_BAD_REQUEST (CORE-HDR-14, code structure). */
  limits?: SizeLimits;
  now?: () => Date;
  createId?: () => string;
}

export interface ReceivedRequest {
  /** The request's HTTP headers; leave out for a payload-only check (header and duplicate rules skipped, and the outcome says so). */
  headers?: HeaderInput;
  /** Text (JSON or XML) or already-parsed JSON. */
  body: unknown;
  /** The Application to apply, when the caller knows it; otherwise recognised from the use case. */
  application?: ApplicationId;
}

export interface ReceiverResponse extends Verdict {
  /** Headers every response must echo (CORE-HDR-15). */
  responseHeaders: Record<string, string>;
  /** All issues, before rendering, for logging and tests. */
  issues: Issue[];
}

export interface Receiver {
  receive(request: ReceivedRequest): Promise<ReceiverResponse>;
}

interface ParsedBody {
  value?: unknown;
  text: string;
  issues: Issue[];
  locator?: SourceLocator;
}

/** The format a Content-Type names (those CORE-HDR-14 accepts), if it names one. */
function declaredFormat(contentType: string): 'json' | 'xml' | undefined {
  const media = contentType.split(';')[0].trim();
  if (media === 'application/fhir+json' || media === 'application/json') return 'json';
  if (media === 'application/fhir+xml' || media === 'application/xml') return 'xml';
  return undefined;
}

/**
 * Reads a text body with the project's reader (src/api/parse-input.ts), as validate() does:
 * duplicate JSON keys are errors, and every issue can be given its line and column.
 */
function parseBody(body: unknown, headers: HeaderMap, typeModel: ReceiverOptions['typeModel'], limits: SizeLimits): ParsedBody {
  if (body instanceof Uint8Array) {
    const tooLarge = checkInputSize(body.length, limits);
    if (tooLarge) return { text: '', issues: [barsIssue('CORE-HDR-14', `${tooLarge.message}.`, 'Bundle')] };
    const decoded = decodeUtf8(body);
    if (!decoded.ok) return { text: '', issues: [barsIssue('CORE-HDR-14', `The body could not be read: ${decoded.error.message}.`, 'Bundle')] };
    body = decoded.text;
  }
  if (typeof body !== 'string') {
    const violation = checkValueLimits(body, limits);
    if (violation) return { text: '', issues: [barsIssue('CORE-HDR-14', `${violation.message}.`, 'Bundle')] };
    let text = '';
    try {
      text = JSON.stringify(body) ?? '';
    } catch {
      text = String(body);
    }
    return { value: body, text, issues: [] };
  }
  const contentType = headers.get('content-type')?.toLowerCase() ?? '';
  const format = detectFormat(body);
  if ((format === 'xml' || (format === undefined && contentType.includes('xml'))) && !typeModel) {
    return { text: body, issues: [barsIssue('CORE-HDR-14', 'This receiver accepts FHIR JSON only; the body is XML.', 'Content-Type')] };
  }
  // A body is read as what its Content-Type says it is: JSON sent as XML (or the reverse) is refused, not guessed.
  const declared = declaredFormat(contentType);
  if (declared && format && declared !== format) {
    return { text: body, issues: [barsIssue('CORE-HDR-14', `The body is FHIR ${format.toUpperCase()}, but its Content-Type is ${contentType.split(';')[0].trim()}.`, 'Content-Type')] };
  }
  const read = parseInput(body, undefined, typeModel, limits);
  if (!read.resource) {
    const problem = read.issues[0];
    // Parseable but not a resource is a Bundle-structure failure; unreadable text is a body failure.
    const unreadable = problem === undefined || ['json-syntax', 'xml-syntax', 'format-mismatch', 'utf8-invalid'].includes(problem.ruleId) || problem.ruleId.startsWith('limit-');
    const issue = unreadable
      ? barsIssue('CORE-HDR-14', `The body could not be read: ${problem?.message ?? 'unknown reason'}.`, 'Bundle')
      : barsIssue('CORE-BUNDLE-01', `The body is not a FHIR resource: ${problem.message}.`, 'Bundle');
    if (problem?.position) issue.position = problem.position;
    return { text: body, issues: [issue] };
  }
  return { value: read.resource, text: body, issues: read.issues, locator: read.locator };
}

/** A FHIRPath location under the Bundle (`Bundle.entry[1].resource.id`) as the reader's JSON path. */
function jsonPathOf(location: string): string | undefined {
  if (location === 'Bundle') return '';
  return location.startsWith('Bundle.') ? location.slice('Bundle.'.length) : undefined;
}

/** Gives issues without a position the source position of their location (or of its nearest parent that has one). */
function withPositions(issues: Issue[], locator: SourceLocator | undefined): Issue[] {
  if (!locator) return issues;
  return issues.map((issue) => {
    if (issue.position || !issue.location) return issue;
    let path = jsonPathOf(issue.location);
    while (path !== undefined) {
      const position = locator.positionOf(path);
      if (position) return withPosition(issue, position);
      if (path === '') break;
      const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
      path = cut > 0 ? path.slice(0, cut) : '';
    }
    return issue;
  });
}

function tiIssue(ruleId: string, message: string, warning = false): Issue {
  return barsIssue(ruleId, message, 'X-Request-ID', { warning });
}

export function createReceiver(options: ReceiverOptions): Receiver {
  const store = options.store === null ? undefined : (options.store ?? createMemoryStore());
  const support = resolveSupport(options.supported);
  const now = options.now ?? (() => new Date());
  const limits = options.limits ?? DEFAULT_LIMITS;
  const createId = options.createId ?? (() => crypto.randomUUID());

  const internalError = (error: unknown): Issue => ({
    severity: 'error',
    code: 'exception',
    ruleId: 'bars-receiver-failed',
    message: `The receiver could not finish processing: ${error instanceof Error ? error.message : String(error)}.`,
    extraCodings: [{ system: HTTP_ERROR_CODES_SYSTEM, code: 'REC_SERVER_ERROR', display: '500 - REC_SERVER_ERROR' }],
  });

  async function evaluate(request: ReceivedRequest, headers: HeaderMap | undefined, parsed: ParsedBody): Promise<Issue[]> {
    const evaluation = evaluateMessage({ bundle: parsed.value, definitions: options.definitions, support, headers, application: request.application, now: now() });
    const issues = [...evaluation.issues, ...parsed.issues];
    // Only an object can be a Bundle: the BaRS checks above have said what else the body is.
    if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value) || !options.validate) return withPositions(issues, parsed.locator);
    const { application, messageDefinition } = evaluation.context;
    const profileIssues = await options.validate({ bundle: parsed.value, application, messageDefinition, profiles: evaluation.profiles, locator: parsed.locator });
    issues.push(...profileIssues.map(annotateWithBarsRule));
    return withPositions(issues, parsed.locator);
  }

  return {
    async receive(request) {
      // Without headers the message is checked payload-only: no header rules, no de-duplication.
      const payloadOnly = request.headers === undefined;
      const headers = normalizeHeaders(request.headers);
      const requestId = headers.get('x-request-id')?.trim();
      const correlationId = headers.get('x-correlation-id')?.trim();
      const responseHeaders: Record<string, string> = {};
      if (requestId) responseHeaders['X-Request-ID'] = requestId;
      if (correlationId) responseHeaders['X-Correlation-ID'] = correlationId;
      const parsed = parseBody(request.body, headers, options.typeModel, limits);
      const key = store && !payloadOnly && requestId && isUuid(requestId) ? requestId : undefined;
      const attempt = { correlationId, bodyHash: hashBody(parsed.text) };

      if (key && store) {
        const prior = await store.begin(key, attempt);
        if (prior.state === 'in-flight') {
          const issues = [tiIssue('CORE-TI-02', 'The first attempt with this X-Request-ID is still being processed; retry later.')];
          return { ...decideVerdict(issues, { outcomeId: createId() }), responseHeaders, issues };
        }
        if (prior.state === 'done') {
          if (prior.result.status >= 400) {
            // CORE-TI-03: a retry of a failed attempt gets the same answer, not 409.
            return { ...replay(prior.result.status, prior.result.outcome), responseHeaders, issues: [] };
          }
          const issues = [tiIssue('CORE-TI-01', 'A message with this X-Request-ID has already been processed.')];
          if (prior.first.correlationId !== correlationId) issues.push(tiIssue('CORE-TI-04', 'This X-Request-ID was first received with a different X-Correlation-ID.', true));
          if (prior.first.bodyHash !== attempt.bodyHash) issues.push(tiIssue('CORE-TI-05', 'This X-Request-ID was reused for different content.', true));
          return { ...decideVerdict(issues, { outcomeId: createId() }), responseHeaders, issues };
        }
      }

      let issues: Issue[];
      try {
        issues = await evaluate(request, payloadOnly ? undefined : headers, parsed);
      } catch (error) {
        issues = [internalError(error)];
      }
      const verdict = decideVerdict(issues, { outcomeId: createId() });
      if (key && store) await store.complete(key, { status: verdict.status, outcome: verdict.outcome });
      return { ...verdict, responseHeaders, issues };
    },
  };
}

/** A stored failure answered again (CORE-TI-03). */
function replay(status: number, outcome: OperationOutcome): Verdict {
  const code = outcome.issue.flatMap((i) => i.details?.coding ?? []).find((c) => c.system === HTTP_ERROR_CODES_SYSTEM)?.code;
  return { status, barsCode: code as Verdict['barsCode'], outcome };
}

