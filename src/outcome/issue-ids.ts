/**
 * The project's own code system for issue ids (documented in docs/issue-codes.md). Every
 * OperationOutcome issue carries one coding from it: an invariant key (`ele-1`, `bdl-7`,
 * a profile's key), a BaRS rule id, or one of the engine's message ids (`cardinality-min`).
 */
export const ISSUE_ID_SYSTEM = 'urn:bars-validator:issue';

/** Extensions the HL7 Java validator uses for the source position of an issue. */
export const ISSUE_LINE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-line';
export const ISSUE_COL_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-col';
/** The definition (profile) that raised the issue, as the Java validator reports it. */
export const ISSUE_SOURCE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-source';

/** The id of the single information issue of a valid resource. */
export const VALID_ISSUE_ID = 'valid';
