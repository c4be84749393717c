import { describe, expect, it } from 'vitest';
import { createDefinitionSet } from '../../src/defs/definition-set.js';
import { createFhirPathEvaluator, regexComplexityProblem, type CompiledExpression, type FhirPathEvaluator, type FhirPathInput } from '../../src/fhirpath/index.js';
import { createTerminology } from '../../src/terminology/index.js';

function compiled(fp: FhirPathEvaluator, expression: string): CompiledExpression {
  const result = fp.compile(expression);
  if ('error' in result) throw new Error(result.error);
  return result;
}

function run(fp: FhirPathEvaluator, expression: string, input: FhirPathInput): unknown[] {
  const result = fp.evaluate(compiled(fp, expression), input);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

const atResource = (resource: unknown, more: Partial<FhirPathInput> = {}): FhirPathInput => ({
  node: resource,
  nodePath: (resource as { resourceType: string }).resourceType,
  resource,
  rootResource: resource,
  ...more,
});

describe('compile', () => {
  it('returns syntax errors instead of throwing, and caches both outcomes', () => {
    const fp = createFhirPathEvaluator();
    const bad = fp.compile('name.where(');
    expect('error' in bad && bad.error).toMatch(/line: 1/);
    expect(fp.compile('name.where(')).toBe(bad);
    const good = fp.compile('name.exists()');
    expect(fp.compile('name.exists()')).toBe(good);
    expect(fp.stats()).toMatchObject({ compileRequests: 4, compileCacheHits: 2 });
  });

  it('keeps caches per evaluator', () => {
    const a = createFhirPathEvaluator();
    const b = createFhirPathEvaluator();
    expect(a.compile('id')).not.toBe(b.compile('id'));
  });
});

describe('typing and variables', () => {
  const fp = createFhirPathEvaluator();
  const org = { resourceType: 'Organization', id: 'org' };
  const patient = { resourceType: 'Patient', id: 'p', contained: [org], managingOrganization: { reference: '#org' } };

  it('types a resource by resourceType and an element by its path or nodeType', () => {
    expect(run(fp, '$this is Patient', atResource(patient))).toEqual([true]);
    expect(run(fp, '$this is Reference', { node: patient.managingOrganization, nodePath: 'Patient.managingOrganization', resource: patient, rootResource: patient })).toEqual([true]);
    const quantity = { value: 120, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' };
    const obs = { resourceType: 'Observation', valueQuantity: quantity };
    const input = { node: quantity, nodePath: 'Observation.value[x]', nodeType: 'Quantity', resource: obs, rootResource: obs };
    expect(run(fp, "$this is Quantity and $this > 100 'mm[Hg]'", input)).toEqual([true]);
    expect(run(fp, '$this is date', { node: '2020-01-01', nodePath: 'Patient.birthDate', resource: patient, rootResource: patient })).toEqual([true]);
    expect(run(fp, "value.ofType(Quantity).value", atResource(obs))).toEqual([120]);
  });

  it('types nodes under datatypes by walking the path through the model', () => {
    const extension = { url: 'http://example.org/e', valueCodeableConcept: { text: 'x' } };
    const patient = { resourceType: 'Patient', identifier: [{ value: '1', extension: [extension] }], contact: [{ name: { family: 'F', _family: { id: 'f' } } }] };
    const at = (node: unknown, nodePath: string, more: Partial<FhirPathInput> = {}) => ({ node, nodePath, resource: patient, rootResource: patient, ...more });
    expect(run(fp, '$this is Extension and value.exists()', at(extension, 'Patient.identifier.extension'))).toEqual([true]);
    expect(run(fp, '$this is HumanName', at(patient.contact[0].name, 'Patient.contact.name'))).toEqual([true]);
    expect(run(fp, "$this is string and id = 'f'", at('F', 'Patient.contact.name.family', { primitiveExtension: { id: 'f' } }))).toEqual([true]);
    expect(run(fp, '$this is CodeableConcept', at(extension.valueCodeableConcept, 'Patient.identifier.extension.value[x]', { nodeType: 'CodeableConcept' }))).toEqual([true]);
  });

  it('numbers as nodes (fhirpath.js cannot take them as a typed root directly)', () => {
    const obs = { resourceType: 'Observation', valueQuantity: { value: 120.5 } };
    expect(run(fp, '$this > 100 and $this is decimal', { node: 120.5, nodePath: 'Quantity.value', resource: obs, rootResource: obs })).toEqual([true]);
    expect(run(fp, '$this is integer and $this = 3', { node: 3, nodePath: 'integer', resource: obs, rootResource: obs })).toEqual([true]);
    expect(run(fp, '$this is boolean', { node: true, nodePath: 'boolean', resource: obs, rootResource: obs })).toEqual([true]);
  });

  it('%resource, %rootResource and %context for a contained resource', () => {
    const input = { node: org, nodePath: 'Organization', resource: org, rootResource: patient };
    expect(run(fp, '%resource.id & %rootResource.id & %context.id', input)).toEqual(['orgporg']);
  });

  it('%ucum, %sct, %loinc, %`vs-name`, %`ext-name`; other names are errors', () => {
    expect(run(fp, '%ucum | %sct | %loinc', atResource(patient))).toEqual(['http://unitsofmeasure.org', 'http://snomed.info/sct', 'http://loinc.org']);
    expect(run(fp, '%`vs-administrative-gender` | %`ext-patient-birthPlace`', atResource(patient))).toEqual([
      'http://hl7.org/fhir/ValueSet/administrative-gender',
      'http://hl7.org/fhir/StructureDefinition/patient-birthPlace',
    ]);
    const result = fp.evaluate(compiled(fp, '%nothing'), atResource(patient));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain('nothing');
  });

  it('extension(url), hasValue() and primitive extensions', () => {
    const p = { resourceType: 'Patient', birthDate: '1970', _birthDate: { extension: [{ url: 'http://example.org/accuracy', valueCode: 'estimated' }] } };
    expect(run(fp, "birthDate.extension('http://example.org/accuracy').value", atResource(p))).toEqual(['estimated']);
    const onPrimitive = { node: p.birthDate, nodePath: 'Patient.birthDate', primitiveExtension: p._birthDate, resource: p, rootResource: p };
    expect(run(fp, "hasValue() and extension('http://example.org/accuracy').exists()", onPrimitive)).toEqual([true]);
    expect(run(fp, "hasValue()", { ...onPrimitive, node: null })).toEqual([false]);
  });
});

describe('resolve()', () => {
  const patient = { resourceType: 'Patient', id: 'p1' };
  const org = { resourceType: 'Organization', id: 'o1' };
  const report = {
    resourceType: 'DiagnosticReport',
    contained: [{ resourceType: 'Observation', id: 'inner', status: 'final' }],
    subject: { reference: 'urn:uuid:11111111-1111-1111-1111-111111111111' },
    performer: [{ reference: 'Organization/o1' }, { reference: 'Practitioner/missing' }],
    result: [{ reference: '#inner' }],
  };
  const bundle = {
    resourceType: 'Bundle', type: 'collection',
    entry: [
      { fullUrl: 'urn:uuid:11111111-1111-1111-1111-111111111111', resource: patient },
      { fullUrl: 'https://example.org/fhir/Organization/o1', resource: org },
      { fullUrl: 'urn:uuid:22222222-2222-2222-2222-222222222222', resource: report },
    ],
  };
  const input = atResource(report, { bundle });

  it('finds contained resources, Bundle entries by fullUrl and by Type/id, and gives nothing otherwise', () => {
    const fp = createFhirPathEvaluator();
    expect(run(fp, 'result.resolve().status', input)).toEqual(['final']);
    expect(run(fp, 'subject.resolve() is Patient', input)).toEqual([true]);
    expect(run(fp, 'performer.resolve().id', input)).toEqual(['o1']);
    expect(run(fp, "performer.where(reference = 'Practitioner/missing').resolve().exists()", input)).toEqual([false]);
    // From the Bundle: the #inner reference belongs to the report, which resolve() knows.
    expect(run(fp, 'entry.resource.ofType(DiagnosticReport).result.resolve().id', atResource(bundle))).toEqual(['inner']);
  });

  it('asks the caller for other references', () => {
    const remote = { resourceType: 'Practitioner', id: 'missing' };
    const asked: string[] = [];
    const fp = createFhirPathEvaluator({
      resolveReference: (reference) => {
        asked.push(reference);
        return reference === 'Practitioner/missing' ? remote : undefined;
      },
    });
    expect(run(fp, 'performer.resolve().ofType(Practitioner).id', input)).toEqual(['missing']);
    expect(asked).toContain('Practitioner/missing');
  });
});

describe('memberOf() and conformsTo()', () => {
  const GENDER = 'http://hl7.org/fhir/administrative-gender';
  const defs = createDefinitionSet([{
    name: 'mini', version: '1.0.0', resources: [
      { resourceType: 'CodeSystem', url: GENDER, content: 'complete', concept: [{ code: 'male' }, { code: 'female' }] },
      { resourceType: 'ValueSet', url: 'http://example.org/vs/gender', compose: { include: [{ system: GENDER }] } },
      { resourceType: 'ValueSet', url: 'http://example.org/vs/snomed', compose: { include: [{ system: 'http://snomed.info/sct' }] } },
    ],
  }]);
  const fp = createFhirPathEvaluator({
    terminology: createTerminology(defs),
    conformsTo: (resource, url) => (url.endsWith('/unknown') ? undefined : (resource as { id?: string }).id === 'good'),
  });
  const patient = { resourceType: 'Patient', id: 'good', gender: 'male', maritalStatus: { coding: [{ system: GENDER, code: 'female' }] } };

  it('answers true, false, or empty (cannot tell) from the local terminology', () => {
    expect(run(fp, "gender.memberOf('http://example.org/vs/gender')", atResource(patient))).toEqual([true]);
    expect(run(fp, "maritalStatus.memberOf('http://example.org/vs/gender')", atResource(patient))).toEqual([true]);
    expect(run(fp, "'unknown'.memberOf('http://example.org/vs/gender')", atResource(patient))).toEqual([false]);
    const snomedCoded = { ...patient, maritalStatus: { coding: [{ system: 'http://snomed.info/sct', code: '87915002' }] } };
    expect(run(fp, "maritalStatus.memberOf('http://example.org/vs/snomed')", atResource(snomedCoded))).toEqual([]);
    expect(run(fp, "maritalStatus.memberOf('http://example.org/vs/snomed')", atResource(patient))).toEqual([false]);
    expect(run(fp, "gender.memberOf('http://example.org/vs/missing')", atResource(patient))).toEqual([]);
  });

  it('conformsTo() uses the given profile check', () => {
    expect(run(fp, "conformsTo('http://example.org/p')", atResource(patient))).toEqual([true]);
    expect(run(fp, "conformsTo('http://example.org/p')", atResource({ ...patient, id: 'bad' }))).toEqual([false]);
    expect(run(fp, "conformsTo('http://example.org/unknown')", atResource(patient))).toEqual([]);
  });

  it('without a terminology or profile check, those functions are evaluation errors', () => {
    const bare = createFhirPathEvaluator();
    const member = bare.evaluate(compiled(bare, "gender.memberOf('http://example.org/vs/gender')"), atResource(patient));
    expect(!member.ok && member.error).toContain('no terminology');
    const conforms = bare.evaluateBoolean(compiled(bare, "conformsTo('http://example.org/p')"), atResource(patient));
    expect(!conforms.ok && conforms.error).toContain('no profile validator');
  });
});

describe('evaluateBoolean', () => {
  const fp = createFhirPathEvaluator();
  const patient = { resourceType: 'Patient', active: true };
  it('reads empty as false (flagged), one boolean as itself, other non-empty results as true', () => {
    expect(fp.evaluateBoolean(compiled(fp, 'active'), atResource(patient))).toEqual({ ok: true, value: true });
    expect(fp.evaluateBoolean(compiled(fp, 'active.not()'), atResource(patient))).toEqual({ ok: true, value: false });
    expect(fp.evaluateBoolean(compiled(fp, 'gender'), atResource(patient))).toEqual({ ok: true, value: false, empty: true });
    expect(fp.evaluateBoolean(compiled(fp, "'x'"), atResource(patient))).toEqual({ ok: true, value: true });
  });
  it('reports failures to evaluate as errors, not as a failed invariant', () => {
    const result = fp.evaluateBoolean(compiled(fp, "'a' + 1 > 2"), atResource(patient));
    expect(result.ok).toBe(false);
    const foreign = fp.evaluateBoolean({ expression: 'active' }, atResource(patient));
    expect(foreign.ok).toBe(false);
  });
});

describe('string tests on an empty input', () => {
  const reference = { identifier: { value: '1' } };
  const patient = { resourceType: 'Patient', managingOrganization: reference };
  const input = { node: reference, nodePath: 'Patient.managingOrganization', resource: patient, rootResource: patient };
  it('are false by default, as in the HL7 Java validator (ref-1 holds for identifier-only references)', () => {
    const fp = createFhirPathEvaluator();
    for (const fn of ["startsWith('#')", "endsWith('x')", "contains('x')", "matches('x')", "matchesFull('x')"]) {
      expect(run(fp, `reference.${fn}`, input), fn).toEqual([false]);
    }
    expect(run(fp, "reference.startsWith('#').not()", input)).toEqual([true]);
    expect(run(fp, "'#a'.startsWith('#') and 'ab'.endsWith('b') and 'abc'.contains('b')", input)).toEqual([true]);
  });
  it('are empty, as FHIRPath specifies, when javaCompatibleStringTests is false', () => {
    const fp = createFhirPathEvaluator({ javaCompatibleStringTests: false });
    expect(run(fp, "reference.startsWith('#')", input)).toEqual([]);
    expect(run(fp, "reference.matches('x')", input)).toEqual([]);
  });
});

describe('trace()', () => {
  it('is silent unless a listener is given', () => {
    const seen: string[] = [];
    const fp = createFhirPathEvaluator({ onTrace: (label) => seen.push(label) });
    expect(run(fp, "id.trace('the id') = 'x'", atResource({ resourceType: 'Patient', id: 'x' }))).toEqual([true]);
    expect(seen).toEqual(['the id']);
  });
});

describe('bounds', () => {
  it('refuses regexes with nested repetition, runs ordinary ones with fhirpath.js semantics', () => {
    const fp = createFhirPathEvaluator();
    const input = atResource({ resourceType: 'Patient', id: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab' });
    const evil = fp.evaluate(compiled(fp, "id.matches('^(a+)+$')"), input);
    expect(!evil.ok && evil.error).toContain('exponential');
    expect(run(fp, "id.matches('a{3}b')", input)).toEqual([true]);
    expect(run(fp, "id.matchesFull('a{3}b')", input)).toEqual([false]);
    expect(run(fp, "id.matchesFull('a+b')", input)).toEqual([true]);
    expect(run(fp, "id.replaceMatches('a+', 'x')", input)).toEqual(['xb']);
    expect(run(fp, "'ABC'.matches('abc', 'i')", input)).toEqual([true]);
  });

  it('accepts identity escapes that Java allows and unicode-mode JavaScript does not (R4 eld-16)', () => {
    const fp = createFhirPathEvaluator();
    expect(run(fp, "'a@b'.matches('^[a-zA-Z0-9\\\\/\\\\-_\\\\[\\\\]\\\\@]+$')", atResource({ resourceType: 'Patient' }))).toEqual([true]);
  });

  it('classifies patterns', () => {
    // The last two are R4 eld-20 and a simplified eld-19: each repetition starts with a '.' nothing else matches.
    for (const safe of ['[A-Z]([A-Za-z0-9_]){0,254}', '^[a-zA-Z0-9\\.]+$', '(\\d{3})-(\\d{4})', '([0-9]+)?x', '(ab){2}',
      '[A-Za-z][A-Za-z0-9]*(\\.[a-z][A-Za-z0-9]*(\\[x])?)*', '[^\\s\\.]{1,64}(\\.[^\\s\\.,]{1,64}(\\[x\\])?(\\:[^\\s\\.]+)?)*']) {
      expect(regexComplexityProblem(safe), safe).toBeUndefined();
    }
    for (const unsafe of ['(a+)+', '(a*)*b', '((ab)*c)+', '(\\s*x)*', '([a-z]+){2,}', '(x.*)*', '(x[^y]*)*', '(x[a-z]*|y)*', 'x'.repeat(3000)]) {
      expect(regexComplexityProblem(unsafe), unsafe).toBeDefined();
    }
  });

  it('stops an evaluation that passes its deadline (clock injected, so the test does not depend on speed)', () => {
    let tick = 0;
    // Hoisting off: it would evaluate the %resource part once and take the quadratic cost away (see the last lines).
    const fp = createFhirPathEvaluator({ maxEvaluationMs: 50, now: () => tick++, hoistInvariants: false });
    const big = { resourceType: 'Patient', name: Array.from({ length: 60 }, (_, i) => ({ family: `f${i}` })) };
    const result = fp.evaluate(compiled(fp, "name.select(%resource.name.where(family = 'x')).count()"), atResource(big));
    expect(result).toMatchObject({ ok: false, timedOut: true });
    expect(fp.stats().timeouts).toBe(1);
    const unbounded = createFhirPathEvaluator({ maxEvaluationMs: 0, now: () => tick++, hoistInvariants: false });
    expect(run(unbounded, "name.select(%resource.name.where(family = 'x')).count()", atResource(big))).toEqual([0]);
    // With hoisting (the default) the same expression is linear and ends within the same deadline.
    const hoisting = createFhirPathEvaluator({ maxEvaluationMs: 50, now: () => tick++ });
    expect(hoisting.evaluate(compiled(hoisting, "name.select(%resource.name.where(family = 'x')).count()"), atResource(big))).toEqual({ ok: true, value: [0] });
  });
});
