/**
 * The check modules called directly: silent on valid messages, located issues on broken ones,
 * and never throwing whatever JSON they are given.
 */
import { describe, expect, it } from 'vitest';
import type { CheckContext } from '../../../src/bars/checks/context.js';
import { checkHeaders, decodeBase64Json } from '../../../src/bars/checks/headers.js';
import { MESSAGE_CHECKS, runMessageChecks } from '../../../src/bars/checks/index.js';
import { selectMessageDefinition } from '../../../src/bars/checks/message-definition.js';
import { checkMessageHeader } from '../../../src/bars/checks/message-header.js';
import { checkReferences } from '../../../src/bars/checks/references.js';
import { checkWorkflow } from '../../../src/bars/checks/workflow.js';
import { normalizeHeaders } from '../../../src/bars/headers.js';
import { buildMessageView } from '../../../src/bars/message.js';
import { resolveSupport, versionAccepted } from '../../../src/bars/support.js';
import { VALID_MESSAGES, referralNew } from '../support/fixture-messages.js';
import { headersFor, messageDefinitionSet } from '../support/harness.js';

const definitions = messageDefinitionSet();

function contextFor(body: unknown, headers: Record<string, string> = headersFor(body)): CheckContext {
  const message = buildMessageView(body);
  const versionId = (body as { meta?: { versionId?: string } } | null)?.meta?.versionId;
  return {
    message,
    headers: normalizeHeaders(headers),
    support: resolveSupport(undefined),
    definitions,
    application: message.application,
    messageDefinition: selectMessageDefinition(definitions, message.definition, versionId),
    now: new Date('2025-03-14T12:00:00Z'),
  };
}

describe('BaRS checks', () => {
  for (const [name, { build }] of Object.entries(VALID_MESSAGES)) {
    it(`report nothing for the valid ${name}`, () => {
      const ctx = contextFor(build());
      expect([...checkHeaders(ctx), ...runMessageChecks(ctx)]).toEqual([]);
    });
  }

  it('locate issues with FHIRPath-style paths', () => {
    const body = referralNew();
    delete body.entry[0].resource.eventCoding.system;
    body.entry[1].resource.requester = { reference: 'urn:uuid:00000000-0000-4000-8000-000000000000' };
    const ctx = contextFor(body);
    expect(checkMessageHeader(ctx)).toEqual([expect.objectContaining({ ruleId: 'CORE-MH-02', location: 'Bundle.entry[0].resource.eventCoding', code: 'value' })]);
    expect(checkReferences(ctx)).toEqual([expect.objectContaining({ ruleId: 'CORE-REF-01', location: 'Bundle.entry[1].resource.requester.reference' })]);
  });

  it('recognise the workflow of each valid message and reject an unknown combination', () => {
    for (const { build } of Object.values(VALID_MESSAGES)) expect(checkWorkflow(contextFor(build()))).toEqual([]);
    const body = referralNew();
    body.entry[1].resource.status = 'completed';
    expect(checkWorkflow(contextFor(body))).toEqual([expect.objectContaining({ ruleId: 'CORE-WF-01', code: 'invariant', location: 'Bundle.entry[1].resource.status' })]);
  });

  it('never throw, whatever the body', () => {
    const bodies: unknown[] = [null, 7, 'text', [], {}, { resourceType: 'Bundle' }, { resourceType: 'Bundle', entry: 5 }, { resourceType: 'Bundle', entry: [null, 3, { resource: 'x' }, { fullUrl: 9, resource: { resourceType: 4 } }] }];
    const messy = referralNew();
    messy.entry[0].resource.focus = 'not-a-list';
    messy.entry[0].resource.destination = { endpoint: 12 };
    messy.entry[1].resource.category = [{ coding: 'x' }];
    messy.entry[2].resource.contact = [null];
    bodies.push(messy);
    for (const body of bodies) {
      for (const [name, check] of MESSAGE_CHECKS) expect(() => check(contextFor(body, {})), `${name} on ${JSON.stringify(body)?.slice(0, 40)}`).not.toThrow();
      expect(() => checkHeaders(contextFor(body, {}))).not.toThrow();
    }
  });
});

