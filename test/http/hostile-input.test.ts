/**
 * Hostile and broken input at the HTTP entry point: the real node server (src/http/node-server.ts)
 * on 127.0.0.1, every body of the library's hostile list (test/support/hostile-inputs.ts) sent over
 * a socket to POST /$validate (an OperationOutcome with the fatal or error issue validate() gives)
 * and POST /$process-message (400 REC_BAD_REQUEST with an issue of code structure), plus what only
 * HTTP has: no or the wrong Content-Type (415), 100 MB declared or streamed (413 before the body has
 * arrived), and prototype keys that must not reach Object.prototype of the server's process. After
 * all of it the server still accepts a valid referral.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createValidator, type Validator } from '../../src/api/index.js';
import { BARS_RULE_SYSTEM, HTTP_ERROR_CODES_SYSTEM } from '../../src/bars/issues.js';
import { createHttpHandler, DEFAULT_MAX_BODY_BYTES } from '../../src/http/handler.js';
import { startServer, type RunningServer } from '../../src/http/node-server.js';
import { createTypeModel } from '../../src/formats/type-model.js';
import { writeFhirXml } from '../../src/formats/xml-writer.js';
import { ISSUE_ID_SYSTEM } from '../../src/outcome/issue-ids.js';
import { headersFor } from '../bars/support/harness.js';
import { FAILING_CONSTRAINTS, HOSTILE_INPUTS, HOSTILE_PROFILE_URL, hostilePatient, hostileProfile, missingIssues, rejecting } from '../support/hostile-inputs.js';
import { describeWithShared, repoRoot } from '../support/shared.js';
import { send, sendStreaming } from './support/client.js';

const REFERRAL_PATH = join(repoRoot, 'fixtures/111-ed/valid/referral-new.json');
const referralText = (): string => readFileSync(REFERRAL_PATH, 'utf8');
const MEDIA = { json: 'application/fhir+json', xml: 'application/fhir+xml' } as const;
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();
/** Generous: far above what any of these takes (milliseconds to about a second), far below a hang. */
const BOUND_MS = 30_000;

interface OutcomeIssue {
  severity: string;
  code: string;
  details?: { coding?: Array<{ system: string; code: string }> };
  diagnostics?: string;
  expression?: string[];
}
interface Outcome {
  resourceType: string;
  issue: OutcomeIssue[];
}

const codesOf = (issue: OutcomeIssue, system: string): string[] => issue.details?.coding?.filter((c) => c.system === system).map((c) => c.code) ?? [];
/** An outcome issue read back as the engine's issue: rule id from either coding system, location from expression. */
const asIssue = (issue: OutcomeIssue) => ({
  severity: issue.severity,
  ruleId: [...codesOf(issue, ISSUE_ID_SYSTEM), ...codesOf(issue, BARS_RULE_SYSTEM)][0],
  location: issue.expression?.[0],
  message: issue.diagnostics ?? '',
});

function outcomeOf(text: string): Outcome {
  const outcome = JSON.parse(text) as Outcome;
  expect(outcome.resourceType).toBe('OperationOutcome');
  expect(outcome.issue.length).toBeGreaterThan(0);
  return outcome;
}

/** Headers a BaRS sender would send with the referral, a fresh X-Request-ID, and the given Content-Type. */
function barsHeaders(contentType: string | null): Record<string, string> {
  return headersFor(JSON.parse(referralText()), { 'X-Request-ID': crypto.randomUUID(), 'Content-Type': contentType });
}

/** Runs the request and checks it was answered within the bound. */
async function timed<T>(request: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const answer = await request();
  expect(performance.now() - started).toBeLessThan(BOUND_MS);
  return answer;
}

/** The BaRS verdict for unreadable or non-message bodies: 400 REC_BAD_REQUEST, an issue of code structure. */
function expectBadRequest(status: number, outcome: Outcome): void {
  expect(status).toBe(400);
  const rejected = rejecting(outcome.issue);
  expect(rejected.flatMap((i) => codesOf(i, HTTP_ERROR_CODES_SYSTEM))).toContain('REC_BAD_REQUEST');
  expect(rejected.map((i) => i.code)).toContain('structure');
}

const byteLength = (body: string | Uint8Array): number => (typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);

