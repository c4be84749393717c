/**
 * Shapes of the BaRS rule registry: every rule id of the spec as data, with the stage of the
 * receiver pipeline it belongs to and the HTTP status / BaRS error code / FHIR issue code it fails with.
 */
import type { IssueCode } from '../../model/issue.js';

/** Receiver pipeline stages in the order the spec uses to pick the status of a rejected message. */
export const VERDICT_STAGES = [
  'headers',
  'transactional-integrity',
  'bundle-structure',
  'version',
  'message-header',
  'message-definition',
  'workflow',
  'resource',
  'state',
] as const;
export type VerdictStage = (typeof VERDICT_STAGES)[number];

/** Receiver-side BaRS error codes (system https://fhir.nhs.uk/CodeSystem/http-error-codes). */
export type BarsErrorCode =
  | 'REC_BAD_REQUEST'
  | 'REC_UNAUTHORIZED'
  | 'REC_FORBIDDEN'
  | 'REC_NOT_FOUND'
  | 'REC_NOT_ACCEPTABLE'
  | 'REC_TIMEOUT'
  | 'REC_CONFLICT'
  | 'REC_UNPROCESSABLE_ENTITY'
  | 'REC_TOO_EARLY'
  | 'REC_TOO_MANY_REQUESTS'
  | 'REC_SERVER_ERROR'
  | 'REC_NOT_IMPLEMENTED'
  | 'REC_SERVICE_UNAVAILABLE';

export interface FailureOutcome {
  /** 200 for warning-only rules: the message is still accepted. */
  status: number;
  /** Absent for warning-only rules (an accepted message carries no error code). */
  barsCode?: BarsErrorCode;
  issueCode: IssueCode;
}

/** Why a rule is not checked by this layer. */
export type NotCheckedReason =
  | 'stateful' // needs earlier messages or receiver data beyond the idempotency store
  | 'sender-side' // only meaningful when pre-flighting an outbound message
  | 'config' // needs receiver configuration this layer does not take yet
  | 'runtime' // a property of the running service (timing), not of a message
  | 'output' // an obligation on what the receiver returns, met by the outcome builder
  | 'engine' // done by the profile engine (the injected validate function)
  | 'covered' // an aggregate of other rules, each checked under its own id
  | 'advisory'; // states no checkable condition

export type RuleSeverity = 'error' | 'warning' | 'information' | 'none';

export type RuleKind = 'implemented-ts' | 'fsh-invariant' | 'not-checked';

export interface RuleDefinition {
  id: string;
  /** What must hold, in one sentence. */
  title: string;
  /** Severity of the main failure (some rules also report advisory parts as warnings). */
  severity: RuleSeverity;
  stage: VerdictStage;
  /** Status/code of the main failure; warnings-only rules keep the status of the class for reference. */
  onFailure: FailureOutcome;
  /** Further outcomes the spec names for the same rule (e.g. 422 when a valid code is unsupported). */
  otherOutcomes?: FailureOutcome[];
  /** IG source page(s), as the spec cites them. */
  source: string;
  kind: RuleKind;
  reason?: NotCheckedReason;
  /** Why, in a few words, when not checked or only partly checked. */
  note?: string;
}
