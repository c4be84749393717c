import { describe, expect, it } from 'vitest';
import { formatOf, resourcesFromText } from '../../../src/defs/packages/resource-text.js';

const vs = { resourceType: 'ValueSet', id: 'a', url: 'https://example.org/ValueSet/a' };

describe('resourcesFromText', () => {
  it('reads a JSON resource, with or without a BOM', () => {
    expect(resourcesFromText(JSON.stringify(vs), 'a.json')).toEqual([vs]);
    expect(resourcesFromText(`\uFEFF${JSON.stringify(vs)}`, 'a.json')).toEqual([vs]);
  });

  it('unpacks a Bundle into its entries', () => {
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: vs }, { fullUrl: 'urn:x' }, { resource: { ...vs, id: 'b' } }] };
    expect(resourcesFromText(JSON.stringify(bundle), 'b.json').map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('gives nothing for JSON that is not a resource (package.json, .index.json)', () => {
    expect(resourcesFromText('{"name":"x","version":"1"}', 'package.json')).toEqual([]);
  });

  it('names the file when JSON is malformed', () => {
    expect(() => resourcesFromText('{"resourceType":', 'broken.json')).toThrow(/broken\.json: not valid JSON/);
  });

  it('needs an XML reader for XML, and uses the one given', () => {
    expect(() => resourcesFromText('<ValueSet xmlns="http://hl7.org/fhir"/>', 'a.xml')).toThrow(/no XML reader/);
    const read = resourcesFromText('<ValueSet xmlns="http://hl7.org/fhir"/>', 'a.xml', (_text, source) => ({ resourceType: 'ValueSet', id: source }));
    expect(read).toEqual([{ resourceType: 'ValueSet', id: 'a.xml' }]);
  });

  it('tells JSON from XML by extension, else by the first character', () => {
    expect(formatOf('x.JSON', '<')).toBe('json');
    expect(formatOf('x.xml', '{')).toBe('xml');
    expect(formatOf('x', '  {')).toBe('json');
    expect(formatOf('x', '\n<?xml')).toBe('xml');
    expect(formatOf('x', 'hello')).toBeUndefined();
  });
});
