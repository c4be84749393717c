/**
 * OperationOutcome shaped like the BaRS API examples (CORE-OO-01/02): UK Core profile, an id,
 * and per issue the severity, FHIR issue code, `details.coding` with the BaRS http-error-code
 * (status – code display) and the rule id, diagnostics, the FHIRPath location as expression and,
 * for text bodies, the line and column.
 */
import type { Issue } from '../model/issue.js';
import { ISSUE_COL_EXTENSION, ISSUE_LINE_EXTENSION } from '../outcome/issue-ids.js';
import { BARS_RULE_SYSTEM, barsCodeOf, HTTP_ERROR_CODES_SYSTEM, isHttpErrorCodesSystem, statusOfBarsCode } from './issues.js';
import type { BarsErrorCode } from './rules/types.js';

export const UKCORE_OPERATION_OUTCOME = 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-OperationOutcome';

export interface OutcomeCoding {
  system: string;
  code: string;
  display?: string;
}

export interface OperationOutcomeIssue {
  /** Line and column of the issue in the body as sent (the HL7 validator's extensions), when known. */
  extension?: Array<{ url: string; valueInteger: number }>;
  severity: Issue['severity'];
  code: string;
  details?: { coding: OutcomeCoding[] };
  diagnostics?: string;
  expression?: string[];
}

export interface OperationOutcome {
  resourceType: 'OperationOutcome';
  id: string;
  meta: { profile: string[] };
  issue: OperationOutcomeIssue[];
}

/**
 * One OperationOutcome issue. Errors without their own BaRS code get `fallbackCode` (the
 * verdict's), so every rejecting issue names a REC_ code.
 */
export function outcomeIssue(issue: Issue, fallbackCode?: BarsErrorCode): OperationOutcomeIssue {
  const rejecting = issue.severity === 'error' || issue.severity === 'fatal';
  const own = barsCodeOf(issue);
  const barsCode = own ?? (rejecting ? fallbackCode : undefined);
  const coding: OutcomeCoding[] = [];
  if (barsCode) coding.push({ system: HTTP_ERROR_CODES_SYSTEM, code: barsCode, display: `${statusOfBarsCode(barsCode)} - ${barsCode}` });
  coding.push({ system: BARS_RULE_SYSTEM, code: issue.ruleId });
  for (const extra of issue.extraCodings ?? []) if (!isHttpErrorCodesSystem(extra.system)) coding.push(extra);
  const result: OperationOutcomeIssue = { severity: issue.severity, code: issue.code, details: { coding }, diagnostics: issue.message };
  if (issue.position) result.extension = [{ url: ISSUE_LINE_EXTENSION, valueInteger: issue.position.line }, { url: ISSUE_COL_EXTENSION, valueInteger: issue.position.column }];
  if (issue.location) result.expression = [issue.location];
  return result;
}

export function buildOperationOutcome(id: string, issues: OperationOutcomeIssue[]): OperationOutcome {
  return { resourceType: 'OperationOutcome', id, meta: { profile: [UKCORE_OPERATION_OUTCOME] }, issue: issues };
}

/** The BaRS code of an OperationOutcome issue, accepting both spellings of the code system. */
export function barsCodeOfOutcomeIssue(issue: OperationOutcomeIssue): string | undefined {
  return issue.details?.coding.find((c) => isHttpErrorCodesSystem(c.system))?.code;
}

/** The rule ids named in an OperationOutcome. */
export function ruleIdsOfOutcome(outcome: OperationOutcome): string[] {
  return outcome.issue.flatMap((i) => i.details?.coding.filter((c) => c.system === BARS_RULE_SYSTEM).map((c) => c.code) ?? []);
}
