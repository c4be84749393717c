/**
 * Every constraint expression in the R4 core snapshots goes through compile(); then a
 * representative set is evaluated with the R4 model on small hand-made instances, each
 * once passing and once failing. Expressions are read from the core definitions, not copied.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createDefinitionSet } from '../../src/defs/definition-set.js';
import { loadR4CorePackage } from '../../src/defs/r4-core.js';
import type { ConformanceResource, DefinitionSet } from '../../src/defs/types.js';
import { createFhirPathEvaluator, type CompiledExpression, type FhirPathEvaluator, type FhirPathInput } from '../../src/fhirpath/index.js';

interface SnapshotElement {
  path: string;
  constraint?: Array<{ key: string; expression?: string }>;
}
interface StructureDefinitionJson extends ConformanceResource {
  url: string;
  snapshot?: { element: SnapshotElement[] };
}

let defs: DefinitionSet;
let fp: FhirPathEvaluator;
beforeAll(() => {
  defs = createDefinitionSet([loadR4CorePackage()]);
  fp = createFhirPathEvaluator();
});

/** The constraint `key` as defined in the core StructureDefinition of `type` (first element declaring it). */
function constraint(type: string, key: string): CompiledExpression {
  const sd = defs.typeDefinition<StructureDefinitionJson>(type);
  const element = sd?.snapshot?.element.find((e) => e.constraint?.some((c) => c.key === key));
  const expression = element?.constraint?.find((c) => c.key === key)?.expression;
  if (!expression) throw new Error(`${key} not found in ${type}`);
  const compiled = fp.compile(expression);
  if ('error' in compiled) throw new Error(`${key} does not compile: ${compiled.error}`);
  return compiled;
}

type Json = Record<string, unknown>;

/** Evaluates `key` with `node` at `path`, inside `resource` (the node itself when it is a resource). */
function holds(type: string, key: string, node: unknown, extra: Partial<FhirPathInput> & { path?: string } = {}): boolean {
  const path = extra.path ?? type;
  const resource = extra.resource ?? node;
  const result = fp.evaluateBoolean(constraint(type, key), {
    node,
    nodePath: path,
    resource,
    rootResource: extra.rootResource ?? resource,
    ...extra,
  });
  if (!result.ok) throw new Error(`${key} failed to evaluate: ${result.error}`);
  return result.value;
}

describe('R4 core constraint expressions', () => {
  it('all compile', () => {
    let total = 0;
    const failures: string[] = [];
    const distinct = new Set<string>();
    for (const sd of defs.all<StructureDefinitionJson>('StructureDefinition')) {
      for (const element of sd.snapshot?.element ?? []) {
        for (const c of element.constraint ?? []) {
          if (!c.expression) continue;
          total++;
          distinct.add(c.expression);
          const compiled = fp.compile(c.expression);
          if ('error' in compiled) failures.push(`${sd.url} ${c.key}: ${compiled.error}`);
        }
      }
    }
    console.info(`R4 core: ${total} constraint expressions (${distinct.size} distinct), ${total - failures.length} compile`);
    expect(total).toBeGreaterThan(10_000);
    expect(failures).toEqual([]);
    const stats = fp.stats();
    expect(stats.compileCacheHits).toBeGreaterThan(total - distinct.size - 1);
  });
});

