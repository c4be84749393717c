/**
 * OperationOutcomes for failures of the HTTP layer itself (404, 405, 406, 408, 413, 415, 500,
 * 503): the same UK Core shape as the receiver's, with the BaRS http-error-code where BaRS
 * names one for that status and the service's own rule id, so every non-2xx answer is a FHIR
 * resource and never a stack trace.
 */
import { BARS_RULE_SYSTEM, HTTP_ERROR_CODES_SYSTEM } from '../bars/issues.js';
import { buildOperationOutcome, type OperationOutcome, type OutcomeCoding } from '../bars/outcome.js';

export interface HttpFailure {
  status: number;
  /** FHIR issue-type code (not-found, not-supported, too-long, timeout, exception, ...). */
  code: string;
  /** The service's rule id for this failure (e.g. `http-body-too-large`). */
  ruleId: string;
  diagnostics: string;
  /** BaRS http-error-code, when BaRS has one for the status. */
  barsCode?: string;
}

export function failureOutcome(failure: HttpFailure, id: string = crypto.randomUUID()): OperationOutcome {
  const coding: OutcomeCoding[] = [];
  if (failure.barsCode) coding.push({ system: HTTP_ERROR_CODES_SYSTEM, code: failure.barsCode, display: `${failure.status} - ${failure.barsCode}` });
  coding.push({ system: BARS_RULE_SYSTEM, code: failure.ruleId });
  return buildOperationOutcome(id, [{ severity: 'error', code: failure.code, details: { coding }, diagnostics: failure.diagnostics }]);
}
