import { beforeAll, describe, expect, it } from 'vitest';
import type { Check } from '../../src/checks/check.js';
import { createPlanCompiler } from '../../src/compile/plan-compiler.js';
import { createDefinitionSet } from '../../src/defs/definition-set.js';
import { createWalkerCache, InstanceWalker } from '../../src/instance/walker.js';
import { createChecks } from '../../src/checks/registry.js';
import type { EngineServices } from '../../src/checks/check.js';
import { coreValidator, issuesOf, profile, r4Core } from '../checks/helpers.js';
import type { RawStructureDefinition } from '../../src/compile/compile-structure.js';
import { generateSnapshot } from '../../src/defs/snapshot.js';

/** A probe check that records what the walker hands it. */
function probe(seen: Array<Record<string, unknown>>): Check {
  return {
    name: 'probe',
    checkNode(visit, ctx) {
      if (visit.role === 'element') {
        seen.push({ location: ctx.location(), type: visit.typeCode, resource: ctx.resource.resourceType, root: ctx.resource.root.resourceType, container: ctx.resource.container?.resourceType, fullUrl: ctx.resource.fullUrl });
      }
    },
  };
}

describe('InstanceWalker', () => {
  let services: EngineServices;
  beforeAll(() => {
    const defs = createDefinitionSet([r4Core()]);
    services = { defs, plans: createPlanCompiler({ defs }) };
  });

  it('visits every node with its FHIRPath location and type', () => {
    const seen: Array<Record<string, unknown>> = [];
    new InstanceWalker({ services, checks: [probe(seen)] }).validateResource({ resourceType: 'Observation', status: 'final', code: { coding: [{ system: 's', code: 'c' }] }, valueQuantity: { value: 1 } });
    const byLocation = Object.fromEntries(seen.map((s) => [s.location, s.type]));
    expect(byLocation).toMatchObject({
      'Observation.status': 'code',
      'Observation.code': 'CodeableConcept',
      'Observation.code.coding[0]': 'Coding',
      'Observation.code.coding[0].system': 'uri',
      'Observation.value.ofType(Quantity)': 'Quantity',
      'Observation.value.ofType(Quantity).value': 'decimal',
    });
  });

  it('tracks the current resource, the root, containers and Bundle fullUrls', () => {
    const seen: Array<Record<string, unknown>> = [];
    const bundle = {
      resourceType: 'Bundle', type: 'collection',
      entry: [{ fullUrl: 'urn:uuid:e1', resource: { resourceType: 'Patient', contained: [{ resourceType: 'Organization', name: 'O' }], active: true } }],
    };
    new InstanceWalker({ services, checks: [probe(seen)] }).validateResource(bundle);
    expect(seen.find((s) => s.location === 'Bundle.entry[0].resource.active')).toMatchObject({ resource: 'Patient', root: 'Bundle', fullUrl: 'urn:uuid:e1' });
    expect(seen.find((s) => s.location === 'Bundle.entry[0].resource.contained[0].name')).toMatchObject({ resource: 'Organization', container: 'Patient' });
  });

  it('walks primitive companions (_element) against the primitive type', () => {
    const seen: Array<Record<string, unknown>> = [];
    new InstanceWalker({ services, checks: [probe(seen)] }).validateResource({ resourceType: 'Patient', _gender: { extension: [{ url: 'http://x', valueString: 'y' }] } });
    expect(seen.map((s) => s.location)).toContain('Patient.gender.extension[0].value.ofType(string)');
  });

  it('reports through the context with the walker\'s location (checks never build paths)', () => {
    const reporter: Check = {
      name: 'reporter',
      checkNode(visit, ctx) {
        if (visit.role === 'element' && visit.key === 'family') ctx.report({ severity: 'error', code: 'value', ruleId: 'probe', message: 'x' });
      },
    };
    const issues = new InstanceWalker({ services, checks: [reporter] }).validateResource({ resourceType: 'Patient', name: [{ family: 'A' }, { family: 'B' }] });
    expect(issues.map((i) => i.location)).toEqual(['Patient.name[0].family', 'Patient.name[1].family']);
  });

  it('asks prepareNode once per element, role and type, runs what it returns for each node, and skips where it returns nothing', () => {
    const prepared: string[] = [];
    const ran: string[] = [];
    const check: Check = {
      name: 'prepared-probe',
      checkNode: () => {
        throw new Error('the walker must call what prepareNode returned');
      },
      prepareNode(element, role, typeCode) {
        if (role !== 'element') return undefined;
        prepared.push(`${element.path}:${typeCode}`);
        // Nothing to check on Patient.active: the walker must not call anything there.
        if (element.path === 'Patient.active') return undefined;
        return (visit, ctx) => ran.push(`${ctx.location()}=${String(visit.value)}`);
      },
    };
    // One validator's walkers: the same cache and the same checks list.
    const cache = createWalkerCache();
    const checks = [check];
    const patient = { resourceType: 'Patient', active: true, gender: 'female', name: [{ given: ['Ann', 'Bea'] }] };
    new InstanceWalker({ services, checks, cache }).validateResource(patient);
    new InstanceWalker({ services, checks, cache }).validateResource({ ...patient, gender: 'male' });
    expect(prepared.sort()).toEqual(['HumanName.given:string', 'Patient.active:boolean', 'Patient.gender:code', 'Patient.name:HumanName']);
    expect(ran.filter((r) => r.startsWith('Patient.gender'))).toEqual(['Patient.gender=female', 'Patient.gender=male']);
    expect(ran.filter((r) => r.startsWith('Patient.name[0].given'))).toHaveLength(4);
    expect(ran.some((r) => r.startsWith('Patient.active'))).toBe(false);
  });
});

