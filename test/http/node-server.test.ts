/**
 * The HTTP service over a real socket (127.0.0.1, a free port): the BaRS receiver verdicts of
 * POST /$process-message (200 / 400 / 409 with the in-memory and the Redis store), the size
 * limit (413), media types (415, XML in and out), /metadata, /_status, $validate with ?profile=,
 * the echoed request headers, the request timeout (408) and graceful shutdown.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createValidator, type Validator } from '../../src/api/index.js';
import { createTypeModel } from '../../src/formats/type-model.js';
import { writeFhirXml } from '../../src/formats/xml-writer.js';
import { createHttpHandler } from '../../src/http/handler.js';
import { startServer, type RunningServer } from '../../src/http/node-server.js';
import { connectRedisStore, type ConnectedRedisStore } from '../../src/http/redis-store.js';
import { CORRELATION_ID, headersFor } from '../bars/support/harness.js';
import { describeWithShared, repoRoot } from '../support/shared.js';
import { accepts, openRaw, send, sendChunked, sendStreaming } from './support/client.js';
import { describeWithRedis, REDIS_URL, uniquePrefix } from './support/redis.js';

const VALID_PATH = join(repoRoot, 'fixtures/111-ed/valid/referral-new.json');
const validText = (): string => readFileSync(VALID_PATH, 'utf8');
const MAX_BODY = 64 * 1024;
type Outcome = { resourceType: string; issue: Array<{ severity: string; code: string; details?: { coding?: Array<{ system: string; code: string }> } }> };
const codes = (outcome: Outcome, system: string): string[] => outcome.issue.flatMap((i) => i.details?.coding?.filter((c) => c.system === system).map((c) => c.code) ?? []);
const barsCodes = (outcome: Outcome) => codes(outcome, 'https://fhir.nhs.uk/CodeSystem/http-error-codes');
const ruleIds = (outcome: Outcome) => codes(outcome, 'https://fhir.nhs.uk/bars-validator/rule');
const errorsOf = (outcome: Outcome) => outcome.issue.filter((i) => i.severity === 'error' || i.severity === 'fatal');
/** Headers for the valid message with a fresh X-Request-ID (so tests do not collide in the store). */
const freshHeaders = (message: unknown = JSON.parse(validText())): Record<string, string> => headersFor(message, { 'X-Request-ID': crypto.randomUUID() });

