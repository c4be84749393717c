import { describe, expect, it } from 'vitest';
import { buildMessageView } from '../../src/bars/message.js';

describe('buildMessageView: resolve', () => {
  const bundle = {
    resourceType: 'Bundle',
    type: 'message',
    entry: [
      { fullUrl: 'urn:uuid:0', resource: { resourceType: 'MessageHeader' } },
      { fullUrl: 'https://example.org/fhir/Patient/p1', resource: { resourceType: 'Patient' } },
      { fullUrl: 'urn:uuid:2', resource: { resourceType: 'Patient', id: 'p1' } },
      { fullUrl: 'urn:uuid:3', resource: { resourceType: 'Practitioner', id: 'dr' } },
      { fullUrl: 'https://example.org/fhir/Practitioner/dr', resource: { resourceType: 'Practitioner' } },
      { fullUrl: 'https://example.org/fhir/Organization/o1/_history/2', resource: { resourceType: 'Organization' } },
      { fullUrl: '/Location/l1', resource: { resourceType: 'Location' } },
      { fullUrl: 'https://example.org/fhir/Patient/x9', resource: { resourceType: 'Flag' } },
    ],
  };
  const view = buildMessageView(bundle);
  const at = (reference: string) => view.resolve(reference)?.index;

  it('resolves fullUrls, and Type/id to the first entry of that type with that id or a fullUrl ending /Type/id', () => {
    expect(at('urn:uuid:3')).toBe(3);
    expect(at('Patient/p1')).toBe(1); // the fullUrl of entry 1 comes before the id of entry 2
    expect(at('Practitioner/dr')).toBe(3); // the id of entry 3 comes before the fullUrl of entry 4
    expect(at('Location/l1')).toBe(6);
  });

  it('does not take a versioned fullUrl, another type, or a malformed reference', () => {
    expect(at('Organization/o1')).toBeUndefined();
    expect(at('Patient/x9')).toBeUndefined(); // that fullUrl belongs to a Flag
    expect(at('Patient/')).toBeUndefined();
    expect(at('patient/p1')).toBeUndefined();
    expect(at('urn:uuid:9')).toBeUndefined();
    expect(view.resolve(undefined)).toBeUndefined();
  });
});