describe('InstanceWalker: extension roots kept per element and url', () => {
  it('walks each extension against the definition its own url names, whatever the walkers before it met', () => {
    const defs = createDefinitionSet([r4Core()]);
    const services: EngineServices = { defs, plans: createPlanCompiler({ defs }) };
    const birthPlace = 'http://hl7.org/fhir/StructureDefinition/patient-birthPlace'; // valueAddress
    const maidenName = 'http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName'; // valueString
    const patient = (urls: string[]) => ({ resourceType: 'Patient', extension: urls.map((url) => ({ url, valueString: 'Smith' })) });
    const summary = (issues: Array<{ ruleId: string; location?: string }>) => issues.map((i) => `${i.ruleId}@${i.location}`).sort();
    const checks = createChecks();
    const cache = createWalkerCache();
    const inputs = [[birthPlace, maidenName, 'http://example.org/unknown'], [maidenName, 'http://example.org/unknown', birthPlace], [birthPlace, birthPlace]];
    for (const urls of inputs) {
      const shared = summary(new InstanceWalker({ services, checks, cache }).validateResource(patient(urls)));
      const fresh = summary(new InstanceWalker({ services, checks }).validateResource(patient(urls)));
      expect(shared, urls.join(' ')).toEqual(fresh);
      // A string where birthPlace wants an Address: reported at each birthPlace extension, and only there.
      const at = urls.flatMap((url, i) => (url === birthPlace ? [`Patient.extension[${i}]`] : []));
      const located = new Set(shared.filter((s) => /value|type/.test(s)).map((s) => s.split('@')[1].replace(/\.value.*$/, '')));
      expect([...located].sort(), urls.join(' ')).toEqual(at);
    }
  });
});

describe('InstanceWalker over a Bundle with several profiles', () => {
  it('walks each entry resource once per definition, however many Bundle profiles lead to it', () => {
    const a = profile('BundleA', 'Bundle', [{ id: 'Bundle.type', path: 'Bundle.type', min: 1 }]);
    const b = profile('BundleB', 'Bundle', [{ id: 'Bundle.entry', path: 'Bundle.entry', min: 1 }]);
    const defs = createDefinitionSet([r4Core(), { name: 'walker.test', version: '0.0.0', resources: [a, b] }]);
    const services: EngineServices = {
      defs,
      plans: createPlanCompiler({ defs, generateSnapshot: (sd, set) => generateSnapshot(sd as never, set).structureDefinition as unknown as RawStructureDefinition }),
    };
    const bundleRoots: string[] = [];
    const patientRoots: string[] = [];
    const rootsOf: Check = {
      name: 'roots',
      checkNode(visit, ctx) {
        if (visit.role !== 'root' || visit.value !== ctx.resource.resource) return;
        (ctx.resource.resourceType === 'Bundle' ? bundleRoots : patientRoots).push(visit.element.structure.url);
      },
    };
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:p1', resource: { resourceType: 'Patient', active: true } }] };
    new InstanceWalker({ services, checks: [rootsOf], rootProfiles: [a.url as string, b.url as string] }).validateResource(bundle);
    // The Bundle against its type and both profiles; the Patient (reached through each) against its type, once.
    expect(bundleRoots).toEqual(['http://hl7.org/fhir/StructureDefinition/Bundle', a.url, b.url]);
    expect(patientRoots).toEqual(['http://hl7.org/fhir/StructureDefinition/Patient']);
  });
});