describeWithShared('HTTP service over a socket', () => {
  let validator: Validator;
  let running: RunningServer;
  let base: string;

  beforeAll(async () => {
    validator = await createValidator({ now: () => new Date('2025-03-14T12:00:00Z') });
    running = await startServer({ handler: createHttpHandler({ validator, maxBodyBytes: MAX_BODY, softwareVersion: '9.9.9-test' }), port: 0 });
    base = running.url;
  });
  afterAll(async () => {
    await running?.close();
  });

  it('POST /$process-message: a valid 111→ED referral answers 200 with an OperationOutcome and echoes both ids', async () => {
    const headers = freshHeaders();
    const answer = await send(base, '/$process-message', { headers, body: validText() });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect(answer.headers.get('x-request-id')).toBe(headers['X-Request-ID']);
    expect(answer.headers.get('x-correlation-id')).toBe(CORRELATION_ID);
    const outcome = answer.json() as unknown as Outcome;
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(errorsOf(outcome)).toEqual([]);
  });

  it('POST /$process-message: the message without its MessageHeader answers 400 REC_BAD_REQUEST (CORE-BUNDLE-09)', async () => {
    const message = JSON.parse(validText()) as { entry: Array<{ resource: { resourceType: string } }> };
    const headers = freshHeaders(message);
    message.entry = message.entry.filter((e) => e.resource.resourceType !== 'MessageHeader');
    const answer = await send(base, '/$process-message', { headers, body: JSON.stringify(message) });
    expect(answer.status).toBe(400);
    const outcome = answer.json() as unknown as Outcome;
    expect(barsCodes(outcome)).toContain('REC_BAD_REQUEST');
    expect(ruleIds(outcome)).toContain('CORE-BUNDLE-09');
    expect(answer.headers.get('x-request-id')).toBe(headers['X-Request-ID']);
  });

  it('POST /$process-message: the same X-Request-ID again answers 409 REC_CONFLICT duplicate (in-memory store)', async () => {
    const headers = freshHeaders();
    expect((await send(base, '/$process-message', { headers, body: validText() })).status).toBe(200);
    const again = await send(base, '/$process-message', { headers, body: validText() });
    expect(again.status).toBe(409);
    const outcome = again.json() as unknown as Outcome;
    expect(barsCodes(outcome)).toEqual(['REC_CONFLICT']);
    expect(errorsOf(outcome).map((i) => i.code)).toEqual(['duplicate']);
    expect(ruleIds(outcome)).toEqual(['CORE-TI-01']);
    expect(again.headers.get('x-request-id')).toBe(headers['X-Request-ID']);
  });

  it('POST /$process-message: the message as FHIR XML is read and answers 200; Accept XML gets the outcome as XML', async () => {
    const xml = writeFhirXml(JSON.parse(validText()) as Record<string, unknown>, createTypeModel(validator.definitions));
    const accepted = await send(base, '/$process-message', { headers: { ...freshHeaders(), 'Content-Type': 'application/fhir+xml' }, body: xml });
    expect(accepted.status).toBe(200);
    expect(errorsOf(accepted.json() as unknown as Outcome)).toEqual([]);
    const asXml = await send(base, '/$process-message', { headers: { ...freshHeaders(), 'Content-Type': 'application/fhir+xml', Accept: 'application/fhir+xml' }, body: xml });
    // BaRS senders must Accept application/fhir+json (CORE-HDR-12): the verdict is 406, written in the XML asked for.
    expect(asXml.status).toBe(406);
    expect(asXml.headers.get('content-type')).toMatch(/^application\/fhir\+xml/);
    expect(asXml.text).toMatch(/^<OperationOutcome xmlns="http:\/\/hl7.org\/fhir">/);
    expect(asXml.text).toContain('<code value="REC_NOT_ACCEPTABLE"/>');
  });

  it('an oversized body answers 413 with an OperationOutcome, whether declared by Content-Length or streamed chunked', async () => {
    const headers = freshHeaders();
    const big = JSON.stringify({ resourceType: 'Bundle', type: 'message', padding: 'x'.repeat(MAX_BODY) });
    const declared = await send(base, '/$process-message', { headers, body: big });
    expect(declared.status).toBe(413);
    const outcome = declared.json() as unknown as Outcome;
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue[0]).toMatchObject({ severity: 'error', code: 'too-long' });
    expect(ruleIds(outcome)).toEqual(['http-body-too-large']);
    expect(declared.headers.get('x-request-id')).toBe(headers['X-Request-ID']);

    const chunked = await sendChunked(base, '/$validate', { 'Content-Type': 'application/fhir+json' }, Array.from({ length: 8 }, () => 'y'.repeat(MAX_BODY / 4)));
    expect(chunked.status).toBe(413);
    expect(ruleIds(JSON.parse(chunked.text) as Outcome)).toEqual(['http-body-too-large']);
    // The service keeps serving after refusing.
    expect((await send(base, '/_status')).status).toBe(200);
  });

  it('a streamed body far over the (default, 10 MiB) limit still gets its 413: the answer is written before the rest is drained, not lost to a reset connection', async () => {
    // Closing at once with the client's bytes unread reset the connection: the client, still writing, got EPIPE and no answer.
    const defaults = await startServer({ handler: createHttpHandler({ validator }), port: 0 });
    try {
      for (const path of ['/$validate', '/$process-message']) {
        const answer = await sendStreaming(defaults.url, path, freshHeaders(), new Uint8Array(40 * 1024 * 1024).fill(0x20), false);
        expect(answer.status).toBe(413);
        expect(answer.headers.connection).toBe('close');
        expect(ruleIds(JSON.parse(answer.text) as Outcome)).toEqual(['http-body-too-large']);
        expect(answer.bytesSentBeforeAnswer).toBeLessThan(answer.bodyBytes);
      }
      expect((await send(defaults.url, '/_status')).status).toBe(200);
    } finally {
      await defaults.close();
    }
  });

  it('a body that is not FHIR JSON or XML by Content-Type answers 415 with an OperationOutcome', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
      const answer = await send(base, '/$process-message', { headers: { ...freshHeaders(), 'Content-Type': contentType }, body: validText() });
      expect(answer.status).toBe(415);
      expect(ruleIds(answer.json() as unknown as Outcome)).toEqual(['http-unsupported-media-type']);
    }
  });

  it('GET /metadata is a CapabilityStatement naming both operations, both formats and the BaRS MessageDefinitions; XML when asked', async () => {
    const answer = await send(base, '/metadata', { headers: { 'X-Request-ID': 'c1ab3fba-6bae-4ba4-b257-5a87c44d4a91' } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-request-id')).toBe('c1ab3fba-6bae-4ba4-b257-5a87c44d4a91');
    const statement = answer.json() as { resourceType: string; fhirVersion: string; format: string[]; software: { version: string }; rest: Array<{ operation: Array<{ name: string; definition: string }> }>; messaging: Array<{ supportedMessage: Array<{ definition: string }> }> };
    expect(statement.resourceType).toBe('CapabilityStatement');
    expect(statement.fhirVersion).toBe('4.0.1');
    expect(statement.format).toEqual(['application/fhir+json', 'application/fhir+xml']);
    expect(statement.software.version).toBe('9.9.9-test');
    expect(statement.rest[0].operation.map((o) => o.name)).toEqual(['validate', 'process-message']);
    expect(statement.messaging[0].supportedMessage.some((m) => m.definition.startsWith('https://fhir.nhs.uk/MessageDefinition/'))).toBe(true);
    const xml = await send(base, '/metadata', { headers: { Accept: 'application/fhir+xml' } });
    expect(xml.headers.get('content-type')).toMatch(/^application\/fhir\+xml/);
    expect(xml.text).toContain('<CapabilityStatement xmlns="http://hl7.org/fhir">');
    expect(xml.text).toContain('<fhirVersion value="4.0.1"/>');
    expect((await send(base, '/metadata?_format=xml')).text).toContain('<CapabilityStatement');
  });

  it('GET /_status answers pass', async () => {
    const answer = await send(base, '/_status');
    expect(answer.status).toBe(200);
    expect(answer.json()).toMatchObject({ status: 'pass', version: '9.9.9-test', checks: {} });
  });

  it('POST /$validate validates any resource; ?profile= adds a profile; a Type in the path must match the body', async () => {
    const patient = JSON.stringify({ resourceType: 'Patient', active: true });
    const plain = await send(base, '/$validate', { headers: { 'Content-Type': 'application/fhir+json' }, body: patient });
    expect(plain.status).toBe(200);
    expect(errorsOf(plain.json() as unknown as Outcome)).toEqual([]);
    const profiled = await send(base, `/$validate?profile=${encodeURIComponent('https://fhir.nhs.uk/StructureDefinition/BARSPatient-uec')}`, { headers: { 'Content-Type': 'application/fhir+json' }, body: patient });
    expect(profiled.status).toBe(200); // $validate reports problems in the outcome, not the status
    const profiledErrors = errorsOf(profiled.json() as unknown as Outcome);
    expect(profiledErrors.length).toBeGreaterThan(0);
    expect(JSON.stringify(profiledErrors)).toContain('Patient.contact');
    expect((await send(base, '/Patient/$validate', { headers: { 'Content-Type': 'application/fhir+json' }, body: patient })).status).toBe(200);
    const mismatch = await send(base, '/Observation/$validate', { headers: { 'Content-Type': 'application/fhir+json' }, body: patient });
    expect(mismatch.status).toBe(400);
    expect(ruleIds(mismatch.json() as unknown as Outcome)).toEqual(['http-resource-type-mismatch']);
    const unreadable = await send(base, '/$validate', { headers: { 'Content-Type': 'application/fhir+json' }, body: '{"resourceType": "Patient",' });
    expect(unreadable.status).toBe(400);
    expect(errorsOf(unreadable.json() as unknown as Outcome)[0]).toMatchObject({ severity: 'fatal', code: 'structure' });
  });

  it('POST /$validate reads FHIR XML; a body that contradicts its Content-Type is reported', async () => {
    const xml = '<Patient xmlns="http://hl7.org/fhir"><active value="true"/><gender value="female"/></Patient>';
    const answer = await send(base, '/$validate', { headers: { 'Content-Type': 'application/fhir+xml' }, body: xml });
    expect(answer.status).toBe(200);
    expect(errorsOf(answer.json() as unknown as Outcome)).toEqual([]);
    const badGender = xml.replace('female', 'purple');
    const invalid = await send(base, '/$validate', { headers: { 'Content-Type': 'application/fhir+xml', Accept: 'application/fhir+xml' }, body: badGender });
    expect(invalid.status).toBe(200);
    expect(invalid.text).toContain('<severity value="error"/>');
    const mislabelled = await send(base, '/$validate', { headers: { 'Content-Type': 'application/fhir+xml' }, body: JSON.stringify({ resourceType: 'Patient' }) });
    expect(mislabelled.status).toBe(400);
  });

  it('unknown paths answer 404 and wrong methods 405 (with Allow), each with an OperationOutcome and the echoed ids', async () => {
    const ids = { 'X-Request-ID': crypto.randomUUID(), 'X-Correlation-ID': CORRELATION_ID };
    const missing = await send(base, '/Patient/123', { headers: ids });
    expect(missing.status).toBe(404);
    expect(barsCodes(missing.json() as unknown as Outcome)).toEqual(['REC_NOT_FOUND']);
    expect(missing.headers.get('x-correlation-id')).toBe(CORRELATION_ID);
    const wrong = await send(base, '/$process-message', { method: 'GET', headers: ids });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    expect(barsCodes(wrong.json() as unknown as Outcome)).toEqual(['REC_METHOD_NOT_ALLOWED']);
    expect(wrong.headers.get('x-request-id')).toBe(ids['X-Request-ID']);
    expect((await send(base, '/metadata', { method: 'DELETE' })).status).toBe(405);
  });

  it('Accept naming only formats the service cannot write answers 406 (outside $process-message, where the BaRS rules decide)', async () => {
    const answer = await send(base, '/metadata', { headers: { Accept: 'text/html' } });
    expect(answer.status).toBe(406);
    expect(barsCodes(answer.json() as unknown as Outcome)).toEqual(['REC_NOT_ACCEPTABLE']);
  });
});

