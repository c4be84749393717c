/**
 * Builds BaRS issues: the rule id travels as `ruleId`, the BaRS error code as an extra coding in
 * the http-error-codes system, and status/code/severity come from the rule registry unless the
 * check names one of the rule's other outcomes.
 */
import type { Issue, IssueCode, IssueSeverity } from '../model/issue.js';
import type { Location } from './location.js';
import { findRule } from './rules/registry.js';
import type { BarsErrorCode, FailureOutcome } from './rules/types.js';

export const HTTP_ERROR_CODES_SYSTEM = 'https://fhir.nhs.uk/CodeSystem/http-error-codes';
/** The lower-case-s spelling used by the failure pages, API examples and proxy; accepted on input. */
export const HTTP_ERROR_CODES_SYSTEM_VARIANT = 'https://fhir.nhs.uk/Codesystem/http-error-codes';
/** System of the rule-id coding in `details.coding`. */
export const BARS_RULE_SYSTEM = 'https://fhir.nhs.uk/bars-validator/rule';

const STATUS_BY_CODE: Record<BarsErrorCode, number> = {
  REC_BAD_REQUEST: 400,
  REC_UNAUTHORIZED: 401,
  REC_FORBIDDEN: 403,
  REC_NOT_FOUND: 404,
  REC_NOT_ACCEPTABLE: 406,
  REC_TIMEOUT: 408,
  REC_CONFLICT: 409,
  REC_UNPROCESSABLE_ENTITY: 422,
  REC_TOO_EARLY: 425,
  REC_TOO_MANY_REQUESTS: 429,
  REC_SERVER_ERROR: 500,
  REC_NOT_IMPLEMENTED: 501,
  REC_SERVICE_UNAVAILABLE: 503,
};

export function statusOfBarsCode(code: BarsErrorCode): number {
  return STATUS_BY_CODE[code];
}

export function isBarsErrorCode(code: string): code is BarsErrorCode {
  return Object.hasOwn(STATUS_BY_CODE, code);
}

export function isHttpErrorCodesSystem(system: string | undefined): boolean {
  return system === HTTP_ERROR_CODES_SYSTEM || system === HTTP_ERROR_CODES_SYSTEM_VARIANT;
}

/** The BaRS error code an issue carries, if any (either spelling of the system). */
export function barsCodeOf(issue: Issue): BarsErrorCode | undefined {
  const coding = issue.extraCodings?.find((c) => isHttpErrorCodesSystem(c.system) && isBarsErrorCode(c.code));
  return coding?.code as BarsErrorCode | undefined;
}

export interface IssueOptions {
  /** Report as a warning (an advisory part of a rule whose main failure is an error). */
  warning?: boolean;
  /** Use this issue code; with `outcome`, picks which of the rule's outcomes applies. */
  code?: IssueCode;
  /** Use another of the rule's outcomes (e.g. 422 not-supported instead of 400 value). */
  outcome?: FailureOutcome;
}

function codingFor(code: BarsErrorCode): { system: string; code: string; display: string } {
  return { system: HTTP_ERROR_CODES_SYSTEM, code, display: `${statusOfBarsCode(code)} - ${code}` };
}

/**
 * An issue for a registry rule. Errors carry the rule's BaRS code; warnings carry none (a message
 * with only warnings is accepted with 200).
 */
export function barsIssue(ruleId: string, message: string, location?: Location | string, options: IssueOptions = {}): Issue {
  const rule = findRule(ruleId);
  const outcome = options.outcome ?? rule?.onFailure;
  const severity: IssueSeverity = options.warning || rule?.severity === 'warning' ? 'warning' : rule?.severity === 'information' ? 'information' : 'error';
  const code: IssueCode = options.code ?? outcome?.issueCode ?? 'invariant';
  const issue: Issue = { severity, code, ruleId, message };
  if (location !== undefined) issue.location = String(location);
  if (severity === 'error' && outcome?.barsCode) issue.extraCodings = [codingFor(outcome.barsCode)];
  return issue;
}

/** System of the coding that keeps an FSH invariant's own key (e.g. `APP-UEC-03.primary-phone`). */
export const FSH_INVARIANT_SYSTEM = 'https://fhir.nhs.uk/bars-validator/invariant';

/** The spec rule id of an invariant key: `APP-UEC-03.primary-phone` → `APP-UEC-03`. */
export function ruleIdOfInvariantKey(key: string): string {
  return key.split('.')[0];
}

/**
 * Gives an issue raised elsewhere under a BaRS rule id (an FSH invariant keyed by the spec's id,
 * possibly with a `.part` suffix) the spec's rule id, and, when it is an error, the issue code and
 * BaRS coding the registry holds, so it reads like a TypeScript check's issue. The invariant's own
 * severity stands (advisory parts of a rule are warning invariants). Unknown ids pass unchanged.
 */
export function annotateWithBarsRule(issue: Issue): Issue {
  const ruleId = ruleIdOfInvariantKey(issue.ruleId);
  const rule = findRule(ruleId);
  if (!rule) return issue;
  const others = (issue.extraCodings ?? []).filter((c) => !isHttpErrorCodesSystem(c.system));
  if (ruleId !== issue.ruleId) others.push({ system: FSH_INVARIANT_SYSTEM, code: issue.ruleId });
  const rejecting = issue.severity === 'error' || issue.severity === 'fatal';
  // Built field by field: without `delete` (which makes a slow dictionary of the object) and
  // without a rest/spread of issues of many shapes (V8's slow path).
  const annotated: Issue = { severity: issue.severity, code: issue.code, ruleId, message: issue.message };
  if (issue.location !== undefined) annotated.location = issue.location;
  if (issue.position !== undefined) annotated.position = issue.position;
  if (issue.definition !== undefined) annotated.definition = issue.definition;
  if (rejecting && rule.onFailure.barsCode) {
    annotated.code = rule.onFailure.issueCode;
    annotated.extraCodings = [...others, codingFor(rule.onFailure.barsCode)];
  } else if (others.length > 0) annotated.extraCodings = others;
  return annotated;
}

/** Outcome helper for checks: `outcomeOf('APP-111ED-01', 422)` finds the rule's 422 outcome. */
export function outcomeOf(ruleId: string, status: number): FailureOutcome | undefined {
  const rule = findRule(ruleId);
  if (!rule) return undefined;
  return [rule.onFailure, ...(rule.otherOutcomes ?? [])].find((o) => o.status === status);
}
