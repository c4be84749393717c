import { describe, expect, it } from 'vitest';
import { isBarsMessage } from '../../src/bars/evaluate.js';

const header = (fields: Record<string, unknown>) => ({ resourceType: 'MessageHeader', ...fields });
const message = (...resources: unknown[]) => ({ resourceType: 'Bundle', type: 'message', entry: resources.map((resource, i) => ({ fullUrl: `urn:uuid:${i}`, resource })) });

describe('isBarsMessage', () => {
  it('recognises a message whose first entry is a MessageHeader with a BaRS event or a BaRS MessageDefinition', () => {
    expect(isBarsMessage(message(header({ eventCoding: { system: 'https://fhir.nhs.uk/CodeSystem/message-events-bars', code: 'servicerequest-request' } })))).toBe(true);
    expect(isBarsMessage(message(header({ eventCoding: { system: 'http://example.org/events', code: 'x' }, definition: 'https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-request-referral' })))).toBe(true);
  });

  it('leaves other messages and other Bundles alone', () => {
    expect(isBarsMessage(message(header({ eventCoding: { system: 'http://example.org/events', code: 'x' }, definition: 'http://example.org/MessageDefinition/x' })))).toBe(false);
    // The header must be the first entry, as buildMessageView reads it.
    expect(isBarsMessage(message({ resourceType: 'Patient' }, header({ eventCoding: { system: 'https://fhir.nhs.uk/CodeSystem/message-events-bars', code: 'x' } })))).toBe(false);
    expect(isBarsMessage({ ...message(header({ eventCoding: { system: 'https://fhir.nhs.uk/CodeSystem/message-events-bars', code: 'x' } })), type: 'collection' })).toBe(false);
    expect(isBarsMessage(message(header({ definition: '   ' })))).toBe(false);
    expect(isBarsMessage({ resourceType: 'Bundle', type: 'message', entry: 'not an array of entries' })).toBe(false);
    expect(isBarsMessage(null)).toBe(false);
  });
});
