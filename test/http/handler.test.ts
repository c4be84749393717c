/**
 * The framework-agnostic handler called directly (no server): what any receiver's own server gets
 * when it mounts it. Failures are OperationOutcomes in the format asked for, unexpected errors
 * never show a stack, a store that cannot be reached is a 503, and bytes are decoded as UTF-8.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { createValidator, type Validator } from '../../src/api/index.js';
import { createHttpHandler } from '../../src/http/handler.js';
import { StoreUnavailableError } from '../../src/http/store-errors.js';
import { headersFor } from '../bars/support/harness.js';
import { describeWithShared, repoRoot } from '../support/shared.js';

const VALID = readFileSync(join(repoRoot, 'fixtures/111-ed/valid/referral-new.json'), 'utf8');
const JSON_TYPE = { 'Content-Type': 'application/fhir+json' };
const issueCodes = (body: string) => (JSON.parse(body) as { issue: Array<{ code: string; details: { coding: Array<{ code: string }> } }> }).issue.map((i) => [i.code, ...i.details.coding.map((c) => c.code)]);

describeWithShared('createHttpHandler', () => {
  let validator: Validator;
  beforeAll(async () => {
    validator = await createValidator({ now: () => new Date('2025-03-14T12:00:00Z') });
  });

  it('answers a valid message from bytes as 200, and the same X-Request-ID again as 409', async () => {
    const handler = createHttpHandler({ validator });
    const headers = headersFor(JSON.parse(VALID), { 'X-Request-ID': crypto.randomUUID() });
    const request = { method: 'POST', url: '/$process-message', headers, body: new TextEncoder().encode(VALID) };
    const first = await handler.handle(request);
    expect(first.status).toBe(200);
    expect(first.headers['X-Request-ID']).toBe(headers['X-Request-ID']);
    expect((await handler.handle(request)).status).toBe(409);
    // store: null turns de-duplication off.
    const forgetful = createHttpHandler({ validator, store: null });
    expect((await forgetful.handle(request)).status).toBe(200);
    expect((await forgetful.handle(request)).status).toBe(200);
  });

  it('bytes that are not UTF-8 answer 400 with an OperationOutcome', async () => {
    const handler = createHttpHandler({ validator });
    const response = await handler.handle({ method: 'POST', url: '/$validate', headers: JSON_TYPE, body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) });
    expect(response.status).toBe(400);
    expect(issueCodes(response.body)).toEqual([['structure', 'REC_BAD_REQUEST', 'utf8-invalid']]);
  });

  it('a body over maxBodyBytes given as text answers 413 (counted in UTF-8 bytes)', async () => {
    const handler = createHttpHandler({ validator, maxBodyBytes: 100 });
    const small = await handler.handle({ method: 'POST', url: '/$validate', headers: JSON_TYPE, body: JSON.stringify({ resourceType: 'Patient' }) });
    expect(small.status).toBe(200);
    // 40 characters, 120 UTF-8 bytes.
    const wide = await handler.handle({ method: 'POST', url: '/$validate', headers: JSON_TYPE, body: JSON.stringify({ resourceType: 'Patient', x: '€'.repeat(40) }) });
    expect(wide.status).toBe(413);
    expect(wide.headers.Connection).toBe('close');
  });

  it('a store that throws answers 500 with an OperationOutcome and no stack; an unreachable one 503', async () => {
    const errors: unknown[] = [];
    const headers = headersFor(JSON.parse(VALID), { 'X-Request-ID': crypto.randomUUID() });
    const broken = createHttpHandler({ validator, onError: (e) => errors.push(e), store: { begin: () => { throw new Error('secret internal detail'); }, complete: () => undefined } });
    const crashed = await broken.handle({ method: 'POST', url: '/$process-message', headers, body: VALID });
    expect(crashed.status).toBe(500);
    expect(crashed.headers['Content-Type']).toMatch(/^application\/fhir\+json/);
    expect(issueCodes(crashed.body)).toEqual([['exception', 'REC_SERVER_ERROR', 'http-internal-error']]);
    expect(crashed.body).not.toMatch(/secret internal detail|at .*\.ts:\d+/);
    expect(errors).toHaveLength(1);
    const down = createHttpHandler({ validator, store: { begin: async () => { throw new StoreUnavailableError('connection refused'); }, complete: () => undefined } });
    const unavailable = await down.handle({ method: 'POST', url: '/$process-message', headers, body: VALID });
    expect(unavailable.status).toBe(503);
    expect(issueCodes(unavailable.body)).toEqual([['transient', 'REC_SERVICE_UNAVAILABLE', 'http-store-unavailable']]);
    expect(unavailable.headers['X-Request-ID']).toBe(headers['X-Request-ID']);
  });

  it('GET /_status runs its checks: a failing one makes it 503 fail, with the reason', async () => {
    const handler = createHttpHandler({ validator, statusChecks: { ok: () => undefined, 'redis:store': async () => { throw new Error('ECONNREFUSED'); } } });
    const response = await handler.handle({ method: 'GET', url: '/_status', headers: {} });
    expect(response.status).toBe(503);
    expect(JSON.parse(response.body)).toMatchObject({ status: 'fail', checks: { ok: [{ status: 'pass' }], 'redis:store': [{ status: 'fail', output: 'ECONNREFUSED' }] } });
  });

  it('reject() gives the server adapter its 413 / 408 / 500 answers in the format asked for, with the echoed ids', () => {
    const handler = createHttpHandler({ validator });
    const request = { url: '/$process-message', headers: { accept: 'application/fhir+xml', 'x-request-id': 'r-1', 'x-correlation-id': 'c-1' } };
    const timeout = handler.reject(request, 'timeout');
    expect(timeout.status).toBe(408);
    expect(timeout.headers).toMatchObject({ 'X-Request-ID': 'r-1', 'X-Correlation-ID': 'c-1', Connection: 'close' });
    expect(timeout.body).toContain('<code value="REC_TIMEOUT"/>');
    expect(handler.reject(request, 'body-too-large').status).toBe(413);
    expect(handler.reject({ url: '/', headers: {} }, 'error').status).toBe(500);
  });

  it('paths are matched with %24 for $ and a trailing slash, and a POST without Content-Type is 415', async () => {
    const handler = createHttpHandler({ validator });
    const patient = JSON.stringify({ resourceType: 'Patient' });
    expect((await handler.handle({ method: 'POST', url: '/%24validate/', headers: JSON_TYPE, body: patient })).status).toBe(200);
    expect((await handler.handle({ method: 'post', url: 'http://example.org/$validate?x=1', headers: JSON_TYPE, body: patient })).status).toBe(200);
    expect((await handler.handle({ method: 'POST', url: '/$validate', headers: {}, body: patient })).status).toBe(415);
  });

  it('$validate takes its input as Parameters too: the resource parameter is validated, with the profile parameters', async () => {
    const handler = createHttpHandler({ validator });
    const post = async (url: string, body: unknown) => {
      const response = await handler.handle({ method: 'POST', url, headers: JSON_TYPE, body: JSON.stringify(body) });
      const outcome = JSON.parse(response.body as string) as { issue: Array<{ severity: string; expression?: string[]; details: { coding: Array<{ code: string }> } }> };
      return { status: response.status, errors: outcome.issue.filter((i) => i.severity === 'error').map((i) => [i.expression?.[0], i.details.coding[0].code]) };
    };
    const wrap = (resource: unknown, profile?: string) => ({
      resourceType: 'Parameters',
      parameter: [{ name: 'resource', resource }, ...(profile ? [{ name: 'profile', valueUri: profile }] : []), { name: 'mode', valueCode: 'create' }],
    });
    expect(await post('/$validate', wrap({ resourceType: 'Patient', gender: 'male' }))).toEqual({ status: 200, errors: [] });
    expect(await post('/$validate', wrap({ resourceType: 'Patient', gender: 'bogus' }))).toEqual({ status: 200, errors: [['Patient.gender', 'binding-required']] });
    // The profile parameter applies: BaRS's Patient needs an identifier, among others.
    const profiled = await post('/$validate', wrap({ resourceType: 'Patient', gender: 'male' }, 'https://fhir.nhs.uk/StructureDefinition/BARSPatient-uec'));
    expect(profiled.errors.length).toBeGreaterThan(0);
    // The type in the path is checked against the wrapped resource.
    expect((await post('/Patient/$validate', wrap({ resourceType: 'Patient' }))).status).toBe(200);
    expect((await post('/Observation/$validate', wrap({ resourceType: 'Patient' }))).status).toBe(400);
    // A Parameters resource without a resource parameter is itself what is validated.
    expect(await post('/$validate', { resourceType: 'Parameters', parameter: [{ name: 'x', valueString: 'y' }] })).toEqual({ status: 200, errors: [] });
  });
});
