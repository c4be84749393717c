import { describe, expect, it } from 'vitest';
import { createReceiver, type ProfileValidate } from '../../src/bars/receiver.js';
import { createMemoryStore, type IdempotencyStore } from '../../src/bars/store.js';
import { ruleIdsOfOutcome } from '../../src/bars/outcome.js';
import type { Issue } from '../../src/model/issue.js';
import { referralNew, validationRequest } from './support/fixture-messages.js';
import { CORRELATION_ID, headersFor, messageDefinitionSet, REQUEST_ID } from './support/harness.js';

const definitions = messageDefinitionSet();
const now = () => new Date('2025-03-14T12:00:00Z');

describe('createReceiver', () => {
  it('accepts a valid message (text body) and echoes the request ids', async () => {
    const receiver = createReceiver({ definitions, now });
    const body = referralNew();
    const result = await receiver.receive({ headers: headersFor(body), body: JSON.stringify(body) });
    expect(result.status).toBe(200);
    expect(result.responseHeaders).toEqual({ 'X-Request-ID': REQUEST_ID, 'X-Correlation-ID': CORRELATION_ID });
  });

  it('takes header names in any case', async () => {
    const body = referralNew();
    const lower = Object.fromEntries(Object.entries(headersFor(body)).map(([k, v]) => [k.toLowerCase(), v]));
    const upper = Object.fromEntries(Object.entries(headersFor(body)).map(([k, v]) => [k.toUpperCase(), v]));
    for (const headers of [lower, upper, new Headers(lower)]) {
      const result = await createReceiver({ definitions, now }).receive({ headers, body });
      expect(result.status).toBe(200);
    }
  });

  it('answers a retry of an accepted message with 409 duplicate, warning when the content or correlation id changed', async () => {
    const receiver = createReceiver({ definitions, now });
    const body = referralNew();
    expect((await receiver.receive({ headers: headersFor(body), body })).status).toBe(200);
    const retry = await receiver.receive({ headers: headersFor(body), body });
    expect(retry).toMatchObject({ status: 409, barsCode: 'REC_CONFLICT' });
    expect(retry.outcome.issue[0]).toMatchObject({ severity: 'error', code: 'duplicate' });
    expect(ruleIdsOfOutcome(retry.outcome)).toEqual(['CORE-TI-01']);
    const reused = await receiver.receive({ headers: headersFor(body, { 'X-Correlation-ID': '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d' }), body: { ...body, id: 'other' } });
    expect(reused.status).toBe(409);
    expect(ruleIdsOfOutcome(reused.outcome)).toEqual(['CORE-TI-01', 'CORE-TI-04', 'CORE-TI-05']);
  });

  it('replays the stored answer when the first attempt failed', async () => {
    const receiver = createReceiver({ definitions, now });
    const body = referralNew();
    delete body.meta.versionId;
    const first = await receiver.receive({ headers: headersFor(body), body });
    expect(first.status).toBe(400);
    const retry = await receiver.receive({ headers: headersFor(body), body });
    expect({ status: retry.status, barsCode: retry.barsCode, outcome: retry.outcome }).toEqual({ status: 400, barsCode: 'REC_BAD_REQUEST', outcome: first.outcome });
  });

  it('answers 425 while the first attempt is still in flight (async store)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const inner = createMemoryStore();
    const store: IdempotencyStore = { begin: async (k, a) => inner.begin(k, a), complete: async (k, r) => inner.complete(k, r) };
    // Labelled fake: stands in for the profile engine and holds the first attempt open.
    const slowFakeValidate: ProfileValidate = async () => {
      await gate;
      return [];
    };
    const receiver = createReceiver({ definitions, store, validate: slowFakeValidate, now });
    const body = validationRequest();
    const first = receiver.receive({ headers: headersFor(body), body });
    await new Promise((r) => setTimeout(r, 0));
    const second = await receiver.receive({ headers: headersFor(body), body });
    expect(second).toMatchObject({ status: 425, barsCode: 'REC_TOO_EARLY' });
    expect(second.outcome.issue[0].code).toBe('duplicate');
    release();
    expect((await first).status).toBe(200);
    expect((await receiver.receive({ headers: headersFor(body), body })).status).toBe(409);
  });

  it('does not de-duplicate requests whose X-Request-ID is missing or malformed', async () => {
    const receiver = createReceiver({ definitions, now });
    const body = referralNew();
    const headers = headersFor(body, { 'X-Request-ID': 'not-a-uuid' });
    expect((await receiver.receive({ headers, body })).status).toBe(400);
    expect(ruleIdsOfOutcome((await receiver.receive({ headers, body })).outcome)).toEqual(['CORE-HDR-02']);
  });

  it('adds the injected validation issues, giving BaRS-keyed ones the registry codes', async () => {
    // Labelled fake standing in for the profile engine: reports one FSH invariant failure.
    const fakeValidate: ProfileValidate = ({ application, messageDefinition, profiles }) => {
      expect(application).toBe('999-cas');
      expect(profiles.bundle).toEqual(['https://fhir.nhs.uk/StructureDefinition/BARSBundleMessage', 'https://fhir.nhs.uk/StructureDefinition/BARSBundleMessage-application4']);
      expect(profiles.entries.find((e) => e.resourceType === 'Flag')?.profile).toBe('https://fhir.nhs.uk/StructureDefinition/BARSFlag-scene-safety');
      expect(profiles.entries.find((e) => e.resourceType === 'ServiceRequest')?.profile).toBe('https://fhir.nhs.uk/StructureDefinition/BARSServiceRequest-request-validation');
      expect(profiles.entries.find((e) => e.resourceType === 'Location')?.profile).toBe('https://fhir.hl7.org.uk/StructureDefinition/UKCore-Location');
      expect(messageDefinition?.url).toBe('https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-request-validation');
      const issue: Issue = { severity: 'error', code: 'invariant', ruleId: 'APP-999CAS-12', message: 'scene-safety Flag missing', location: 'Bundle' };
      return [issue];
    };
    const body = validationRequest();
    const result = await createReceiver({ definitions, validate: fakeValidate, now, store: null }).receive({ headers: headersFor(body), body });
    expect(result).toMatchObject({ status: 400, barsCode: 'REC_BAD_REQUEST', stage: 'resource' });
    expect(result.outcome.issue[0]).toMatchObject({ code: 'required', details: { coding: [{ code: 'REC_BAD_REQUEST' }, { code: 'APP-999CAS-12' }] } });
  });

  it('applies the Application the caller names', async () => {
    const body = referralNew();
    body.entry[1].resource.category[0].coding[1].code = 'a4t1';
    const result = await createReceiver({ definitions, now, store: null }).receive({ headers: headersFor(body), body, application: '999-cas' });
    // The 111→ED referral as App 4: version 1.0.0 is not an accepted Application 4 version.
    expect(result.issues.map((i) => i.ruleId)).toContain('CORE-BUNDLE-06');
  });

  it('reads text bodies with the project reader: unparseable JSON is CORE-HDR-14 at its line and column, XML needs a type model', async () => {
    const receiver = createReceiver({ definitions, now, store: null });
    const headers = headersFor(referralNew());
    const broken = await receiver.receive({ headers, body: '{\n  "resourceType":' });
    expect(ruleIdsOfOutcome(broken.outcome)).toEqual(['CORE-HDR-14']);
    expect(broken.issues[0].position?.line).toBe(2);
    expect(broken.outcome.issue[0].extension?.map((e) => e.url.split('-').pop())).toEqual(['line', 'col']);
    const notAResource = await receiver.receive({ headers, body: '[1, 2]' });
    expect(ruleIdsOfOutcome(notAResource.outcome)).toEqual(['CORE-HDR-14']);
    const noType = await receiver.receive({ headers, body: '{"type": "message"}' });
    expect([noType.status, ruleIdsOfOutcome(noType.outcome)]).toEqual([400, ['CORE-BUNDLE-01']]);
    const xml = '<Bundle xmlns="http://hl7.org/fhir"/>';
    expect((await receiver.receive({ headers, body: xml })).outcome.issue[0].diagnostics).toMatch(/JSON only/);
  });

  it('reads a body as what its Content-Type says: JSON sent as XML is CORE-HDR-14, not read as JSON', async () => {
    const receiver = createReceiver({ definitions, now, store: null });
    const message = referralNew();
    const asXml = await receiver.receive({ headers: headersFor(message, { 'Content-Type': 'application/fhir+xml; charset=utf-8' }), body: JSON.stringify(message) });
    expect([asXml.status, asXml.barsCode, ruleIdsOfOutcome(asXml.outcome)]).toEqual([400, 'REC_BAD_REQUEST', ['CORE-HDR-14']]);
    expect(asXml.outcome.issue[0]).toMatchObject({ code: 'structure', diagnostics: 'The body is FHIR JSON, but its Content-Type is application/fhir+xml.' });
    // application/json names JSON too; a Content-Type naming no format leaves the body to be recognised (and CORE-HDR-14 to the header check).
    const plainJson = await receiver.receive({ headers: headersFor(message, { 'Content-Type': 'application/json', 'X-Request-ID': crypto.randomUUID() }), body: JSON.stringify(message) });
    expect(ruleIdsOfOutcome(plainJson.outcome)).not.toContain('CORE-HDR-14');
    const textPlain = await receiver.receive({ headers: headersFor(message, { 'Content-Type': 'text/plain' }), body: JSON.stringify(message) });
    expect(textPlain.outcome.issue.map((i) => i.diagnostics)).toContain('Content-Type text/plain is not FHIR JSON or XML.');
  });

  it('reports duplicate JSON keys, and gives BaRS issues the line and column of their location', async () => {
    const receiver = createReceiver({ definitions, now, store: null });
    const message = referralNew();
    const text = JSON.stringify(message, null, 2).replace('"type": "message",', '"type": "message",\n  "type": "message",');
    const result = await receiver.receive({ headers: headersFor(message), body: text });
    const duplicate = result.issues.find((i) => i.ruleId === 'json-duplicate-key');
    const secondTypeLine = text.split('\n').findIndex((l, n, all) => l.includes('"type": "message"') && all.slice(0, n).some((p) => p.includes('"type": "message"'))) + 1;
    expect(duplicate).toMatchObject({ severity: 'error', location: 'Bundle.type', position: { line: secondTypeLine } });
    expect(result.status).toBe(400);
    // A BaRS rule's issue carries the position of what it points at.
    message.entry[0].resource.definition = 'https://example.org/MessageDefinition/x';
    const pretty = JSON.stringify(message, null, 2);
    const bad = await receiver.receive({ headers: headersFor(message), body: pretty });
    const mh13 = bad.issues.find((i) => i.ruleId === 'CORE-MH-13')!;
    const expectedLine = pretty.split('\n').findIndex((l) => l.includes('"definition": "https://example.org/MessageDefinition/x"')) + 1;
    expect(mh13.position?.line).toBe(expectedLine);
  });

  it('turns a failing validator into 500 REC_SERVER_ERROR instead of throwing', async () => {
    const throwingFakeValidate: ProfileValidate = () => {
      throw new Error('engine down');
    };
    const body = referralNew();
    const result = await createReceiver({ definitions, validate: throwingFakeValidate, now, store: null }).receive({ headers: headersFor(body), body });
    expect(result).toMatchObject({ status: 500, barsCode: 'REC_SERVER_ERROR' });
  });
});