describe('header helpers', () => {
  it('decode Base64 JSON objects and say why others fail', () => {
    expect(decodeBase64Json(Buffer.from('{"system":"s","value":"v"}').toString('base64'))).toEqual({ json: { system: 's', value: 'v' } });
    expect(decodeBase64Json('***').error).toMatch(/Base64/);
    expect(decodeBase64Json(Buffer.from('[1]').toString('base64')).error).toMatch(/object/);
    expect(decodeBase64Json(Buffer.from('{oops').toString('base64')).error).toMatch(/JSON/);
    expect(decodeBase64Json(Buffer.from([0xff, 0xfe, 0x7b]).toString('base64')).error).toMatch(/UTF-8/);
  });
});

describe('Application versions', () => {
  it('match exact versions and x wildcards, never a pre-release against its release', () => {
    expect(versionAccepted('1.1.0', '1.1.0')).toBe(true);
    expect(versionAccepted('2.3.1', '2.x')).toBe(true);
    expect(versionAccepted('1.2.7', '1.2.x')).toBe(true);
    expect(versionAccepted('1.3.0', '1.2.x')).toBe(false);
    expect(versionAccepted('2.0.0-beta', '2.x')).toBe(false);
    expect(versionAccepted('1.0.0-beta', '1.0.0')).toBe(false);
    expect(versionAccepted('1.0.0-beta', '1.0.0-beta')).toBe(true);
  });

  it('select the MessageDefinition version whose MAJOR matches the Application version', () => {
    const url = 'https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-request-validation';
    expect(selectMessageDefinition(definitions, url, '1.1.0')?.version).toBe('1.1.0');
    expect(selectMessageDefinition(definitions, `${url}|1.1.0`, '9.0.0')?.version).toBe('1.1.0');
    expect(selectMessageDefinition(definitions, `${url}|2.0.0`, '2.0.0')).toBeUndefined();
    expect(selectMessageDefinition(definitions, 'https://example.org/none', '1.0.0')).toBeUndefined();
  });
});

describe('fix hints: the diagnostics say what to supply', () => {
  const messageOf = (issues: Array<{ ruleId: string; message: string }>, ruleId: string) => issues.find((i) => i.ruleId === ruleId)?.message ?? '';
  const SR_URL = 'urn:uuid:7d2c61e0-5a0b-4f3e-9a47-0c1e9b1f0a02';

  it('a wrong focus names the entry the focus must reference and its profile', () => {
    const body = referralNew();
    body.entry[0].resource.focus = [{ reference: body.entry[2].fullUrl }];
    expect(messageOf(runMessageChecks(contextFor(body)), 'CORE-MH-07')).toBe(
      `The focus of a servicerequest-request message must be ServiceRequest, not Patient. Point MessageHeader.focus at the ServiceRequest entry (${SR_URL}), declaring https://fhir.nhs.uk/StructureDefinition/BARSServiceRequest-request-referral.`,
    );
    delete body.entry[0].resource.focus;
    expect(messageOf(runMessageChecks(contextFor(body)), 'CORE-MH-06')).toContain(`Point MessageHeader.focus at the ServiceRequest entry (${SR_URL})`);
  });

  it('a missing or unknown definition lists the MessageDefinitions published for the event', () => {
    const body = referralNew();
    delete body.entry[0].resource.definition;
    const hint = messageOf(runMessageChecks(contextFor(body)), 'CORE-MH-13');
    expect(hint).toContain('Supply the canonical of the MessageDefinition for event servicerequest-request:');
    expect(hint).toContain('https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-request-referral');
    body.entry[0].resource.definition = 'https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-request-unknown';
    expect(messageOf(runMessageChecks(contextFor(body)), 'CORE-MD-01')).toContain('For event servicerequest-request it publishes: ');
  });

  it('a missing resource says how many entries of which type and profile to add', () => {
    const body = referralNew();
    body.entry = body.entry.filter((e: { resource: { resourceType: string } }) => e.resource.resourceType !== 'Consent');
    expect(messageOf(runMessageChecks(contextFor(body)), 'CORE-MD-02')).toMatch(/requires 1\.\.\*: add 1 Consent entry declaring meta\.profile https:\/\/fhir\.hl7\.org\.uk\/StructureDefinition\/UKCore-Consent\.$/);
  });
});
