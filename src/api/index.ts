/** The public, typed surface of the validator. */
export { createValidator, type ReceiverCreateOptions, type ValidateOptions, type ValidationResult, type Validator, type ValidatorOptions } from './validator.js';
export type { ReceivedRequest, Receiver, ReceiverResponse } from '../bars/receiver.js';
export type { ApplicationId } from '../bars/message.js';
export type { ReceiverSupport, ApplicationSupport } from '../bars/support.js';
export { createMemoryStore, type IdempotencyStore, type MemoryStoreOptions } from '../bars/store.js';
export type { InputFormat } from './parse-input.js';
export { toOperationOutcome, hasErrors, type OperationOutcome, type OperationOutcomeIssue } from '../outcome/operation-outcome.js';
export { ISSUE_ID_SYSTEM } from '../outcome/issue-ids.js';
export type { Issue, IssueSeverity, IssueCode } from '../model/issue.js';