describe('InstanceWalker: a base type folded into the profile derived from it', () => {
  let services: EngineServices;
  beforeAll(() => {
    const defs = createDefinitionSet([r4Core()]);
    services = { defs, plans: createPlanCompiler({ defs }) };
  });

  it('walks the resource once, and still reports the base type\'s cardinality as a walk of the base would', () => {
    const seen: Array<Record<string, unknown>> = [];
    const observation = { resourceType: 'Observation', meta: { profile: ['http://hl7.org/fhir/StructureDefinition/bp'] }, status: 'final' };
    const issues = new InstanceWalker({ services, checks: [probe(seen), ...createChecks()] }).validateResource(observation);
    // Each element node once: against the profile only, not against Observation as well.
    expect(seen.filter((s) => s.location === 'Observation.status')).toHaveLength(1);
    const codeMin = issues.filter((i) => i.ruleId === 'cardinality-min' && i.message.startsWith('Observation.code:'));
    expect(codeMin.map((i) => i.definition).sort()).toEqual(['http://hl7.org/fhir/StructureDefinition/Observation|4.0.1', 'http://hl7.org/fhir/StructureDefinition/bp|4.0.1']);
  });

  it("counts the base type's elements from the profile walk's own items: too many of a single element is reported from both", () => {
    const observation = { resourceType: 'Observation', meta: { profile: ['http://hl7.org/fhir/StructureDefinition/bp'] }, status: 'final', code: [{ text: 'a' }, { text: 'b' }] };
    const issues = new InstanceWalker({ services, checks: createChecks() }).validateResource(observation);
    const codeMax = issues.filter((i) => i.ruleId === 'cardinality-max' && i.message.startsWith('Observation.code:'));
    expect(codeMax.map((i) => i.definition).sort()).toEqual(['http://hl7.org/fhir/StructureDefinition/Observation|4.0.1', 'http://hl7.org/fhir/StructureDefinition/bp|4.0.1']);
    expect(codeMax[0].message).toContain('found 2');
  });

  it("counts a folded datatype's plain elements from the main grouping, and reports their cardinality from both definitions", () => {
    // bp's Observation.code has its own children; the base walk reaches code through CodeableConcept (and Coding).
    const code = { text: ['a', 'b'], coding: [{ system: 'http://loinc.org', code: '85354-9', display: ['x', 'y'] }] };
    const observation = { resourceType: 'Observation', meta: { profile: ['http://hl7.org/fhir/StructureDefinition/bp'] }, status: 'final', code };
    const issues = new InstanceWalker({ services, checks: createChecks() }).validateResource(observation);
    const max = issues.filter((i) => i.ruleId === 'cardinality-max').map((i) => `${i.location}: ${i.message.split(':')[0]} found ${i.message.match(/found (\d+)/)?.[1]}`);
    expect(max.sort()).toEqual([
      'Observation.code.coding[0]: Coding.display found 2',
      'Observation.code.coding[0]: Observation.code.coding.display found 2',
      'Observation.code: CodeableConcept.text found 2',
      'Observation.code: Observation.code.text found 2',
    ]);
    const clean = new InstanceWalker({ services, checks: createChecks() }).validateResource({ ...observation, code: { text: 'a', coding: [{ ...code.coding[0], display: 'x' }] } });
    expect(clean.filter((i) => i.ruleId === 'cardinality-max')).toEqual([]);
  });

  it("counts a folded choice from the main grouping when the profile keeps all its types, and reports it from both definitions", () => {
    // The profile keeps medication[x] (1..1, both types) as the base has it; the base is folded into its walk.
    const request = profile('mr-needs-note', 'MedicationRequest', [{ id: 'MedicationRequest.note', path: 'MedicationRequest.note', min: 1 }]);
    const defs = createDefinitionSet([r4Core(), { name: 'walker.test', version: '0.0.0', resources: [request] }]);
    const folded: EngineServices = {
      defs,
      plans: createPlanCompiler({ defs, generateSnapshot: (sd, set) => generateSnapshot(sd as never, set).structureDefinition as unknown as RawStructureDefinition }),
    };
    const walk = (extra: Record<string, unknown>) =>
      new InstanceWalker({ services: folded, checks: createChecks(), rootProfiles: [request.url as string] })
        .validateResource({ resourceType: 'MedicationRequest', status: 'active', intent: 'order', subject: { reference: 'Patient/1' }, ...extra })
        .filter((i) => i.ruleId === 'cardinality-min')
        .map((i) => `${i.message.split(':')[0]} from ${i.definition}`)
        .sort();
    expect(walk({})).toEqual([
      'MedicationRequest.medication[x] from http://example.org/fhir/StructureDefinition/mr-needs-note|1.0.0',
      'MedicationRequest.medication[x] from http://hl7.org/fhir/StructureDefinition/MedicationRequest|4.0.1',
      'MedicationRequest.note from http://example.org/fhir/StructureDefinition/mr-needs-note|1.0.0',
    ]);
    expect(walk({ medicationReference: { reference: 'Medication/1' }, note: [{ text: 'x' }] })).toEqual([]);
  });

  it('tells a profile selector whether the resource is the root and, when read, its location, from one shape of frame', () => {
    const frames: Array<{ isRoot: boolean; location: string }> = [];
    const read: Array<[boolean, string]> = [];
    const selectProfiles = (_resource: Record<string, unknown>, frame: { isRoot: boolean; location: string }) => {
      frames.push(frame);
      read.push([frame.isRoot, frame.location]);
      return [];
    };
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:2b7e151e-8c1a-4c55-9f2e-7a0b3c4d5e6f', resource: { resourceType: 'Patient' } }] };
    new InstanceWalker({ services, checks: createChecks(), selectProfiles }).validateResource(bundle);
    expect(read).toEqual([[true, 'Bundle'], [false, 'Bundle.entry[0].resource']]);
    // No frame carries its own getter: an object literal with a getter per call gets a hidden class
    // of its own, whose transition tree keeps the getter (and the walker it closes over, with the
    // whole input) alive through minor GCs; that made BaRS message validation about 25 % slower.
    for (const frame of frames) expect(Object.getOwnPropertyDescriptor(frame, 'location')).toBeUndefined();
    expect(new Set(frames.map((f) => Object.getPrototypeOf(f))).size).toBe(1);
  });
});