describe('representative invariants, passing and failing', () => {
  it('ele-1 on a complex element, and on a primitive with only an extension / only an id', () => {
    expect(holds('Element', 'ele-1', { family: 'Smith' }, { path: 'Patient.name', resource: { resourceType: 'Patient' } })).toBe(true);
    expect(holds('Element', 'ele-1', {}, { path: 'Patient.name', resource: { resourceType: 'Patient' } })).toBe(false);
    const patient = { resourceType: 'Patient' };
    const withExtension = { extension: [{ url: 'http://example.org/x', valueString: 'why' }] };
    expect(holds('Element', 'ele-1', null, { path: 'Patient.birthDate', resource: patient, primitiveExtension: withExtension })).toBe(true);
    expect(holds('Element', 'ele-1', null, { path: 'Patient.birthDate', resource: patient, primitiveExtension: { id: 'a' } })).toBe(false);
    expect(holds('Element', 'ele-1', '1970-01-01', { path: 'Patient.birthDate', resource: patient })).toBe(true);
    expect(holds('Element', 'ele-1', 3, { path: 'Patient.multipleBirth[x]', nodeType: 'integer', resource: patient })).toBe(true);
    expect(holds('Element', 'ele-1', false, { path: 'Patient.active', resource: patient })).toBe(true);
    const div = '<div xmlns="http://www.w3.org/1999/xhtml">x</div>';
    expect(holds('Element', 'ele-1', div, { path: 'Narrative.div', nodeType: 'xhtml', resource: patient })).toBe(true);
  });

  it('ext-1: value or nested extensions, not both, not neither', () => {
    const at = { path: 'Extension', resource: { resourceType: 'Patient' } };
    expect(holds('Extension', 'ext-1', { url: 'http://x', valueString: 'v' }, at)).toBe(true);
    expect(holds('Extension', 'ext-1', { url: 'http://x' }, at)).toBe(false);
    expect(holds('Extension', 'ext-1', { url: 'http://x', valueString: 'v', extension: [{ url: 'a', valueString: 'b' }] }, at)).toBe(false);
  });

  it('dom-2 .. dom-6 on contained resources and narrative', () => {
    const org = { resourceType: 'Organization', id: 'org' };
    const ok = { resourceType: 'Patient', contained: [org], managingOrganization: { reference: '#org' } };
    expect(holds('DomainResource', 'dom-2', ok, { path: 'DomainResource' })).toBe(true);
    expect(holds('DomainResource', 'dom-2', { resourceType: 'Patient', contained: [{ ...org, contained: [{ resourceType: 'Basic', id: 'b' }] }] }, { path: 'DomainResource' })).toBe(false);
    expect(holds('DomainResource', 'dom-3', ok, { path: 'DomainResource' })).toBe(true);
    expect(holds('DomainResource', 'dom-3', { resourceType: 'Patient', contained: [org] }, { path: 'DomainResource' })).toBe(false);
    expect(holds('DomainResource', 'dom-4', ok, { path: 'DomainResource' })).toBe(true);
    expect(holds('DomainResource', 'dom-4', { ...ok, contained: [{ ...org, meta: { versionId: '1' } }] }, { path: 'DomainResource' })).toBe(false);
    expect(holds('DomainResource', 'dom-5', ok, { path: 'DomainResource' })).toBe(true);
    expect(holds('DomainResource', 'dom-5', { ...ok, contained: [{ ...org, meta: { security: [{ code: 'R' }] } }] }, { path: 'DomainResource' })).toBe(false);
    const div = '<div xmlns="http://www.w3.org/1999/xhtml">Patient</div>';
    expect(holds('DomainResource', 'dom-6', { ...ok, text: { status: 'generated', div } }, { path: 'DomainResource' })).toBe(true);
    expect(holds('DomainResource', 'dom-6', ok, { path: 'DomainResource' })).toBe(false);
  });

  it('bdl-1 .. bdl-12 (those R4 defines)', () => {
    const patient = { resourceType: 'Patient', id: 'p' };
    const collection = { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:1', resource: patient }] };
    expect(holds('Bundle', 'bdl-1', collection)).toBe(true);
    expect(holds('Bundle', 'bdl-1', { ...collection, total: 1 })).toBe(false);
    expect(holds('Bundle', 'bdl-2', collection)).toBe(true);
    expect(holds('Bundle', 'bdl-2', { ...collection, entry: [{ resource: patient, search: { mode: 'match' } }] })).toBe(false);
    const transaction = { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: patient, request: { method: 'POST', url: 'Patient' } }] };
    expect(holds('Bundle', 'bdl-3', transaction)).toBe(true);
    expect(holds('Bundle', 'bdl-3', { ...transaction, entry: [{ resource: patient }] })).toBe(false);
    const batchResponse = { resourceType: 'Bundle', type: 'batch-response', entry: [{ response: { status: '200' } }] };
    expect(holds('Bundle', 'bdl-4', batchResponse)).toBe(true);
    expect(holds('Bundle', 'bdl-4', { ...batchResponse, entry: [{ resource: patient }] })).toBe(false);
    const inBundle = { path: 'Bundle.entry', resource: collection };
    expect(holds('Bundle', 'bdl-5', collection.entry[0], inBundle)).toBe(true);
    expect(holds('Bundle', 'bdl-5', { fullUrl: 'urn:uuid:2' }, inBundle)).toBe(false);
    expect(holds('Bundle', 'bdl-7', collection)).toBe(true);
    expect(holds('Bundle', 'bdl-7', { ...collection, entry: [collection.entry[0], collection.entry[0]] })).toBe(false);
    expect(holds('Bundle', 'bdl-8', collection.entry[0], inBundle)).toBe(true);
    expect(holds('Bundle', 'bdl-8', { fullUrl: 'http://x.org/Patient/1/_history/2', resource: patient }, inBundle)).toBe(false);
    const composition = { resourceType: 'Composition', id: 'c' };
    const document = { resourceType: 'Bundle', type: 'document', identifier: { system: 'urn:ietf:rfc:3986', value: 'urn:uuid:9' }, timestamp: '2024-01-01T00:00:00Z', entry: [{ fullUrl: 'urn:uuid:c', resource: composition }] };
    expect(holds('Bundle', 'bdl-9', document)).toBe(true);
    expect(holds('Bundle', 'bdl-9', { ...document, identifier: undefined })).toBe(false);
    expect(holds('Bundle', 'bdl-10', document)).toBe(true);
    expect(holds('Bundle', 'bdl-10', { ...document, timestamp: undefined })).toBe(false);
    expect(holds('Bundle', 'bdl-11', document)).toBe(true);
    expect(holds('Bundle', 'bdl-11', { ...document, entry: [{ fullUrl: 'urn:uuid:1', resource: patient }] })).toBe(false);
    const message = { resourceType: 'Bundle', type: 'message', entry: [{ fullUrl: 'urn:uuid:m', resource: { resourceType: 'MessageHeader', id: 'm' } }] };
    expect(holds('Bundle', 'bdl-12', message)).toBe(true);
    expect(holds('Bundle', 'bdl-12', { ...message, entry: [{ fullUrl: 'urn:uuid:1', resource: patient }] })).toBe(false);
  });

  it('per-1, qty-3, cnt-3 on datatypes', () => {
    const at = (path: string) => ({ path, resource: { resourceType: 'Basic' } });
    expect(holds('Period', 'per-1', { start: '2024-01-01', end: '2024-02-01' }, at('Period'))).toBe(true);
    expect(holds('Period', 'per-1', { start: '2024-03-01', end: '2024-02-01' }, at('Period'))).toBe(false);
    expect(holds('Quantity', 'qty-3', { value: 1, system: 'http://unitsofmeasure.org', code: 'mg' }, at('Quantity'))).toBe(true);
    expect(holds('Quantity', 'qty-3', { value: 1, code: 'mg' }, at('Quantity'))).toBe(false);
    expect(holds('Count', 'cnt-3', { value: 3, system: 'http://unitsofmeasure.org', code: '1' }, at('Count'))).toBe(true);
    expect(holds('Count', 'cnt-3', { value: 3.5, system: 'http://unitsofmeasure.org', code: '1' }, at('Count'))).toBe(false);
  });

  it('ref-1: a local reference needs a contained resource in %rootResource', () => {
    const patient = { resourceType: 'Patient', contained: [{ resourceType: 'Organization', id: 'org' }], managingOrganization: { reference: '#org' } };
    const at = { path: 'Reference', resource: patient };
    expect(holds('Reference', 'ref-1', { reference: '#org' }, at)).toBe(true);
    expect(holds('Reference', 'ref-1', { reference: 'Organization/1' }, at)).toBe(true);
    expect(holds('Reference', 'ref-1', { reference: '#missing' }, at)).toBe(false);
  });

  it('prr-1 (ServiceRequest), obs-6, obs-7, pat-1, inv-1', () => {
    expect(holds('ServiceRequest', 'prr-1', { resourceType: 'ServiceRequest', orderDetail: [{ text: 'x' }], code: { text: 'c' } })).toBe(true);
    expect(holds('ServiceRequest', 'prr-1', { resourceType: 'ServiceRequest', orderDetail: [{ text: 'x' }] })).toBe(false);
    const code = { coding: [{ system: 'http://loinc.org', code: '8480-6' }] };
    expect(holds('Observation', 'obs-6', { resourceType: 'Observation', code, valueString: 'x' })).toBe(true);
    expect(holds('Observation', 'obs-6', { resourceType: 'Observation', code, valueString: 'x', dataAbsentReason: { text: 'gone' } })).toBe(false);
    const bp = { resourceType: 'Observation', code, component: [{ code: { coding: [{ system: 'http://loinc.org', code: '8462-4' }] } }] };
    expect(holds('Observation', 'obs-7', { ...bp, valueString: 'x' })).toBe(true);
    expect(holds('Observation', 'obs-7', { ...bp, valueString: 'x', component: [{ code }] })).toBe(false);
    const patient = { resourceType: 'Patient' };
    expect(holds('Patient', 'pat-1', { name: { family: 'x' } }, { path: 'Patient.contact', resource: patient })).toBe(true);
    expect(holds('Patient', 'pat-1', { gender: 'male' }, { path: 'Patient.contact', resource: patient })).toBe(false);
    const params = { resourceType: 'Parameters' };
    expect(holds('Parameters', 'inv-1', { name: 'a', valueString: 'x' }, { path: 'Parameters.parameter', resource: params })).toBe(true);
    expect(holds('Parameters', 'inv-1', { name: 'a', valueString: 'x', resource: { resourceType: 'Basic' } }, { path: 'Parameters.parameter', resource: params })).toBe(false);
  });

  it('txt-1: htmlChecks() on Narrative.div', () => {
    const at = { path: 'Narrative.div', resource: { resourceType: 'Patient' } };
    expect(holds('Narrative', 'txt-1', '<div xmlns="http://www.w3.org/1999/xhtml"><p>Fine</p></div>', at)).toBe(true);
    expect(holds('Narrative', 'txt-1', '<div xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></div>', at)).toBe(false);
    expect(holds('Narrative', 'txt-1', '<div xmlns="http://www.w3.org/1999/xhtml"><p onclick="x()">Bad</p></div>', at)).toBe(false);
  });

  it('sdf-* on StructureDefinition', () => {
    const element = (path: string, extra: Json = {}) => ({ id: path, path, min: 0, max: '1', definition: 'd', ...extra });
    const good = {
      resourceType: 'StructureDefinition', url: 'http://example.org/StructureDefinition/Thing', name: 'Thing', status: 'draft',
      kind: 'resource', abstract: false, type: 'Thing', baseDefinition: 'http://hl7.org/fhir/StructureDefinition/DomainResource', derivation: 'specialization',
      snapshot: { element: [element('Thing'), element('Thing.a', { type: [{ code: 'string' }] })] },
    };
    const snapshotAt = { path: 'StructureDefinition.snapshot', resource: good };
    expect(holds('StructureDefinition', 'sdf-1', good)).toBe(true);
    expect(holds('StructureDefinition', 'sdf-1', { ...good, snapshot: { element: [element('Thing'), element('Thing.a'), element('Thing.a')] } })).toBe(false);
    expect(holds('StructureDefinition', 'sdf-4', good)).toBe(true);
    expect(holds('StructureDefinition', 'sdf-4', { ...good, baseDefinition: undefined })).toBe(false);
    expect(holds('StructureDefinition', 'sdf-6', good)).toBe(true);
    expect(holds('StructureDefinition', 'sdf-6', { ...good, snapshot: undefined })).toBe(false);
    expect(holds('StructureDefinition', 'sdf-11', good)).toBe(true);
    expect(holds('StructureDefinition', 'sdf-11', { ...good, type: 'Other' })).toBe(false);
    expect(holds('StructureDefinition', 'sdf-15', good)).toBe(true);
    expect(holds('StructureDefinition', 'sdf-15', { ...good, snapshot: { element: [element('Thing', { type: [{ code: 'string' }] })] } })).toBe(false);
    expect(holds('StructureDefinition', 'sdf-16', good)).toBe(true);
    expect(holds('StructureDefinition', 'sdf-16', { ...good, snapshot: { element: [element('Thing'), { ...element('Thing.a'), id: 'Thing' }] } })).toBe(false);
    expect(holds('StructureDefinition', 'sdf-8', good.snapshot, snapshotAt)).toBe(true);
    expect(holds('StructureDefinition', 'sdf-8', { element: [element('Other')] }, snapshotAt)).toBe(false);
    const hl7 = { ...good, url: 'http://hl7.org/fhir/StructureDefinition/Thing' };
    expect(holds('StructureDefinition', 'sdf-19', hl7)).toBe(true);
    expect(holds('StructureDefinition', 'sdf-19', { ...hl7, snapshot: { element: [element('Thing'), element('Thing.a', { type: [{ code: 'http://x/y' }] })] } })).toBe(false);
  });
});
