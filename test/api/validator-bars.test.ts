/**
 * The public API's BaRS surface: validate() applies the BaRS message layer to BaRS messages only,
 * receive() gives the receiver verdict (payload-only without headers), and each receiver keeps its
 * own duplicate-request store.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { createValidator, type Validator } from '../../src/api/index.js';
import { headersFor } from '../bars/support/harness.js';
import { describeWithShared, repoRoot, sharedPath } from '../support/shared.js';

const VALID = join(repoRoot, 'fixtures/111-ed/valid/referral-new.json');
const TWO_APPOINTMENTS = join(repoRoot, 'fixtures/111-ed/invalid/appointment-two.json');
const errorRules = (outcome: { issue: Array<{ severity: string; details?: { coding?: Array<{ system?: string; code?: string }> } }> }) =>
  outcome.issue.filter((i) => i.severity === 'error' || i.severity === 'fatal').map((i) => i.details?.coding?.find((c) => c.system === 'https://fhir.nhs.uk/bars-validator/rule')?.code);

describeWithShared('createValidator: BaRS messages', () => {
  let v: Validator;
  beforeAll(async () => {
    v = await createValidator({ now: () => new Date('2025-03-14T12:00:00Z') });
  });

  it('validate() reports the BaRS rules of a BaRS message, and says the header rules were not checked', () => {
    const issues = v.validateToIssues(readFileSync(TWO_APPOINTMENTS, 'utf8')).issues;
    expect(issues.filter((i) => i.severity === 'error').map((i) => i.ruleId).sort()).toEqual(['CORE-APPT-01', 'CORE-MD-02']);
    expect(issues.some((i) => i.ruleId === 'bars-headers-not-checked' && i.severity === 'information')).toBe(true);
    expect(v.validateToIssues(readFileSync(TWO_APPOINTMENTS, 'utf8'), { bars: false }).issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('validate() leaves a FHIR message that is not a BaRS one to the profile engine alone', () => {
    const message = { resourceType: 'Bundle', type: 'message', timestamp: '2025-01-01T00:00:00Z', entry: [{ fullUrl: 'urn:uuid:5b1a2e8c-1f6d-4c55-9f4e-2c3b4a5d6e7f', resource: { resourceType: 'MessageHeader', eventUri: 'http://example.org/event', source: { endpoint: 'http://example.org/src' } } }] };
    const issues = v.validateToIssues(message).issues;
    expect(issues.filter((i) => i.ruleId.startsWith('CORE-') || i.ruleId.startsWith('bars-'))).toEqual([]);
  });

  it('receive() answers 200 for a valid message with headers, 409 for its repeat, and keeps receivers apart', async () => {
    const body = readFileSync(VALID, 'utf8');
    const headers = headersFor(JSON.parse(body));
    const first = await v.receive({ headers, body });
    expect(first.status).toBe(200);
    expect(first.responseHeaders['X-Request-ID']).toBe(headers['X-Request-ID']);
    const again = await v.receive({ headers, body });
    expect([again.status, again.barsCode]).toEqual([409, 'REC_CONFLICT']);
    expect((await v.createReceiver().receive({ headers, body })).status).toBe(200);
  });

  it('receive() reads XML bodies with the project reader, and issues carry their line and column', async () => {
    const xml = readFileSync(sharedPath('bars-ig', 'Examples', 'REFREQ01 - Referral Service Request New Full - 111 to ED.xml'), 'utf8');
    const result = await v.createReceiver({ store: null }).receive({ body: xml });
    expect(result.status).toBe(400);
    const nonUtc = result.issues.find((i) => i.ruleId === 'CORE-TIME-03')!;
    expect(nonUtc.position?.line).toBeGreaterThan(1);
    const lineOfOffset = xml.split('\n').findIndex((l) => l.includes('2021-02-19T07:15:00+10:00')) + 1;
    expect(nonUtc.position?.line).toBe(lineOfOffset);
    expect(result.issues.filter((i) => i.severity === 'error').every((i) => i.position !== undefined)).toBe(true);
  });

  it('receive() without headers is a payload-only check: no header or duplicate rules, and the outcome says so', async () => {
    const body = readFileSync(TWO_APPOINTMENTS, 'utf8');
    const result = await v.receive({ body });
    expect([result.status, result.barsCode]).toEqual([400, 'REC_BAD_REQUEST']);
    expect(errorRules(result.outcome).sort()).toEqual(['CORE-APPT-01', 'CORE-MD-02']);
    expect(result.issues.some((i) => i.ruleId === 'bars-headers-not-checked')).toBe(true);
    expect((await v.receive({ body })).status).toBe(400);
  });
});

describeWithShared('createValidator: the receiver verdicts of issue 5 ("Done when"), through validator.receive', () => {
  let v: Validator;
  const referral = () => JSON.parse(readFileSync(VALID, 'utf8')) as { meta: { versionId?: string }; entry: Array<{ resource: { resourceType: string } }> };
  const issueCodes = (outcome: { issue: Array<{ severity: string; code: string }> }) => outcome.issue.filter((i) => i.severity === 'error').map((i) => i.code);
  beforeAll(async () => {
    v = await createValidator({ now: () => new Date('2025-03-14T12:00:00Z') });
  });

  it('a valid 111→ED message answers 200', async () => {
    const body = referral();
    const result = await v.createReceiver().receive({ headers: headersFor(body), body: JSON.stringify(body) });
    expect([result.status, result.barsCode]).toEqual([200, undefined]);
    expect(result.outcome.issue.filter((i) => i.severity === 'error' || i.severity === 'fatal')).toEqual([]);
  });

  it('with the MessageHeader removed it answers 400 REC_BAD_REQUEST', async () => {
    const body = referral();
    const headers = headersFor(body);
    body.entry = body.entry.filter((e) => e.resource.resourceType !== 'MessageHeader');
    const result = await v.createReceiver().receive({ headers, body: JSON.stringify(body) });
    expect([result.status, result.barsCode]).toEqual([400, 'REC_BAD_REQUEST']);
    expect(errorRules(result.outcome)).toContain('CORE-BUNDLE-09');
  });

  it('with an unsupported Bundle.meta.versionId it answers 422 REC_UNPROCESSABLE_ENTITY', async () => {
    const body = referral();
    body.meta.versionId = '9.0.0';
    const result = await v.createReceiver().receive({ headers: headersFor(body), body: JSON.stringify(body) });
    expect([result.status, result.barsCode]).toEqual([422, 'REC_UNPROCESSABLE_ENTITY']);
    expect(errorRules(result.outcome)).toContain('CORE-BUNDLE-06');
    expect(issueCodes(result.outcome)).toContain('not-supported');
  });

  it('sent twice with the same X-Request-ID through one receiver, the second answers 409 duplicate', async () => {
    const body = JSON.stringify(referral());
    const headers = headersFor(JSON.parse(body));
    const receiver = v.createReceiver();
    expect((await receiver.receive({ headers, body })).status).toBe(200);
    const second = await receiver.receive({ headers, body });
    expect([second.status, second.barsCode]).toEqual([409, 'REC_CONFLICT']);
    expect(issueCodes(second.outcome)).toEqual(['duplicate']);
    expect(errorRules(second.outcome)).toEqual(['CORE-TI-01']);
  });
});