describeWithShared('hostile input at the HTTP entry point (node server over a socket)', () => {
  let validator: Validator;
  let running: RunningServer;
  let base: string;
  let igDir: string;
  const unexpected: unknown[] = [];

  beforeAll(async () => {
    igDir = mkdtempSync(join(tmpdir(), 'bars-http-hostile-'));
    writeFileSync(join(igDir, 'StructureDefinition-EvilPatient.json'), JSON.stringify(hostileProfile()));
    validator = await createValidator({ igPaths: [igDir] });
    running = await startServer({ handler: createHttpHandler({ validator, onError: (error) => unexpected.push(error) }), port: 0, onError: (error) => unexpected.push(error) });
    base = running.url;
  });
  afterAll(async () => {
    await running?.close();
    if (igDir) rmSync(igDir, { recursive: true, force: true });
  });

  /** Sends the case to an endpoint: streamed when it is over the body limit (the server answers 413 without reading it all). */
  async function post(path: string, body: string | Uint8Array, headers: Record<string, string>): Promise<{ status: number; text: string }> {
    if (byteLength(body) <= DEFAULT_MAX_BODY_BYTES) return timed(() => send(base, path, { headers, body }));
    const answer = await timed(() => sendStreaming(base, path, headers, body, true));
    // Answered from the declared Content-Length: most of the 100 MB was never sent.
    expect(answer.bytesSentBeforeAnswer).toBeLessThan(answer.bodyBytes / 4);
    return answer;
  }

  for (const input of HOSTILE_INPUTS) {
    it(`${input.name}: $validate reports it, $process-message rejects it`, async () => {
      const body = input.body();
      const tooLarge = byteLength(body) > DEFAULT_MAX_BODY_BYTES;

      const validated = await post('/$validate', body, { 'Content-Type': MEDIA[input.format] });
      const validateOutcome = outcomeOf(validated.text);
      if (tooLarge) {
        expect(validated.status).toBe(413);
        expect(asIssue(validateOutcome.issue[0])).toMatchObject({ severity: 'error', ruleId: 'http-body-too-large', message: `The request body is larger than this service accepts (${DEFAULT_MAX_BODY_BYTES} bytes).` });
      } else {
        // FHIR $validate: 400 when no resource could be read, else 200 with the issues.
        expect(validated.status).toBe(input.read === 'resource' ? 200 : 400);
        const issues = rejecting(validateOutcome.issue).map(asIssue);
        expect(issues.map((i) => i.ruleId)).not.toContain('internal-error');
        expect(missingIssues(issues, input.issues), JSON.stringify(issues.slice(0, 5))).toEqual([]);
      }

      const processed = await post('/$process-message', body, barsHeaders(MEDIA[input.format]));
      const verdict = outcomeOf(processed.text);
      if (tooLarge) {
        expect(processed.status).toBe(413);
        expect(verdict.issue[0]).toMatchObject({ severity: 'error', code: 'too-long' });
      } else {
        expectBadRequest(processed.status, verdict);
        const first = rejecting(verdict.issue).map(asIssue)[0];
        if (input.read === 'unreadable') {
          // Refused by the service (invalid UTF-8) or by the receiver (CORE-HDR-14), saying why.
          expect(first.ruleId).toMatch(/^(CORE-HDR-14|utf8-invalid)$/);
          expect(first.message).toMatch(/^The (body could not be read|request body is not valid UTF-8): /);
        } else {
          expect(first).toMatchObject({ ruleId: 'CORE-BUNDLE-01', message: expect.stringMatching(/^The body is not a FHIR (Bundle )?resource/) });
        }
      }
    });
  }

  it('no Content-Type, or one that is not a FHIR format: 415 with an OperationOutcome at both endpoints', async () => {
    const body = referralText();
    for (const path of ['/$validate', '/$process-message']) {
      // Bytes, so that fetch adds no Content-Type of its own.
      const none = await timed(() => send(base, path, { headers: { ...barsHeaders(null) }, body: new TextEncoder().encode(body) }));
      expect(none.status).toBe(415);
      expect(outcomeOf(none.text).issue[0]).toMatchObject({ severity: 'error', code: 'not-supported', diagnostics: 'The request has no Content-Type: send application/fhir+json or application/fhir+xml.' });
      for (const contentType of ['text/plain', 'application/json', 'multipart/form-data; boundary=x', 'application/fhir+jsonx', '']) {
        const wrong = await timed(() => send(base, path, { headers: barsHeaders(contentType), body }));
        expect(wrong.status, contentType).toBe(415);
        expect(asIssue(outcomeOf(wrong.text).issue[0]).ruleId).toBe('http-unsupported-media-type');
      }
    }
  });

  it('a JSON body labelled as XML, and XML labelled as JSON: refused at both endpoints, not read as the other format', async () => {
    const json = referralText();
    const xml = writeFhirXml(JSON.parse(json) as Record<string, unknown>, createTypeModel(validator.definitions));
    for (const [body, label, found] of [[json, MEDIA.xml, 'JSON'], [xml, MEDIA.json, 'XML']] as const) {
      const validated = await timed(() => send(base, '/$validate', { headers: { 'Content-Type': label }, body }));
      expect(validated.status).toBe(400);
      expect(outcomeOf(validated.text).issue[0]).toMatchObject({ severity: 'fatal', code: 'structure', diagnostics: `Expected FHIR ${found === 'JSON' ? 'XML' : 'JSON'}, but the content is ${found}` });
      // This answered 200 before: the receiver recognised the format and ignored the Content-Type.
      const processed = await timed(() => send(base, '/$process-message', { headers: barsHeaders(label), body }));
      const verdict = outcomeOf(processed.text);
      expectBadRequest(processed.status, verdict);
      expect(asIssue(verdict.issue[0])).toMatchObject({ ruleId: 'CORE-HDR-14', message: `The body is FHIR ${found}, but its Content-Type is ${label}.` });
      // Labelled rightly, the same body is accepted.
      const right = await timed(() => send(base, '/$process-message', { headers: barsHeaders(found === 'JSON' ? MEDIA.json : MEDIA.xml), body }));
      expect(right.status).toBe(200);
    }
  });

  it('100 MB declared by Content-Length or streamed chunked: 413 as soon as the limit is passed, the body never buffered whole', async () => {
    const body = new Uint8Array(100 * 1024 * 1024).fill(0x20);
    for (const path of ['/$validate', '/$process-message']) {
      const declared = await timed(() => sendStreaming(base, path, barsHeaders(MEDIA.json), body, true));
      expect(declared.status).toBe(413);
      expect(asIssue(outcomeOf(declared.text).issue[0]).ruleId).toBe('http-body-too-large');
      expect(declared.headers.connection).toBe('close');
      // Refused from the header: no more than what was in flight before the answer was sent.
      expect(declared.bytesSentBeforeAnswer).toBeLessThan(DEFAULT_MAX_BODY_BYTES);

      const chunked = await timed(() => sendStreaming(base, path, barsHeaders(MEDIA.json), body, false));
      expect(chunked.status).toBe(413);
      expect(asIssue(outcomeOf(chunked.text).issue[0]).ruleId).toBe('http-body-too-large');
      // Refused once the limit was passed: a little over 10 MiB had been sent, not 100 MB.
      expect(chunked.bytesSentBeforeAnswer).toBeGreaterThan(DEFAULT_MAX_BODY_BYTES);
      expect(chunked.bytesSentBeforeAnswer).toBeLessThan(2 * DEFAULT_MAX_BODY_BYTES);
    }
    expect((await send(base, '/_status')).status).toBe(200);
  });

  it('__proto__, constructor and prototype keys, in a resource and in a message: Object.prototype of the server unchanged', async () => {
    const message = referralText().replace('{', '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"prototype":{"polluted":true},');
    const processed = await timed(() => send(base, '/$process-message', { headers: barsHeaders(MEDIA.json), body: message }));
    expect(processed.status).toBe(400);
    const issues = rejecting(outcomeOf(processed.text).issue).map(asIssue);
    expect(issues.map((i) => `${i.location}: ${i.message}`)).toEqual(expect.arrayContaining(["Bundle: Unrecognized property '__proto__'", "Bundle: Unrecognized property 'constructor'", "Bundle: Unrecognized property 'prototype'"]));
    const validated = await timed(() => send(base, '/$validate', { headers: { 'Content-Type': MEDIA.json }, body: message }));
    expect(validated.status).toBe(200);
    expect(rejecting(outcomeOf(validated.text).issue).map(asIssue).map((i) => i.message)).toContain("Unrecognized property '__proto__'");
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('hostile constraints (exponential regex, throwing, a type error, cubic cost, slow): $validate gives an error issue for each, never an exception', async () => {
    const answer = await timed(() => send(base, `/$validate?profile=${encodeURIComponent(HOSTILE_PROFILE_URL)}`, { headers: { 'Content-Type': MEDIA.json }, body: JSON.stringify(hostilePatient()) }));
    expect(answer.status).toBe(200);
    const failed = outcomeOf(answer.text).issue.map((i) => ({ ...asIssue(i), code: i.code })).filter((i) => i.ruleId === 'invariant-error');
    expect(failed.map((i) => [i.severity, i.message.match(/^The constraint ([\w-]+) /)?.[1]])).toEqual(FAILING_CONSTRAINTS.map(({ key }) => ['error', key]));
    failed.forEach((issue, n) => expect(FAILING_CONSTRAINTS[n].codes).toContain(issue.code));
    for (const issue of failed) {
      expect(issue.message).toMatch(/could not be evaluated on this instance, so whether it holds is unknown: .+/);
      expect(issue.message).not.toMatch(/Constraint failed/);
    }
  });

  it('an invariant that throws in a message entry (declared by its meta.profile): 400 REC_BAD_REQUEST with the error issue', async () => {
    const message = JSON.parse(referralText()) as { entry: Array<{ resource: Record<string, unknown> & { meta?: { profile?: string[] } } }> };
    const patient = message.entry.find((e) => e.resource.resourceType === 'Patient')!.resource;
    patient.meta = { ...patient.meta, profile: [...(patient.meta?.profile ?? []), HOSTILE_PROFILE_URL] };
    const answer = await timed(() => send(base, '/$process-message', { headers: barsHeaders(MEDIA.json), body: JSON.stringify(message) }));
    expect(answer.status).toBe(400);
    const outcome = outcomeOf(answer.text);
    const failed = rejecting(outcome.issue).filter((i) => asIssue(i).ruleId === 'invariant-error');
    // These two fail on any Patient with a family name: 'a' + 1, and the regex the guard refuses.
    expect(failed.map((i) => i.diagnostics?.match(/^The constraint ([\w-]+) /)?.[1])).toEqual(expect.arrayContaining(['evil-backtrack', 'evil-type-error']));
    expect(failed.every((i) => i.severity === 'error' && codesOf(i, HTTP_ERROR_CODES_SYSTEM).includes('REC_BAD_REQUEST'))).toBe(true);
  });

  it('limits given to the validator apply over HTTP: maxStringLength, maxEntries, maxBytes, maxMillis', async () => {
    const strict = await startServer({ handler: createHttpHandler({ validator: await createValidator({ definitions: validator.definitions, limits: { maxStringLength: 20, maxEntries: 2, maxBytes: 1000 } }) }), port: 0 });
    const quick = await startServer({ handler: createHttpHandler({ validator: await createValidator({ definitions: validator.definitions, limits: { maxMillis: 1 } }) }), port: 0 });
    try {
      const json = { 'Content-Type': MEDIA.json };
      const cases: Array<[object, RegExp]> = [
        [{ resourceType: 'Patient', name: [{ family: 'x'.repeat(21) }] }, /limits\.maxStringLength/],
        [{ resourceType: 'Bundle', type: 'collection', entry: [{}, {}, {}] }, /The input has more than 2 Bundle entries \(limits\.maxEntries\)/],
        [JSON.parse(referralText()), /more than the limit of 1,000 \(limits\.maxBytes\)/],
      ];
      for (const [resource, message] of cases) {
        const validated = await timed(() => send(strict.url, '/$validate', { headers: json, body: JSON.stringify(resource) }));
        expect(validated.status).toBe(400);
        expect(outcomeOf(validated.text).issue[0]).toMatchObject({ severity: 'fatal', code: 'structure', diagnostics: expect.stringMatching(message) });
        const processed = await timed(() => send(strict.url, '/$process-message', { headers: barsHeaders(MEDIA.json), body: JSON.stringify(resource) }));
        const verdict = outcomeOf(processed.text);
        expectBadRequest(processed.status, verdict);
        expect(verdict.issue[0].diagnostics).toMatch(message);
      }
      const bundle = { resourceType: 'Bundle', type: 'collection', entry: Array.from({ length: 400 }, (_, i) => ({ fullUrl: `urn:uuid:${i}`, resource: { resourceType: 'Patient', id: `p${i}`, name: [{ family: 'x', given: ['a', 'b'] }], gender: 'nope' } })) };
      const stopped = await timed(() => send(quick.url, '/$validate', { headers: json, body: JSON.stringify(bundle) }));
      expect(stopped.status).toBe(200);
      expect(outcomeOf(stopped.text).issue.find((i) => asIssue(i).ruleId === 'limit-time')).toMatchObject({ severity: 'fatal', code: 'too-costly' });
    } finally {
      await strict.close();
      await quick.close();
    }
  });

  it('after all of it: nothing unexpected was thrown, Object.prototype is unchanged, and a valid referral is accepted with 200', async () => {
    expect(unexpected.map(String)).toEqual([]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
    const answer = await timed(() => send(base, '/$process-message', { headers: barsHeaders(MEDIA.json), body: referralText() }));
    expect(answer.status).toBe(200);
    expect(rejecting(outcomeOf(answer.text).issue)).toEqual([]);
  });
});
