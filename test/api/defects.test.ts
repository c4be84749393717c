/**
 * The engine on a 111→ED referral message: the IG's own example (REFREQ01, read from FHIR
 * XML) and the project's fixture must give no error; each seeded defect must give an error
 * at the right FHIRPath location.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { createValidator, type Issue, type Validator } from '../../src/api/index.js';
import { describeWithShared, repoRoot, sharedPath } from '../support/shared.js';
import { resolve } from 'node:path';

const IG_EXAMPLE = 'bars-ig/Examples/REFREQ01 - Referral Service Request New Full - 111 to ED.xml';
const FIXTURE = resolve(repoRoot, 'fixtures/engine/referral-111-ed.json');

type Json = Record<string, any>;

function errors(issues: Issue[]): Issue[] {
  return issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
}

describeWithShared('111→ED referral: seeded defects are errors at the right place', () => {
  let v: Validator;
  let example: Json;
  let fixture: Json;
  beforeAll(async () => {
    v = await createValidator();
    const read = v.validateToIssues(readFileSync(sharedPath(IG_EXAMPLE), 'utf8'), { bars: false });
    example = read.resource as Json;
    fixture = JSON.parse(readFileSync(FIXTURE, 'utf8'));
  });

  const indexOf = (bundle: Json, type: string) => bundle.entry.findIndex((e: Json) => e.resource.resourceType === type);
  const copy = (bundle: Json): Json => structuredClone(bundle);

  function expectError(bundle: Json, ruleId: string, location: string): Issue {
    const found = errors(v.validateToIssues(bundle, { bars: false }).issues);
    const hit = found.find((i) => i.ruleId === ruleId && i.location === location);
    expect(hit, `expected ${ruleId} at ${location}; errors: ${JSON.stringify(found.map((i) => [i.ruleId, i.location, i.message]))}`).toBeDefined();
    return hit!;
  }

  it('the unmodified IG example (XML) gives no error', () => {
    const issues = v.validateToIssues(readFileSync(sharedPath(IG_EXAMPLE), 'utf8'), { bars: false }).issues;
    expect(errors(issues).map((i) => `${i.ruleId} ${i.location}: ${i.message}`)).toEqual([]);
    // Positions come from the XML source.
    expect(issues.find((i) => i.position)?.position?.line).toBeGreaterThan(1);
  });

  it('the project fixture gives no error, and its profiles are applied', () => {
    expect(errors(v.validateToIssues(fixture, { bars: false }).issues).map((i) => `${i.ruleId} ${i.location}: ${i.message}`)).toEqual([]);
  });

  for (const [name, pick] of [['IG example', () => example], ['fixture', () => fixture]] as const) {
    it(`${name}: missing Bundle.type`, () => {
      const b = copy(pick());
      delete b.type;
      expect(expectError(b, 'cardinality-min', 'Bundle').message).toContain('Bundle.type: minimum required = 1');
    });

    it(`${name}: MessageHeader.eventCoding given as an array of two`, () => {
      const b = copy(pick());
      const mh = b.entry[0].resource;
      mh.eventCoding = [mh.eventCoding, mh.eventCoding];
      expectError(b, 'json-array-unexpected', 'Bundle.entry[0].resource.event.ofType(Coding)');
    });

    it(`${name}: ServiceRequest.authoredOn 2021-13-45`, () => {
      const b = copy(pick());
      const i = indexOf(b, 'ServiceRequest');
      b.entry[i].resource.authoredOn = '2021-13-45';
      expectError(b, 'primitive-format', `Bundle.entry[${i}].resource.authoredOn`);
    });

    it(`${name}: ServiceRequest.status bogus`, () => {
      const b = copy(pick());
      const i = indexOf(b, 'ServiceRequest');
      b.entry[i].resource.status = 'bogus';
      expectError(b, 'binding-required', `Bundle.entry[${i}].resource.status`);
    });

    it(`${name}: a message Bundle whose first entry is not a MessageHeader`, () => {
      const b = copy(pick());
      b.entry.push(b.entry.shift());
      expectError(b, 'bdl-12', 'Bundle');
    });

    it(`${name}: a urn:uuid reference that is not in the Bundle`, () => {
      const b = copy(pick());
      const i = indexOf(b, 'ServiceRequest');
      b.entry[i].resource.subject.reference = 'urn:uuid:00000000-1111-4222-8333-444444444444';
      expectError(b, 'reference-not-in-bundle', `Bundle.entry[${i}].resource.subject`);
    });

    it(`${name}: ServiceRequest.orderDetail without a code (prr-1)`, () => {
      const b = copy(pick());
      const i = indexOf(b, 'ServiceRequest');
      delete b.entry[i].resource.code;
      b.entry[i].resource.orderDetail = [{ text: 'Bring previous discharge letter' }];
      expectError(b, 'prr-1', `Bundle.entry[${i}].resource`);
    });

    it(`${name}: unknown element ServiceRequest.fooBar`, () => {
      const b = copy(pick());
      const i = indexOf(b, 'ServiceRequest');
      b.entry[i].resource.fooBar = 'x';
      expect(expectError(b, 'unknown-property', `Bundle.entry[${i}].resource`).message).toContain("'fooBar'");
    });

    it(`${name}: "true" as a string for a boolean`, () => {
      const b = copy(pick());
      const i = indexOf(b, 'HealthcareService');
      b.entry[i].resource.active = 'true';
      expectError(b, 'json-type', `Bundle.entry[${i}].resource.active`);
    });

    it(`${name}: an empty object`, () => {
      const b = copy(pick());
      const i = indexOf(b, 'ServiceRequest');
      b.entry[i].resource.code = {};
      expectError(b, 'empty-object', `Bundle.entry[${i}].resource.code`);
    });

    it(`${name}: an empty array`, () => {
      const b = copy(pick());
      const i = indexOf(b, 'ServiceRequest');
      b.entry[i].resource.note = [];
      expectError(b, 'empty-array', `Bundle.entry[${i}].resource.note`);
    });

    it(`${name}: MessageHeader with both eventCoding and eventUri`, () => {
      const b = copy(pick());
      b.entry[0].resource.eventUri = 'https://example.org/events/referral';
      expectError(b, 'choice-multiple', 'Bundle.entry[0].resource');
    });

    it(`${name}: ServiceRequest.category twice against the BaRS referral profile (1..1)`, () => {
      const b = copy(pick());
      const i = indexOf(b, 'ServiceRequest');
      const sr = b.entry[i].resource;
      sr.category = [sr.category[0], { coding: [{ system: 'https://fhir.nhs.uk/CodeSystem/message-category-servicerequest', code: 'referral' }] }];
      const issue = expectError(b, 'cardinality-max', `Bundle.entry[${i}].resource`);
      expect(issue.message).toContain('BARSServiceRequest-request-referral');
    });
  }
});
