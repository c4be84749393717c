/**
 * The Application profiles (fsh/input/fsh/app-*.fsh, compiled into generated/):
 * - every rule of spec/applications.md is expressed in FSH or listed in docs/fsh-deviations.md as
 *   checked in TypeScript, so no rule is lost;
 * - every invariant evaluates to a boolean on every IG example message, fails exactly where the IG
 *   examples have the defects that spec/conformance-resources.md and spec/applications.md record,
 *   and can fail: a one-change mutation of a passing example makes it fail.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadR4CorePackage } from '../../src/defs/r4-core.js';
import { createDefinitionSet } from '../../src/defs/definition-set.js';
import { createTypeModel, type FhirTypeModel } from '../../src/formats/type-model.js';
import { parseFhirXml } from '../../src/formats/xml-reader.js';
import { describeWithShared, repoRoot, sharedPath } from '../support/shared.js';
import { readDeviations } from './support/deviations.js';
import { evaluateInvariant, failedInvariants, invariantsOf, type ProfileLike } from './support/invariants.js';

type Json = Record<string, any>;

const profiles: Array<ProfileLike & Json> = readdirSync(join(repoRoot, 'generated'))
  .filter((f) => f.startsWith('StructureDefinition-'))
  .map((f) => JSON.parse(readFileSync(join(repoRoot, 'generated', f), 'utf8')));
const app1 = profiles.find((p) => p.id === 'BARSBundleMessage-application1')!;
const app4 = profiles.find((p) => p.id === 'BARSBundleMessage-application4')!;
const applicationInvariants = profiles.flatMap((p) => invariantsOf(p)).filter((i) => i.key.startsWith('APP-'));

describe('Application profiles in generated/', () => {
  it('exist for Application 1 and 4, scoped by use case a1t1 / a4t1', () => {
    expect(app1.useContext[0].valueCodeableConcept.coding[0].code).toBe('a1t1');
    expect(app4.useContext[0].valueCodeableConcept.coding[0].code).toBe('a4t1');
  });

  it('key every invariant by a rule id (optionally with a .part suffix), each key once per profile', () => {
    const keys = applicationInvariants.map((i) => i.key);
    expect(keys.filter((k) => !/^APP-(UEC|111ED|999CAS)-\d{2}(\.[a-z0-9-]+)?$/.test(k))).toEqual([]);
    for (const p of profiles) {
      const own = invariantsOf(p).map((i) => i.key);
      expect(own.length, p.url).toBe(new Set(own).size);
    }
  });

  it('fix the ServiceRequest use-case and type codings (a1t1 referral, a4t1 validation)', () => {
    const fixed = (id: string, slice: string, child: 'system' | 'code') => {
      const e = (profiles.find((p) => p.id === id)!.differential.element as Json[]).find((x) => x.id === `ServiceRequest.category.coding:${slice}.${child}`);
      return e?.fixedUri ?? e?.fixedCode;
    };
    expect(fixed('BARSServiceRequest-application1', 'useCase', 'code')).toBe('a1t1');
    expect(fixed('BARSServiceRequest-application1', 'useCase', 'system')).toBe('https://fhir.nhs.uk/CodeSystem/usecases-categories-bars');
    expect(fixed('BARSServiceRequest-application1', 'messageCategory', 'code')).toBe('referral');
    expect(fixed('BARSServiceRequest-application4', 'useCase', 'code')).toBe('a4t1');
    expect(fixed('BARSServiceRequest-application4', 'messageCategory', 'code')).toBe('validation');
    expect(fixed('BARSServiceRequest-application4', 'messageCategory', 'system')).toBe('https://fhir.nhs.uk/CodeSystem/message-category-servicerequest');
  });
});

describeWithShared('every Application rule is in FSH or listed as TypeScript', () => {
  it('covers each rule id of spec/applications.md', () => {
    const spec = readFileSync(sharedPath('spec', 'applications.md'), 'utf8');
    const ruleIds = [...new Set([...spec.matchAll(/\| (APP-(?:UEC|111ED|999CAS)-\d{2}) \|/g)].map((m) => m[1]))];
    expect(ruleIds.length).toBe(17 + 25 + 28);
    const inFsh = new Set(applicationInvariants.map((i) => i.key.split('.')[0]));
    for (const p of profiles) {
      for (const e of p.differential.element as Json[]) for (const m of String(e.requirements ?? '').matchAll(/APP-(?:UEC|111ED|999CAS)-\d{2}/g)) inFsh.add(m[0]);
    }
    const inTypeScript = new Set(readDeviations(join(repoRoot, 'docs', 'fsh-deviations.md')).typeScriptRules.map((r) => r.ruleId));
    expect(ruleIds.filter((id) => !inFsh.has(id) && !inTypeScript.has(id))).toEqual([]);
  });
});

describeWithShared('Application invariants on the IG example messages', () => {
  let model: FhirTypeModel;
  const examples = new Map<string, Json>();
  const load = (prefix: string): Json => {
    const cached = examples.get(prefix);
    if (cached) return structuredClone(cached);
    const file = readdirSync(sharedPath('bars-ig', 'Examples')).find((f) => f.startsWith(prefix))!;
    const parsed = parseFhirXml(readFileSync(sharedPath('bars-ig', 'Examples', file), 'utf8'), model);
    if (!parsed.ok) throw new Error(`${file}: ${parsed.error.message}`);
    examples.set(prefix, parsed.resource);
    return structuredClone(parsed.resource);
  };

  beforeAll(() => {
    model = createTypeModel(createDefinitionSet([loadR4CorePackage()]));
  });

  // What each example fails, as recorded in spec/conformance-resources.md §6 and spec/applications.md:
  // e.g. REFREQ01 performer → Organization (111ED-07) and no CarePlan.period.start (111ED-12); BOOKREQ02
  // reason new on a cancellation (111ED-22); contact-rank defects (UEC-02); swapped lat/long (999CAS-15);
  // VALREQ02 text-only scene-safety Flag and no ARP coding; VALRESP03 scene-safety code UT; SERVREQ02 no
  // definition; every App 4 example without authoredOn (999CAS-08); HealthcareService declaring core profiles.
  const expected: Array<[string, ProfileLike, string[]]> = [
    ['REFREQ01', app1, ['APP-111ED-06.absent@ServiceRequest', 'APP-111ED-07', 'APP-111ED-12', 'APP-111ED-14.based-on', 'APP-UEC-17']],
    ['BOOKREQ01', app1, ['APP-UEC-02@Patient', 'APP-UEC-03.primary-phone@Patient', 'APP-UEC-17']],
    ['BOOKREQ02', app1, ['APP-111ED-22', 'APP-UEC-02@Patient', 'APP-UEC-03.primary-phone@Patient', 'APP-UEC-17']],
    ['REFRESP01', app1, ['APP-111ED-06.absent@ServiceRequest', 'APP-UEC-09@Flag', 'APP-UEC-11.note@Observation', 'APP-UEC-17']],
    ['VALREQ01', app4, ['APP-999CAS-08@ServiceRequest', 'APP-999CAS-15', 'APP-999CAS-16.destination', 'APP-UEC-17']],
    ['VALREQ02', app4, ['APP-999CAS-08@ServiceRequest', 'APP-999CAS-11', 'APP-999CAS-12', 'APP-999CAS-15', 'APP-999CAS-16.destination', 'APP-UEC-02@Patient', 'APP-UEC-03.primary-phone@Patient', 'APP-UEC-09.code-system@Flag', 'APP-UEC-17']],
    ['VALREQ03', app4, ['APP-999CAS-08@ServiceRequest', 'APP-999CAS-15', 'APP-999CAS-16.destination', 'APP-UEC-02@Patient', 'APP-UEC-03.primary-phone@Patient', 'APP-UEC-17']],
    ['VALRESP01A', app4, ['APP-999CAS-08@ServiceRequest', 'APP-UEC-02@Patient', 'APP-UEC-03.primary-phone@Patient']],
    ['VALRESP01B', app4, ['APP-999CAS-08@ServiceRequest', 'APP-999CAS-11', 'APP-999CAS-15', 'APP-UEC-02@Patient', 'APP-UEC-03.primary-phone@Patient', 'APP-UEC-17']],
    ['VALRESP02', app4, ['APP-999CAS-08@ServiceRequest', 'APP-999CAS-11', 'APP-999CAS-15', 'APP-UEC-17']],
    ['VALRESP03', app4, ['APP-999CAS-08@ServiceRequest', 'APP-999CAS-12', 'APP-999CAS-15', 'APP-UEC-02@Patient', 'APP-UEC-03.primary-phone@Patient', 'APP-UEC-17']],
    ['VALRESP04', app4, ['APP-999CAS-08@ServiceRequest', 'APP-UEC-02@Patient', 'APP-UEC-03.primary-phone@Patient']],
    ['VALRESP05', app4, ['APP-999CAS-08@ServiceRequest', 'APP-999CAS-15', 'APP-UEC-17']],
    ['SERVREQ01', app4, ['APP-999CAS-08@ServiceRequest', 'APP-UEC-02@Patient', 'APP-UEC-03.primary-phone@Patient']],
    ['SERVREQ02', app4, ['APP-999CAS-08@ServiceRequest', 'APP-999CAS-19', 'APP-UEC-02@Patient', 'APP-UEC-03.primary-phone@Patient']],
  ];

  it.each(expected)('%s fails exactly its recorded defects', (prefix, bundleProfile, failures) => {
    expect(failedInvariants(load(prefix), bundleProfile, profiles)).toEqual(failures);
  });

  it('every invariant gives a boolean on every example (no FHIRPath error)', () => {
    const odd: string[] = [];
    for (const [prefix] of expected) {
      const bundle = load(prefix);
      for (const inv of applicationInvariants) {
        const targets = inv.profile === app1.url || inv.profile === app4.url ? [bundle] : bundle.entry.map((e: Json) => e.resource).filter((r: Json) => r.resourceType === profiles.find((p) => p.url === inv.profile)!.type);
        for (const t of targets) {
          const r = evaluateInvariant(inv, t, bundle);
          if (typeof r !== 'boolean') odd.push(`${prefix} ${inv.key}: ${r}`);
        }
      }
    }
    expect(odd).toEqual([]);
  });

  // One change to a message that otherwise passes the rule, and the rule must fail.
  const resources = (b: Json, type: string): Json[] => b.entry.map((e: Json) => e.resource).filter((r: Json) => r?.resourceType === type);
  const first = (b: Json, type: string): Json => resources(b, type)[0];
  const fullUrl = (b: Json, type: string): string => b.entry.find((e: Json) => e.resource?.resourceType === type).fullUrl;
  const header = (b: Json): Json => b.entry[0].resource;
  const isSceneSafety = (f: Json): boolean => f.category?.some((c: Json) => c.coding?.some((x: Json) => x.code === 'SS'));
  const focusOf = (b: Json): Json => b.entry.find((e: Json) => e.fullUrl === header(b).focus[0].reference).resource;
  const md = (tail: string): string => `https://fhir.nhs.uk/MessageDefinition/${tail}`;

  const mutations: Array<[string, string, ProfileLike, (b: Json) => void]> = [
    ['APP-111ED-01.appointment', 'BOOKREQ01', app1, (b) => { delete first(b, 'Appointment').serviceCategory; }],
    ['APP-111ED-02', 'REFREQ01', app1, (b) => { header(b).definition = md('bars-message-booking-request'); }],
    ['APP-111ED-03@ServiceRequest', 'REFREQ01', app1, (b) => { first(b, 'ServiceRequest').meta.profile = ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-ServiceRequest']; }],
    ['APP-111ED-04', 'REFREQ01', app1, (b) => { first(b, 'ServiceRequest').status = 'draft'; }],
    ['APP-111ED-06@ServiceRequest', 'REFREQ01', app1, (b) => { first(b, 'ServiceRequest').occurrencePeriod = { start: '2021-10-13T10:00:00Z', end: '2021-10-13T09:00:00Z' }; }],
    ['APP-111ED-08', 'REFREQ01', app1, (b) => { delete first(b, 'ServiceRequest').basedOn; }],
    ['APP-111ED-09', 'REFREQ01', app1, (b) => { first(b, 'ServiceRequest').supportingInfo = [{ reference: fullUrl(b, 'Encounter') }]; }],
    ['APP-111ED-11', 'REFREQ01', app1, (b) => { first(b, 'Encounter').status = 'in-progress'; }],
    ['APP-111ED-11.period-start', 'REFREQ01', app1, (b) => { delete first(b, 'Encounter').period; }],
    ['APP-111ED-13', 'REFREQ01', app1, (b) => { for (const a of first(b, 'CarePlan').activity) for (const o of a.outcomeCodeableConcept ?? []) delete o.text; }],
    ['APP-111ED-13.codings', 'REFREQ01', app1, (b) => { for (const a of first(b, 'CarePlan').activity) for (const o of a.outcomeCodeableConcept ?? []) for (const c of o.coding ?? []) delete c.display; }],
    ['APP-111ED-14', 'REFREQ01', app1, (b) => { first(b, 'QuestionnaireResponse').item[0].linkId = 'Other'; }],
    ['APP-111ED-16', 'REFREQ01', app1, (b) => { header(b).reason.coding[0].code = 'update'; }],
    ['APP-111ED-17', 'REFREQ01', app1, (b) => { first(b, 'ServiceRequest').status = 'revoked'; header(b).reason.coding[0].code = 'update'; }],
    ['APP-111ED-18', 'BOOKREQ01', app1, (b) => { first(b, 'Appointment').status = 'proposed'; }],
    ['APP-111ED-21', 'BOOKREQ01', app1, (b) => { header(b).reason.coding[0].code = 'update'; }],
    ['APP-111ED-25', 'REFRESP01', app1, (b) => { first(b, 'ServiceRequest').status = 'active'; }],
    ['APP-999CAS-02', 'VALREQ01', app4, (b) => { header(b).definition = md('bars-message-servicerequest-request-referral'); }],
    ['APP-999CAS-03@ServiceRequest', 'VALREQ01', app4, (b) => { first(b, 'ServiceRequest').meta.profile = ['https://fhir.nhs.uk/StructureDefinition/BARSServiceRequest-request-referral']; }],
    ['APP-999CAS-04', 'VALREQ01', app4, (b) => { first(b, 'ServiceRequest').status = 'on-hold'; }],
    ['APP-999CAS-05', 'VALREQ01', app4, (b) => { delete first(b, 'ServiceRequest').occurrencePeriod.end; }],
    ['APP-999CAS-06', 'VALREQ01', app4, (b) => { delete first(b, 'ServiceRequest').locationReference; }],
    ['APP-999CAS-07', 'VALREQ01', app4, (b) => { delete first(b, 'ServiceRequest').performer; }],
    ['APP-999CAS-09', 'VALREQ01', app4, (b) => { first(b, 'Encounter').status = 'finished'; }],
    ['APP-999CAS-09.in-progress', 'VALREQ01', app4, (b) => { first(b, 'Encounter').status = 'in-progress'; }],
    ['APP-999CAS-10', 'VALREQ01', app4, (b) => { first(b, 'CarePlan').status = 'completed'; }],
    ['APP-999CAS-11.triage-codes', 'VALREQ01', app4, (b) => { for (const a of first(b, 'CarePlan').activity) for (const o of a.outcomeCodeableConcept ?? []) o.coding = o.coding?.filter((c: Json) => !c.system.endsWith('pathways-sg-codes')); }],
    ['APP-999CAS-13', 'VALREQ01', app4, (b) => { delete first(b, 'Flag').encounter; }],
    ['APP-999CAS-14', 'VALREQ01', app4, (b) => { const l = first(b, 'Location'); delete l.extension; delete l.position; delete l.address; }],
    ['APP-999CAS-14.should', 'VALREQ01', app4, (b) => { delete first(b, 'Location').name; }],
    ['APP-999CAS-14.sub-extension-case', 'VALREQ01', app4, (b) => { first(b, 'Location').extension = [{ url: 'https://fhir.nhs.uk/StructureDefinition/LocationExtension', extension: [{ url: 'Eastings', valueString: '429157' }] }]; }],
    ['APP-999CAS-16', 'VALREQ01', app4, (b) => { first(b, 'HealthcareService').providedBy = { reference: fullUrl(b, 'Patient') }; }],
    ['APP-999CAS-18', 'VALREQ01', app4, (b) => { header(b).reason.coding[0].code = 'update'; delete first(b, 'ServiceRequest').id; }],
    ['APP-999CAS-20', 'VALRESP02', app4, (b) => { header(b).response.code = 'transient-error'; }],
    ['APP-999CAS-21', 'VALRESP02', app4, (b) => { first(b, 'Encounter').episodeOfCare = [{ reference: 'EpisodeOfCare/another-journey' }]; }],
    ['APP-999CAS-21.period', 'VALRESP02', app4, (b) => { delete focusOf(b).period; }],
    ['APP-999CAS-22', 'VALRESP01A', app4, (b) => { b.entry.push({ fullUrl: 'urn:uuid:5b1e0a55-0000-4000-8000-000000000001', resource: structuredClone(first(b, 'Encounter')) }); }],
    ['APP-999CAS-23', 'VALRESP04', app4, (b) => { focusOf(b).reasonCode[0].coding[0].code = 'XYZ'; }],
    ['APP-999CAS-23.text', 'VALRESP04', app4, (b) => { for (const r of focusOf(b).reasonCode) delete r.text; }],
    ['APP-999CAS-23.pseudo-code-variant', 'VALRESP04', app4, (b) => { first(b, 'ServiceRequest').status = 'revoked'; }],
    ['APP-999CAS-24', 'VALRESP02', app4, (b) => { focusOf(b).status = 'in-progress'; }],
    ['APP-999CAS-25', 'VALRESP02', app4, (b) => { first(b, 'CarePlan').status = 'draft'; }],
    ['APP-999CAS-26', 'VALRESP02', app4, (b) => { b.entry = b.entry.filter((e: Json) => !(e.resource?.resourceType === 'Flag' && isSceneSafety(e.resource))); }],
    ['APP-UEC-01@Patient', 'VALREQ01', app4, (b) => { for (const c of first(b, 'Patient').contact) for (const x of c.extension ?? []) if (x.url.endsWith('ContactRank')) x.valuePositiveInt = 2; }],
    ['APP-UEC-03@Patient', 'VALREQ01', app4, (b) => { for (const c of first(b, 'Patient').contact) for (const t of c.telecom ?? []) t.system = 'email'; }],
    ['APP-UEC-05@Patient', 'VALREQ01', app4, (b) => { for (const i of first(b, 'Patient').identifier) for (const x of i.extension ?? []) x.valueCodeableConcept.coding[0].code = 'number-present-but-not-verified'; }],
    ['APP-UEC-07@Encounter', 'VALREQ01', app4, (b) => { first(b, 'Encounter').meta.profile = []; }],
    ['APP-UEC-07.identifier@Encounter', 'VALREQ01', app4, (b) => { delete first(b, 'Encounter').identifier; }],
    ['APP-UEC-08@CarePlan', 'VALREQ01', app4, (b) => { delete first(b, 'CarePlan').activity; }],
    ['APP-UEC-08.encounter', 'VALREQ01', app4, (b) => { first(b, 'CarePlan').encounter = { reference: fullUrl(b, 'Patient') }; }],
    ['APP-UEC-09.subject', 'VALREQ01', app4, (b) => { resources(b, 'Flag').find(isSceneSafety)!.subject = { reference: fullUrl(b, 'Patient') }; }],
    ['APP-UEC-11.birth-sex@Patient', 'VALREQ01', app4, (b) => { first(b, 'Patient').extension = [{ url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-BirthSex', valueCodeableConcept: { text: 'Male' } }]; }],
    ['APP-UEC-14', 'VALREQ01', app4, (b) => { b.entry.push({ fullUrl: 'urn:uuid:5b1e0a55-0000-4000-8000-000000000002', resource: { resourceType: 'AllergyIntolerance', patient: { reference: fullUrl(b, 'Location') } } }); }],
  ];

  it.each(mutations)('%s fails after one change to %s (and passed before)', (key, prefix, bundleProfile, mutate) => {
    expect(failedInvariants(load(prefix), bundleProfile, profiles)).not.toContain(key);
    const bundle = load(prefix);
    mutate(bundle);
    expect(failedInvariants(bundle, bundleProfile, profiles)).toContain(key);
  });

  it('has a failing example or a mutation for every Application invariant', () => {
    const shown = new Set([...expected.flatMap(([, , f]) => f), ...mutations.map(([k]) => k)].map((k) => k.split('@')[0]));
    expect(applicationInvariants.map((i) => i.key).filter((k) => !shown.has(k))).toEqual([]);
  });
});