describeWithShared('HTTP service: request timeout and graceful shutdown', () => {
  let validator: Validator;
  beforeAll(async () => {
    validator = await createValidator({ now: () => new Date('2025-03-14T12:00:00Z') });
  });

  it('a request whose body does not arrive in time answers 408 with an OperationOutcome and the connection closes', async () => {
    const running = await startServer({ handler: createHttpHandler({ validator }), port: 0, requestTimeoutMs: 300 });
    try {
      const raw = await openRaw(running.port);
      raw.write(`POST /$validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/fhir+json\r\nX-Request-ID: ${crypto.randomUUID()}\r\nContent-Length: 100\r\n\r\n{"resourceType":`);
      const answer = await raw.response();
      expect(answer.status).toBe(408);
      expect(answer.headers.connection).toBe('close');
      const outcome = JSON.parse(answer.body) as Outcome;
      expect(outcome.issue[0]).toMatchObject({ severity: 'error', code: 'timeout' });
      expect(barsCodes(outcome)).toEqual(['REC_TIMEOUT']);
      // The rest of the body never comes: the connection is closed after a short linger, not held open.
      if (!raw.socket.destroyed) await new Promise((closed) => raw.socket.once('close', closed));
    } finally {
      await running.close();
    }
  });

  it('close() stops accepting, lets the request in flight finish, then closes the store', async () => {
    let storeClosed = false;
    const running = await startServer({ handler: createHttpHandler({ validator }), port: 0, onClose: () => { storeClosed = true; } });
    const body = JSON.stringify({ resourceType: 'Patient', active: true });
    const raw = await openRaw(running.port);
    raw.write(`POST /$validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/fhir+json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`);
    await new Promise((r) => setTimeout(r, 50)); // the server has the request's head
    const closed = running.close();
    expect(await accepts(running.port)).toBe(false);
    expect(storeClosed).toBe(false);
    raw.write(body.slice(10));
    const answer = await raw.response();
    expect(answer.status).toBe(200);
    expect(answer.headers.connection).toBe('close'); // not kept alive while shutting down
    expect(errorsOf(JSON.parse(answer.body) as Outcome)).toEqual([]);
    await closed;
    expect(storeClosed).toBe(true);
  });
});

