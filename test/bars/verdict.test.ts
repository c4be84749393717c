import { describe, expect, it } from 'vitest';
import { barsIssue, BARS_RULE_SYSTEM, HTTP_ERROR_CODES_SYSTEM, HTTP_ERROR_CODES_SYSTEM_VARIANT, annotateWithBarsRule, outcomeOf } from '../../src/bars/issues.js';
import { barsCodeOfOutcomeIssue, ruleIdsOfOutcome, UKCORE_OPERATION_OUTCOME } from '../../src/bars/outcome.js';
import { decideVerdict } from '../../src/bars/verdict.js';
import type { Issue } from '../../src/model/issue.js';

describe('decideVerdict', () => {
  it('accepts with 200 when there are only warnings, and reports them', () => {
    const v = decideVerdict([barsIssue('CORE-BUNDLE-12', 'absolute fullUrl', 'Bundle.entry[3].fullUrl')], { outcomeId: 'x' });
    expect(v.status).toBe(200);
    expect(v.barsCode).toBeUndefined();
    expect(v.outcome.issue).toHaveLength(1);
    expect(v.outcome.issue[0]).toMatchObject({ severity: 'warning', expression: ['Bundle.entry[3].fullUrl'] });
    expect(barsCodeOfOutcomeIssue(v.outcome.issue[0])).toBeUndefined();
  });

  it('accepts with an informational issue when there is nothing to say', () => {
    const v = decideVerdict([]);
    expect(v.status).toBe(200);
    expect(v.outcome.issue).toEqual([{ severity: 'information', code: 'informational', diagnostics: 'The message was accepted.' }]);
  });

  it('answers with the status of the first failing stage: headers before resources', () => {
    const resource = barsIssue('CORE-COMMON-03', 'bad NHS number status', 'Bundle.entry[2].resource.identifier[0]');
    const header = barsIssue('CORE-HDR-12', 'Accept asks for another major version', 'Accept');
    const v = decideVerdict([resource, header]);
    expect(v).toMatchObject({ status: 406, barsCode: 'REC_NOT_ACCEPTABLE', stage: 'headers' });
    expect(ruleIdsOfOutcome(v.outcome)).toEqual(['CORE-HDR-12', 'CORE-COMMON-03']);
  });

  it('prefers 400 (invalid) over 422 (not supported here) within one stage', () => {
    const unsupported = barsIssue('CORE-MD-05', 'use case not supported');
    const invalid = barsIssue('CORE-MD-02', 'missing Consent', 'Bundle.entry');
    expect(decideVerdict([unsupported, invalid])).toMatchObject({ status: 400, stage: 'message-definition' });
    expect(decideVerdict([unsupported])).toMatchObject({ status: 422, barsCode: 'REC_UNPROCESSABLE_ENTITY' });
  });

  it('treats engine issues without a BaRS code as resource-stage 400s', () => {
    const engine: Issue = { severity: 'error', code: 'required', ruleId: 'cardinality-min', message: 'Patient.name: minimum 1', location: 'Bundle.entry[2].resource' };
    const v = decideVerdict([engine, barsIssue('CORE-BUNDLE-05', 'no versionId')]);
    expect(v).toMatchObject({ status: 400, stage: 'version' });
    const engineOnly = decideVerdict([engine]);
    expect(engineOnly).toMatchObject({ status: 400, barsCode: 'REC_BAD_REQUEST', stage: 'resource' });
    expect(barsCodeOfOutcomeIssue(engineOnly.outcome.issue[0])).toBe('REC_BAD_REQUEST');
  });

  it('shapes the OperationOutcome like the BaRS API examples', () => {
    const v = decideVerdict([barsIssue('CORE-HDR-01', 'The X-Request-ID header is missing.', 'X-Request-ID')], { outcomeId: 'oo-7' });
    expect(v.outcome).toEqual({
      resourceType: 'OperationOutcome',
      id: 'oo-7',
      meta: { profile: [UKCORE_OPERATION_OUTCOME] },
      issue: [
        {
          severity: 'error',
          code: 'required',
          details: {
            coding: [
              { system: HTTP_ERROR_CODES_SYSTEM, code: 'REC_BAD_REQUEST', display: '400 - REC_BAD_REQUEST' },
              { system: BARS_RULE_SYSTEM, code: 'CORE-HDR-01' },
            ],
          },
          diagnostics: 'The X-Request-ID header is missing.',
          expression: ['X-Request-ID'],
        },
      ],
    });
  });

  it('reads BaRS codes written with the Codesystem misspelling', () => {
    expect(barsCodeOfOutcomeIssue({ severity: 'error', code: 'duplicate', details: { coding: [{ system: HTTP_ERROR_CODES_SYSTEM_VARIANT, code: 'REC_CONFLICT' }] } })).toBe('REC_CONFLICT');
    const issue: Issue = { severity: 'error', code: 'value', ruleId: 'x', message: 'm', extraCodings: [{ system: HTTP_ERROR_CODES_SYSTEM_VARIANT, code: 'REC_UNPROCESSABLE_ENTITY' }] };
    expect(decideVerdict([issue]).status).toBe(422);
  });
});

describe('BaRS issues', () => {
  it('take code and BaRS code from the registry, or from another outcome of the rule', () => {
    expect(barsIssue('CORE-MD-01', 'unknown definition')).toMatchObject({ severity: 'error', code: 'not-supported', extraCodings: [{ code: 'REC_UNPROCESSABLE_ENTITY' }] });
    expect(barsIssue('CORE-MD-01', 'event mismatch', undefined, { outcome: outcomeOf('CORE-MD-01', 400) })).toMatchObject({ code: 'invariant', extraCodings: [{ code: 'REC_BAD_REQUEST' }] });
    expect(barsIssue('CORE-MH-05', 'no display', undefined, { warning: true })).not.toHaveProperty('extraCodings');
  });

  it('annotate FSH invariant issues (also .part keys) with the registry codes, keeping warnings', () => {
    const fromEngine: Issue = { severity: 'error', code: 'invariant', ruleId: 'APP-UEC-03.primary-phone', message: 'constraint failed' };
    expect(annotateWithBarsRule(fromEngine)).toMatchObject({ ruleId: 'APP-UEC-03', code: 'required', extraCodings: [{ code: 'APP-UEC-03.primary-phone' }, { code: 'REC_BAD_REQUEST' }] });
    const warning: Issue = { severity: 'warning', code: 'invariant', ruleId: 'APP-999CAS-08', message: 'authoredOn should be sent' };
    expect(annotateWithBarsRule(warning)).toEqual({ ...warning });
    const unknown: Issue = { severity: 'error', code: 'structure', ruleId: 'json-duplicate-key', message: 'm' };
    expect(annotateWithBarsRule(unknown)).toBe(unknown);
  });
});
