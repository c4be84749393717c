import { describe, expect, it } from 'vitest';
import { buildMessageView } from '../../src/bars/message.js';

const bundle = {
  resourceType: 'Bundle',
  timestamp: '2026-01-01T10:00:00+01:00',
  entry: [
    {
      fullUrl: 'urn:uuid:a',
      resource: {
        resourceType: 'ServiceRequest',
        // The resource's own `reference` is not a Reference element of it.
        reference: 'not-a-reference-site',
        subject: { reference: 'urn:uuid:b', identifier: { assigner: { reference: 'Organization/x' } } },
        supportingInfo: [{ reference: 'urn:uuid:c' }, { display: 'no reference' }],
        extension: [{ url: 'http://example.org/ext', reference: 'held-by-an-extension' }],
        authoredOn: '2026-01-01T09:00:00Z',
        note: [{ text: '2026-01-01T09:00:00 looks like a date-time' }],
      },
      request: { method: 'POST', url: 'ServiceRequest', reference: 'outside-the-resource' },
    },
    { fullUrl: 'urn:uuid:b', resource: { resourceType: 'Patient', birthDate: '2000-01-01', generalPractitioner: [{ reference: 'urn:uuid:gp' }] } },
  ],
};

describe('scanMessage (one walk for the whole-message rules)', () => {
  it('collects the references below each entry resource, in document order, with where they sit', () => {
    const message = buildMessageView(bundle);
    const sites = message.scan().references.map((s) => ({ entry: s.entry.index, reference: s.reference, topKey: s.topKey, location: s.location.path }));
    expect(sites).toEqual([
      { entry: 0, reference: 'urn:uuid:b', topKey: 'subject', location: 'Bundle.entry[0].resource.subject' },
      { entry: 0, reference: 'Organization/x', topKey: 'subject', location: 'Bundle.entry[0].resource.subject.identifier.assigner' },
      { entry: 0, reference: 'urn:uuid:c', topKey: 'supportingInfo', location: 'Bundle.entry[0].resource.supportingInfo[0]' },
      { entry: 1, reference: 'urn:uuid:gp', topKey: 'generalPractitioner', location: 'Bundle.entry[1].resource.generalPractitioner[0]' },
    ]);
  });

  it('collects every string shaped like a date-time with a time, an object\'s own strings before those below it', () => {
    const message = buildMessageView(bundle);
    expect(message.scan().timeLike.map((s) => [s.key, s.value, s.location.path])).toEqual([
      ['timestamp', '2026-01-01T10:00:00+01:00', 'Bundle.timestamp'],
      ['authoredOn', '2026-01-01T09:00:00Z', 'Bundle.entry[0].resource.authoredOn'],
      ['text', '2026-01-01T09:00:00 looks like a date-time', 'Bundle.entry[0].resource.note[0].text'],
    ]);
  });

  it('walks once per message view, and takes a lone entry object as entry 0', () => {
    const message = buildMessageView({ resourceType: 'Bundle', entry: { resource: { resourceType: 'Flag', subject: { reference: 'urn:uuid:p' } } } });
    expect(message.scan()).toBe(message.scan());
    expect(message.scan().references.map((s) => [s.entry.index, s.location.path])).toEqual([[0, 'Bundle.entry.resource.subject']]);
    expect(buildMessageView('not a bundle').scan()).toEqual({ references: [], timeLike: [] });
  });
});