describe('InstanceWalker: several profiles on a type mean any of them', () => {
  // Address profiles: one requires use, the other type; Patient.address may conform to either.
  const useRequired = { ...profile('address-use', 'Address', [{ id: 'Address.use', path: 'Address.use', min: 1 }]), kind: 'complex-type' };
  const typeRequired = { ...profile('address-type', 'Address', [{ id: 'Address.type', path: 'Address.type', min: 1 }]), kind: 'complex-type' };
  const patientProfile = profile('patient-any-address', 'Patient', [
    { id: 'Patient.address', path: 'Patient.address', type: [{ code: 'Address', profile: [useRequired.url, typeRequired.url] }] },
  ]);
  const url = patientProfile.url as string;
  let validator: Awaited<ReturnType<typeof coreValidator>>;
  beforeAll(async () => {
    validator = await coreValidator([useRequired, typeRequired, patientProfile]);
  });
  const errors = (address: Record<string, unknown>) =>
    issuesOf(validator, { resourceType: 'Patient', address: [address] }, url).filter((i) => i.severity === 'error').map((i) => `${i.ruleId} @${i.location}`);

  it('walks the node against the profile it conforms to only', () => {
    expect(errors({ use: 'home', text: 'x' })).toEqual([]);
    expect(errors({ type: 'postal', text: 'x' })).toEqual([]);
    expect(errors({ use: 'home', type: 'postal', text: 'x' })).toEqual([]);
  });

  it('reports conforming to none, then what each profile finds', () => {
    expect(errors({ text: 'x' })).toEqual(['profile-no-match @Patient.address[0]', 'cardinality-min @Patient.address[0]', 'cardinality-min @Patient.address[0]']);
  });
});
