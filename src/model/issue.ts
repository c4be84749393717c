/**
 * The one shape every check reports. Checks never build OperationOutcome JSON
 * or location strings themselves: they describe what failed, and the walker
 * supplies `location` from its path stack (see src/instance/).
 */
export type IssueSeverity = 'fatal' | 'error' | 'warning' | 'information';

/** FHIR R4 IssueType codes (http://hl7.org/fhir/issue-type). */
export type IssueCode =
  | 'invalid' | 'structure' | 'required' | 'value' | 'invariant'
  | 'security' | 'login' | 'unknown' | 'expired' | 'forbidden' | 'suppressed'
  | 'processing' | 'not-supported' | 'duplicate' | 'multiple-matches' | 'not-found'
  | 'deleted' | 'too-long' | 'code-invalid' | 'extension' | 'too-costly'
  | 'business-rule' | 'conflict' | 'transient' | 'lock-error' | 'no-store'
  | 'exception' | 'timeout' | 'incomplete' | 'throttled' | 'informational';

/** Where in the source text an element sits (1-based). */
export interface SourcePosition {
  line: number;
  column: number;
}

export interface Issue {
  severity: IssueSeverity;
  code: IssueCode;
  /** Stable id of the kind of failure or of the rule (an invariant key, a BaRS rule id, or a project message id). */
  ruleId: string;
  /** One sentence: what was expected and what was found. */
  message: string;
  /** FHIRPath location, e.g. `Bundle.entry[2].resource.subject`. */
  location?: string;
  /** Line/column in the JSON or XML source, where known. */
  position?: SourcePosition;
  /** Canonical URL (with |version where known) of the definition that raised the issue. */
  definition?: string;
  /** Extra codings for details (e.g. the BaRS http-error-code) beside the rule id. */
  extraCodings?: Array<{ system: string; code: string; display?: string }>;
}

/** The issue with a source position, copied field by field (a spread of issues of many shapes is V8's slow path). */
export function withPosition(issue: Issue, position: SourcePosition): Issue {
  const out: Issue = { severity: issue.severity, code: issue.code, ruleId: issue.ruleId, message: issue.message };
  if (issue.location !== undefined) out.location = issue.location;
  out.position = position;
  if (issue.definition !== undefined) out.definition = issue.definition;
  if (issue.extraCodings !== undefined) out.extraCodings = issue.extraCodings;
  return out;
}