describeWithShared('HTTP service with the Redis store', () => {
  describeWithRedis('two instances sharing one redis-server', () => {
    let validator: Validator;
    const stores: ConnectedRedisStore[] = [];
    const servers: RunningServer[] = [];
    beforeAll(async () => {
      validator = await createValidator({ now: () => new Date('2025-03-14T12:00:00Z') });
      const keyPrefix = uniquePrefix('http');
      for (let i = 0; i < 2; i++) {
        const store = await connectRedisStore(REDIS_URL, { keyPrefix });
        stores.push(store);
        servers.push(await startServer({ handler: createHttpHandler({ validator, store, statusChecks: { 'redis:store': () => store.ping() } }), port: 0, onClose: () => store.close() }));
      }
    });
    afterAll(async () => {
      for (const server of servers) await server.close();
    });

    it('a repeated X-Request-ID answers 409 REC_CONFLICT, on the same instance and on the other one', async () => {
      const headers = freshHeaders();
      const first = await send(servers[0].url, '/$process-message', { headers, body: validText() });
      expect(first.status).toBe(200);
      const sameInstance = await send(servers[0].url, '/$process-message', { headers, body: validText() });
      expect(sameInstance.status).toBe(409);
      expect(barsCodes(sameInstance.json() as unknown as Outcome)).toEqual(['REC_CONFLICT']);
      const otherInstance = await send(servers[1].url, '/$process-message', { headers, body: validText() });
      expect(otherInstance.status).toBe(409);
      expect(ruleIds(otherInstance.json() as unknown as Outcome)).toEqual(['CORE-TI-01']);
      expect(otherInstance.headers.get('x-request-id')).toBe(headers['X-Request-ID']);
    });

    it('GET /_status reports the Redis store passing', async () => {
      const answer = await send(servers[1].url, '/_status');
      expect(answer.status).toBe(200);
      expect(answer.json()).toMatchObject({ status: 'pass', checks: { 'redis:store': [{ status: 'pass' }] } });
    });
  });
});
