import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/model/issue.js';
import { ISSUE_ID_SYSTEM } from '../../src/outcome/issue-ids.js';
import { dedupeIssues, hasErrors, toOperationOutcome } from '../../src/outcome/operation-outcome.js';

const error: Issue = { severity: 'error', code: 'structure', ruleId: 'cardinality-min', message: 'Bundle.type: minimum required = 1, but only found 0', location: 'Bundle', position: { line: 1, column: 2 } };
const warning: Issue = { severity: 'warning', code: 'not-found', ruleId: 'reference-unresolved', message: "Can't find 'X'", location: 'Bundle.entry[0].resource.subject' };

describe('OperationOutcome builder', () => {
  it('gives one information issue when there are none', () => {
    const outcome = toOperationOutcome([]);
    expect(outcome.issue).toHaveLength(1);
    expect(outcome.issue[0]).toMatchObject({ severity: 'information', code: 'informational', details: { coding: [{ system: ISSUE_ID_SYSTEM, code: 'valid' }] } });
  });

  it('maps each issue: severity, code, rule id coding, diagnostics, expression, line/col extensions', () => {
    const outcome = toOperationOutcome([warning, error]);
    expect(outcome.issue[0]).toEqual({
      extension: [
        { url: 'http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-line', valueInteger: 1 },
        { url: 'http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-col', valueInteger: 2 },
      ],
      severity: 'error',
      code: 'structure',
      details: { coding: [{ system: ISSUE_ID_SYSTEM, code: 'cardinality-min' }], text: error.message },
      diagnostics: error.message,
      expression: ['Bundle'],
    });
    expect(outcome.issue[1].severity).toBe('warning');
    expect(outcome.issue[1].extension).toBeUndefined();
  });

  it('keeps extra codings (e.g. a BaRS error code) after the rule id', () => {
    const outcome = toOperationOutcome([{ ...error, extraCodings: [{ system: 'https://fhir.nhs.uk/CodeSystem/http-error-codes', code: 'REC_BAD_REQUEST' }] }]);
    expect(outcome.issue[0].details.coding.map((c) => c.code)).toEqual(['cardinality-min', 'REC_BAD_REQUEST']);
  });

  it('drops exact repeats but keeps the same rule at other places', () => {
    expect(dedupeIssues([error, error, { ...error, location: 'Bundle.entry[0]' }])).toHaveLength(2);
  });

  it('counts as a repeat only the same severity, rule, message and location, and keeps the first in order', () => {
    const noLocation: Issue = { severity: 'information', code: 'informational', ruleId: 'x', message: 'm' };
    const variants: Issue[] = [
      error,
      { ...error, severity: 'warning' },
      { ...error, ruleId: 'cardinality-max' },
      { ...error, message: 'another sentence' },
      { ...error, position: { line: 9, column: 9 } }, // a repeat: the position is not part of the finding
      noLocation,
      { ...noLocation },
      { ...noLocation, location: '' },
    ];
    expect(dedupeIssues(variants)).toEqual([variants[0], variants[1], variants[2], variants[3], variants[5]]);
  });

  it('knows when there is an error or fatal issue', () => {
    expect(hasErrors([warning])).toBe(false);
    expect(hasErrors([warning, error])).toBe(true);
    expect(hasErrors([{ ...warning, severity: 'fatal' }])).toBe(true);
  });
});
