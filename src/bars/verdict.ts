/**
 * The receiver verdict: HTTP status and OperationOutcome from a message's issues.
 * Policy (core-rules.md §0): a message with any error is rejected as a whole; the status is that
 * of the first failing stage (headers → transactional integrity → Bundle structure → versionId →
 * MessageHeader → MessageDefinition → workflow variables → resource rules → state); within that
 * stage "invalid" (400) outranks "valid but not processable here" (422). Warnings alone give 200.
 */
import type { Issue } from '../model/issue.js';
import { barsCodeOf, statusOfBarsCode } from './issues.js';
import { buildOperationOutcome, outcomeIssue, type OperationOutcome } from './outcome.js';
import { findRule } from './rules/registry.js';
import { VERDICT_STAGES, type BarsErrorCode, type VerdictStage } from './rules/types.js';

export interface Verdict {
  status: number;
  /** BaRS code of the verdict; absent when accepted. */
  barsCode?: BarsErrorCode;
  /** The first failing stage; absent when accepted. */
  stage?: VerdictStage;
  outcome: OperationOutcome;
}

/** Stage of an issue: its rule's stage, or resource rules for issues from the profile engine. */
export function stageOf(issue: Issue): VerdictStage {
  return findRule(issue.ruleId)?.stage ?? 'resource';
}

const isError = (issue: Issue): boolean => issue.severity === 'error' || issue.severity === 'fatal';

/** Errors without a BaRS code (profile-engine issues) are content failures: 400 REC_BAD_REQUEST. */
function codeOf(issue: Issue): BarsErrorCode {
  return barsCodeOf(issue) ?? 'REC_BAD_REQUEST';
}

export interface DecideOptions {
  /** OperationOutcome.id; a random UUID by default. */
  outcomeId?: string;
}

export function decideVerdict(issues: readonly Issue[], options: DecideOptions = {}): Verdict {
  const id = options.outcomeId ?? crypto.randomUUID();
  const errors = issues.filter(isError);
  if (errors.length === 0) {
    const reported = issues.length > 0 ? issues.map((i) => outcomeIssue(i)) : [{ severity: 'information' as const, code: 'informational', diagnostics: 'The message was accepted.' }];
    return { status: 200, outcome: buildOperationOutcome(id, reported) };
  }
  const rank = (issue: Issue): number => VERDICT_STAGES.indexOf(stageOf(issue));
  const firstStage = Math.min(...errors.map(rank));
  const deciding = errors.filter((e) => rank(e) === firstStage);
  const barsCode = deciding.map(codeOf).sort((a, b) => statusOfBarsCode(a) - statusOfBarsCode(b))[0];
  // Issues of the deciding stage first, then the rest in their reported order; warnings last.
  const ordered = [...deciding, ...errors.filter((e) => rank(e) !== firstStage), ...issues.filter((i) => !isError(i))];
  return {
    status: statusOfBarsCode(barsCode),
    barsCode,
    stage: VERDICT_STAGES[firstStage],
    outcome: buildOperationOutcome(id, ordered.map((i) => outcomeIssue(i, 'REC_BAD_REQUEST'))),
  };
}
