/**
 * The Node-free public surface: everything here runs in a browser when handed its definitions
 * (FHIR packages as plain JSON). `index.ts` adds the Node entry createValidator(), which loads them from disk.
 *
 * @module bars-validator/browser
 */
export { createValidatorCore, type FhirPathSettings, type ReceiverCreateOptions, type ValidateOptions, type ValidationResult, type Validator, type ValidatorCoreOptions, type ValidatorSettings } from './core.js';
export { createDefinitionSet } from '../defs/definition-set.js';
export type { ConformanceResource, DefinitionSet, FhirPackage } from '../defs/types.js';
export type { ReceivedRequest, Receiver, ReceiverResponse } from '../bars/receiver.js';
export type { HeaderInput } from '../bars/headers.js';
export type { BarsErrorCode } from '../bars/rules/types.js';
export type { OperationOutcome as BarsOperationOutcome, OperationOutcomeIssue as BarsOperationOutcomeIssue, OutcomeCoding } from '../bars/outcome.js';
export type { ProfileSelector } from '../instance/walker.js';
export { DEFAULT_LIMITS, type ValidationLimits } from '../model/limits.js';
export type { FhirFormat } from '../formats/detect.js';
export type { ApplicationId } from '../bars/message.js';
export type { ReceiverSupport, ApplicationSupport } from '../bars/support.js';
export { createMemoryStore, type AttemptInfo, type BeginResult, type IdempotencyStore, type MemoryIdempotencyStore, type MemoryStoreOptions, type StoredResult } from '../bars/store.js';
export type { InputFormat } from './parse-input.js';
export { toOperationOutcome, hasErrors, type OperationOutcome, type OperationOutcomeIssue } from '../outcome/operation-outcome.js';
export { ISSUE_ID_SYSTEM } from '../outcome/issue-ids.js';
export type { Issue, IssueSeverity, IssueCode, SourcePosition } from '../model/issue.js';
export type { FhirPathBooleanResult, NativeCrossCheck } from '../fhirpath/index.js';
