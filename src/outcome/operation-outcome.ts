/**
 * The one place issues become a FHIR OperationOutcome: severity, issue-type code, a coding
 * from the project's issue-id system, the message (details.text and diagnostics), the
 * FHIRPath location (expression) and the source line/column extensions.
 */
import type { Issue, IssueCode, IssueSeverity } from '../model/issue.js';
import { ISSUE_COL_EXTENSION, ISSUE_ID_SYSTEM, ISSUE_LINE_EXTENSION, VALID_ISSUE_ID } from './issue-ids.js';

export interface OperationOutcomeIssue {
  extension?: Array<{ url: string; valueInteger?: number; valueString?: string }>;
  severity: IssueSeverity;
  code: IssueCode;
  details: { coding: Array<{ system: string; code: string; display?: string }>; text: string };
  diagnostics: string;
  expression?: string[];
}

export interface OperationOutcome {
  resourceType: 'OperationOutcome';
  issue: OperationOutcomeIssue[];
}

const SEVERITY_ORDER: Record<IssueSeverity, number> = { fatal: 0, error: 1, warning: 2, information: 3 };

/** Drops repeats of the same finding at the same place (a node checked against its base and its profiles). */
export function dedupeIssues(issues: readonly Issue[]): Issue[] {
  // Grouped by location, then compared field by field: no key string (messages run to hundreds of characters) per issue.
  const byLocation = new Map<string, Issue[]>();
  const out: Issue[] = [];
  for (const issue of issues) {
    const location = issue.location ?? '';
    const here = byLocation.get(location);
    if (!here) byLocation.set(location, [issue]);
    else if (here.some((kept) => kept.severity === issue.severity && kept.ruleId === issue.ruleId && kept.message === issue.message)) continue;
    else here.push(issue);
    out.push(issue);
  }
  return out;
}

// Built property by property: conditional object spreads (`...(x ? { a } : {})`) cost V8 ~10 µs per
// issue here, 30 times this, measured on the 111→ED referral's outcome.
export function toOutcomeIssue(issue: Issue): OperationOutcomeIssue {
  const coding: OperationOutcomeIssue['details']['coding'] = [{ system: ISSUE_ID_SYSTEM, code: issue.ruleId }];
  if (issue.extraCodings) for (const extra of issue.extraCodings) coding.push(extra);
  const out: OperationOutcomeIssue = issue.position
    ? {
        extension: [
          { url: ISSUE_LINE_EXTENSION, valueInteger: issue.position.line },
          { url: ISSUE_COL_EXTENSION, valueInteger: issue.position.column },
        ],
        severity: issue.severity,
        code: issue.code,
        details: { coding, text: issue.message },
        diagnostics: issue.message,
      }
    : { severity: issue.severity, code: issue.code, details: { coding, text: issue.message }, diagnostics: issue.message };
  if (issue.location) out.expression = [issue.location];
  return out;
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error' || i.severity === 'fatal');
}

/** Builds the OperationOutcome; no issues gives one information issue saying the resource is valid. */
export function toOperationOutcome(issues: readonly Issue[], subject = 'The resource'): OperationOutcome {
  const unique = dedupeIssues(issues);
  if (unique.length === 0) {
    return {
      resourceType: 'OperationOutcome',
      issue: [{
        severity: 'information',
        code: 'informational',
        details: { coding: [{ system: ISSUE_ID_SYSTEM, code: VALID_ISSUE_ID }], text: `${subject} is valid: no errors or warnings were found` },
        diagnostics: `${subject} is valid: no errors or warnings were found`,
      }],
    };
  }
  // Stable sort: most severe first, discovery order within a severity.
  const sorted = unique.map((issue, i) => ({ issue, i })).sort((a, b) => SEVERITY_ORDER[a.issue.severity] - SEVERITY_ORDER[b.issue.severity] || a.i - b.i);
  return { resourceType: 'OperationOutcome', issue: sorted.map(({ issue }) => toOutcomeIssue(issue)) };
}
