import { describe, expect, it } from 'vitest';
import { bodyFormat, responseFormat } from '../../src/http/negotiate.js';

describe('content negotiation', () => {
  it('reads the body format from Content-Type, parameters and case aside; anything else is undefined', () => {
    expect(bodyFormat('application/fhir+json')).toBe('json');
    expect(bodyFormat('Application/FHIR+JSON; charset=utf-8; fhirVersion=4.0')).toBe('json');
    expect(bodyFormat('application/fhir+xml;charset=UTF-8')).toBe('xml');
    expect(bodyFormat('application/json')).toBeUndefined();
    expect(bodyFormat('text/plain')).toBeUndefined();
    expect(bodyFormat(undefined)).toBeUndefined();
  });

  it('answers JSON by default and for wildcards, XML when XML is preferred, by q-value then order', () => {
    expect(responseFormat(undefined)).toBe('json');
    expect(responseFormat('*/*')).toBe('json');
    expect(responseFormat('application/fhir+json; version=1.0.0')).toBe('json');
    expect(responseFormat('application/fhir+xml')).toBe('xml');
    expect(responseFormat('application/fhir+json;q=0.5, application/fhir+xml')).toBe('xml');
    expect(responseFormat('application/fhir+xml, application/fhir+json')).toBe('xml');
    expect(responseFormat('text/html, */*;q=0.1')).toBe('json');
    expect(responseFormat('application/fhir+xml;q=0')).toBeUndefined();
    expect(responseFormat('text/html')).toBeUndefined();
  });

  it('lets _format override Accept', () => {
    expect(responseFormat('application/fhir+json', 'xml')).toBe('xml');
    expect(responseFormat('text/html', 'application/fhir+json')).toBe('json');
    expect(responseFormat('application/fhir+xml', 'nonsense')).toBe('xml');
  });
});
