import { describe, expect, it } from 'vitest';
import { createBundleIndex, restfulBase } from '../../src/instance/bundle-index.js';
import { locationSegment } from '../../src/instance/location.js';
import { formatJsonPath } from '../../src/instance/source-locator.js';

describe('bundle index (FHIR reference resolution in Bundles)', () => {
  const bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { fullUrl: 'urn:uuid:a1', resource: { resourceType: 'Patient', id: 'p' } },
      { fullUrl: 'http://x.org/fhir/Patient/p', resource: { resourceType: 'Patient', id: 'p' } },
      { fullUrl: 'http://x.org/fhir/Observation/o/_history/2', resource: { resourceType: 'Observation', id: 'o' } },
    ],
  };
  const index = createBundleIndex(bundle);

  it('matches URNs and absolute URLs to fullUrl', () => {
    expect(index.resolve('urn:uuid:a1', undefined).matches.map((e) => e.index)).toEqual([0]);
    expect(index.resolve('http://x.org/fhir/Patient/p', undefined).matches.map((e) => e.index)).toEqual([1]);
    expect(index.resolve('urn:uuid:zz', undefined).matches).toEqual([]);
  });

  it('resolves relative references against the RESTful base of the referring entry only', () => {
    expect(index.resolve('Patient/p', 'http://x.org/fhir/Encounter/e').matches.map((e) => e.index)).toEqual([1]);
    expect(index.resolve('Observation/o', 'http://x.org/fhir/Encounter/e').matches.map((e) => e.index)).toEqual([2]);
    const fromUrn = index.resolve('Patient/p', 'urn:uuid:b2');
    expect(fromUrn.matches).toEqual([]);
    expect(fromUrn.nearMisses.map((e) => e.index)).toEqual([0, 1]);
  });

  it('finds the RESTful base of a fullUrl', () => {
    expect(restfulBase('http://x.org/fhir/Patient/p')).toBe('http://x.org/fhir/');
    expect(restfulBase('urn:uuid:a1')).toBeUndefined();
    expect(restfulBase('http://x.org/other')).toBeUndefined();
  });
});

describe('locations', () => {
  it('writes array indexes and choice types the Java validator\'s way', () => {
    const choice = { isChoice: true, name: 'value' } as never;
    expect(locationSegment('valueQuantity', -1, choice, 'Quantity')).toBe('value.ofType(Quantity)');
    expect(locationSegment('entry', 2, undefined, undefined)).toBe('entry[2]');
    expect(formatJsonPath(['entry', 2, 'resource', 'subject'])).toBe('entry[2].resource.subject');
  });
});
