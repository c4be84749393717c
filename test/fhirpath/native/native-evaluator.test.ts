/**
 * The native evaluator case by case: each expression is evaluated as an invariant with the
 * cross-check on, so the native answer is compared with fhirpath.js's, and the test also
 * pins whether the native evaluator answered or handed the case to fhirpath.js.
 */
import { describe, expect, it } from 'vitest';
import { createFhirPathEvaluator, type FhirPathBooleanResult, type FhirPathInput, type NativeCrossCheck } from '../../../src/fhirpath/index.js';

type Json = Record<string, unknown>;

interface Outcome {
  value: FhirPathBooleanResult;
  /** 'native' (answered natively), 'fallback' (left to fhirpath.js at run time), 'fhirpath.js' (not compiled natively). */
  by: 'native' | 'fallback' | 'fhirpath.js';
  agree: boolean;
}

function evaluate(expression: string, input: FhirPathInput, options: { now?: () => number; maxEvaluationMs?: number } = {}): Outcome {
  const checks: NativeCrossCheck[] = [];
  const fp = createFhirPathEvaluator({ ...options, crossCheck: (check) => checks.push(check) });
  const compiled = fp.compile(expression);
  if ('error' in compiled) throw new Error(compiled.error);
  const value = fp.evaluateBoolean(compiled, input);
  if (checks.length === 0) return { value, by: 'fhirpath.js', agree: true };
  const [check] = checks;
  return { value, by: check.native === 'fallback' ? 'fallback' : 'native', agree: check.agree };
}

function onResource(resource: Json): FhirPathInput {
  return { node: resource, nodePath: resource.resourceType as string, resource, rootResource: resource };
}

/** Native and fhirpath.js agree, the native evaluator answered, and the answer is `expected`. */
function expectNative(expression: string, input: FhirPathInput, expected: boolean, empty = false): void {
  const outcome = evaluate(expression, input);
  expect(outcome, expression).toMatchObject({ by: 'native', agree: true });
  expect(outcome.value, expression).toEqual(empty ? { ok: true, value: false, empty: true } : { ok: true, value: expected });
}

const patient: Json = {
  resourceType: 'Patient',
  id: 'p1',
  birthDate: '1980-05-01',
  _gender: { extension: [{ url: 'http://example.org/why', valueString: 'asked' }] },
  name: [
    { family: 'Smith', given: ['Ann', null, 'Bea'], _given: [null, { extension: [{ url: 'http://example.org/x', valueCode: 'y' }] }, null] },
    { family: 'Jones' },
  ],
  telecom: [{ system: 'phone', value: '0113', rank: 1 }, { system: 'email', value: 'a@b.c' }],
};

describe('navigation', () => {
  it('reads a choice by its first type present in the data, as fhirpath.js does', () => {
    const both = { resourceType: 'ServiceRequest', occurrenceDateTime: '2025-03-14T10:00:00+00:00', occurrencePeriod: { start: '2025-03-14T09:00:00+00:00' } };
    expectNative('occurrence.ofType(Period).exists()', onResource(both), false);
    expectNative('occurrence.exists()', onResource(both), true);
    expectNative('occurrence.ofType(Period).start.exists()', onResource({ resourceType: 'ServiceRequest', occurrencePeriod: { start: '2025-03-14' } }), true);
  });

  it('keeps array positions of repeating primitives and reads their extensions from the _name sibling', () => {
    expectNative('name.first().given.count() = 3', onResource(patient), true);
    expectNative("name.first().given.where(extension.where(url = 'http://example.org/x').exists()).count() = 1", onResource(patient), true);
    expectNative('name.first().given[1].hasValue()', onResource(patient), false);
    expectNative('gender.exists() and gender.hasValue().not()', onResource(patient), true);
    expectNative("gender.extension('http://example.org/why').exists()", onResource(patient), true);
  });

  it('types Bundle entries by resourceType and strips a leading type name', () => {
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:1', resource: patient }, { resource: { resourceType: 'Flag', status: 'active' } }] };
    expectNative('entry.resource.ofType(Patient).name.family.exists()', onResource(bundle), true);
    expectNative('entry.resource.all($this is Patient or $this is Flag)', onResource(bundle), true);
    expectNative('entry.resource.ofType(DomainResource).count() = 2', onResource(bundle), true);
    expectNative('Bundle.entry.count() = 2', onResource(bundle), true);
  });

  it('gives nothing for a member the model does not have when the data has none, and leaves it to fhirpath.js when it has', () => {
    expectNative('fooBar.exists()', onResource(patient), false);
    expect(evaluate('fooBar.exists()', onResource({ ...patient, fooBar: 1 }))).toMatchObject({ by: 'fallback', agree: true, value: { ok: true, value: true } });
  });

  it('starts from a primitive node with its companion', () => {
    const input: FhirPathInput = { node: '1980-05-01', nodePath: 'Patient.birthDate', resource: patient, rootResource: patient, primitiveExtension: { id: 'b1' } };
    expectNative("hasValue() and id = 'b1'", input, true);
  });
});

describe('operators', () => {
  it('follows three-valued logic', () => {
    expectNative('{} and false', onResource(patient), false);
    expectNative('{} and true', onResource(patient), false, true);
    expectNative('{} or true', onResource(patient), true);
    expectNative('false implies {}', onResource(patient), true);
    expectNative('{} implies true', onResource(patient), true);
    expectNative('{} implies false', onResource(patient), false, true);
    expectNative('true xor false', onResource(patient), true);
    expectNative('(1 = 1).not()', onResource(patient), false);
  });

  it('does not evaluate the right operand when the left decides, as the HL7 Java validator does', () => {
    // The right operands have a criteria that is not a boolean, which the native evaluator leaves
    // to fhirpath.js when it has to read it (see 'evaluates a criteria that is not a boolean').
    const unreadable = 'name.where(family).exists()';
    expectNative(`false and ${unreadable}`, onResource(patient), false);
    expectNative(`true or ${unreadable}`, onResource(patient), true);
    expectNative(`false implies ${unreadable}`, onResource(patient), true);
    expect(evaluate(`true and ${unreadable}`, onResource(patient))).toMatchObject({ by: 'fallback', agree: true });
    expect(evaluate(`{} implies ${unreadable}`, onResource(patient))).toMatchObject({ by: 'fallback', agree: true });
    // all() stops at the first item that fails: the second name is never read.
    expectNative("name.all(family = 'Jones' and given.where(family).exists())", onResource(patient), false);
    expect(evaluate("name.all(family = 'Smith' and given.where(family).exists())", onResource(patient))).toMatchObject({ by: 'fallback' });
  });

  it('compares strings, numbers and same-precision dates; membership and union', () => {
    expectNative("telecom.where(system = 'phone').rank = 1", onResource(patient), true);
    expectNative("telecom.system != 'fax'", onResource(patient), true);
    expectNative('telecom.rank >= -1 and telecom.rank.first() < 2.5', onResource(patient), true);
    expectNative("telecom.system contains 'email'", onResource(patient), true);
    expectNative("'fax' in telecom.system", onResource(patient), false);
    expectNative("(telecom.system | 'phone' | 'fax').count() = 3", onResource(patient), true);
    const period = { resourceType: 'Encounter', period: { start: '2025-03-14T10:00:00+01:00', end: '2025-03-14T09:30:00Z' } };
    expectNative('period.start <= period.end', onResource(period), true);
    expectNative('period.end > period.start', onResource(period), true);
  });

  it('leaves dates of different precision and multi-item comparisons to fhirpath.js', () => {
    const period = { resourceType: 'Encounter', period: { start: '2025-03-14', end: '2025-03-14T09:30:00Z' } };
    expect(evaluate('period.start <= period.end', onResource(period))).toMatchObject({ by: 'fallback', agree: true });
    expect(evaluate('telecom.rank < 5', onResource({ ...patient, telecom: [{ rank: 1 }, { rank: 2 }] }))).toMatchObject({ by: 'fallback', agree: true });
  });

  it('answers membership in a list that does not depend on the focus as item-by-item comparison does', () => {
    // The list is the same for every entry the where() tries, so its strings are indexed once
    // (lists of 8 items or more): ten entries, the ServiceRequest pointing at eight of them.
    const urls = Array.from({ length: 10 }, (_, i) => `urn:uuid:e${i}`);
    const bundle: Json = {
      resourceType: 'Bundle',
      type: 'message',
      entry: urls.map((fullUrl, i) => ({
        fullUrl,
        resource: i === 0 ? { resourceType: 'ServiceRequest', supportingInfo: urls.slice(2).map((reference) => ({ reference })) } : { resourceType: i === 1 ? 'Patient' : 'Flag' },
      })),
    };
    expectNative('entry.where(%resource.entry.resource.ofType(ServiceRequest).supportingInfo.reference contains fullUrl).count() = 8', onResource(bundle), true);
    expectNative('entry.where(fullUrl in %resource.entry.resource.ofType(ServiceRequest).supportingInfo.reference).resource.all($this is Flag)', onResource(bundle), true);
    expectNative('entry.where(fullUrl in %resource.entry.resource.ofType(ServiceRequest).supportingInfo.reference).resource.all($this is Patient)', onResource(bundle), false);
    expectNative('entry.resource.ofType(ServiceRequest).supportingInfo.reference.all($this in %resource.entry.fullUrl)', onResource(bundle), true);
    expectNative("'urn:uuid:e1' in %resource.entry.fullUrl", onResource(bundle), true);
    expectNative("%resource.entry.fullUrl contains 'urn:uuid:e10'", onResource(bundle), false);
    // A list that holds a number is compared pair by pair: a string and an integer leave it to fhirpath.js.
    expect(evaluate('entry.where((%resource.entry.fullUrl | 5) contains fullUrl).exists()', onResource(bundle))).toMatchObject({ by: 'fallback', agree: true });
  });

  it('has is/as as operators and functions', () => {
    const observation = { resourceType: 'Observation', status: 'final', code: { text: 'x' }, valueQuantity: { value: 5 } };
    expectNative('value is Quantity', onResource(observation), true);
    expectNative('(value as Quantity).value = 5', onResource(observation), true);
    expectNative('value.as(CodeableConcept).exists()', onResource(observation), false);
  });

  it('reads membership of several items as the Java validator does: each item in the list', () => {
    const timing = (when: string[]) => ({ node: { offset: 1, when }, nodePath: 'Timing.repeat', resource: { resourceType: 'CarePlan' }, rootResource: { resourceType: 'CarePlan' } });
    const tim9 = "offset.empty() or (when.exists() and ((when in ('C' | 'CM' | 'CD' | 'CV')).not()))";
    // fhirpath.js refuses several items on the left of `in`: the two differ here by design.
    expect(evaluate(tim9, timing(['ACM', 'AC']))).toMatchObject({ by: 'native', agree: false });
    const fp = createFhirPathEvaluator();
    const compiled = fp.compile(tim9) as Exclude<ReturnType<typeof fp.compile>, { error: string }>;
    expect(fp.evaluateBoolean(compiled, timing(['ACM', 'AC']))).toEqual({ ok: true, value: true });
    expect(fp.evaluateBoolean(compiled, timing(['C', 'CM']))).toEqual({ ok: true, value: false });
    expect(fp.evaluateBoolean(compiled, timing(['ACM', 'C']))).toEqual({ ok: true, value: true }); // not every item is in the list
    expectNative("telecom.system contains 'email'", onResource(patient), true);
  });

  it("reads `as String` (and the other System names) as the Java validator does: the FHIR type's name, case aside", () => {
    // fhirpath.js gives nothing here, so the two differ by design: the native answer is the Java validator's.
    const answer = (expression: string, resource: Json) => {
      const fp = createFhirPathEvaluator();
      return fp.evaluateBoolean(fp.compile(expression) as Exclude<ReturnType<typeof fp.compile>, { error: string }>, onResource(resource));
    };
    const address = { resourceType: 'Patient', address: [{ line: ['Musterstr. 1'], _line: [{ extension: [{ url: 'http://example.org/street', valueString: 'Musterstr.' }] }] }] };
    const street = "(address.line[0].extension('http://example.org/street').value as String) = 'Musterstr.'";
    expect(evaluate(street, onResource(address))).toMatchObject({ by: 'native', agree: false });
    expect(answer(street, address)).toEqual({ ok: true, value: true });
    expect(answer('(gender as String).exists()', { resourceType: 'Patient', gender: 'female' })).toEqual({ ok: true, value: false }); // a code is not a string here
    expect(answer('(deceased as Boolean) = true', { resourceType: 'Patient', deceasedBoolean: true })).toEqual({ ok: true, value: true });
    expect(answer('(birthDate as DateTime).exists()', patient)).toEqual({ ok: true, value: false });
  });
});

describe('functions', () => {
  it('reads string tests on an empty input as false, as the adapter does (ref-1)', () => {
    expectNative("name.first().text.startsWith('#')", onResource(patient), false);
    expectNative("name.first().family.startsWith('Sm') and name.first().family.lower() = 'smith'", onResource(patient), true);
    expectNative("name.first().family.matches('^S[a-z]+$')", onResource(patient), true);
    expectNative('name.family.distinct().count() = 2', onResource(patient), true);
  });

  it('evaluates a criteria that is not a boolean with fhirpath.js', () => {
    expect(evaluate('name.where(family).exists()', onResource(patient))).toMatchObject({ by: 'fallback', agree: true });
  });

  it('computes a part that does not depend on the focus once per evaluation', () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'message',
      entry: [
        { fullUrl: 'urn:uuid:a', resource: { resourceType: 'ServiceRequest', supportingInfo: [{ reference: 'urn:uuid:b' }] } },
        { fullUrl: 'urn:uuid:b', resource: { resourceType: 'Flag' } },
        { fullUrl: 'urn:uuid:c', resource: { resourceType: 'Flag' } },
      ],
    };
    expectNative('entry.where(%resource.entry.resource.ofType(ServiceRequest).supportingInfo.reference contains fullUrl).count() = 1', onResource(bundle), true);
  });

  it('leaves functions outside its subset to fhirpath.js', () => {
    expect(evaluate('descendants().count() > 3', onResource(patient))).toMatchObject({ by: 'fhirpath.js', value: { ok: true, value: true } });
    expect(evaluate('iif(name.exists(), true, false)', onResource(patient))).toMatchObject({ by: 'fhirpath.js' });
  });

  it('stops at the deadline and says so', () => {
    let clock = 0;
    const entries = Array.from({ length: 2000 }, (_, i) => ({ fullUrl: `urn:uuid:${i}` }));
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: entries };
    const fp = createFhirPathEvaluator({ maxEvaluationMs: 50, now: () => (clock += 20) });
    const compiled = fp.compile('entry.all(fullUrl.exists())');
    if ('error' in compiled) throw new Error(compiled.error);
    const result = fp.evaluateBoolean(compiled, onResource(bundle));
    expect(result).toMatchObject({ ok: false, timedOut: true });
    expect(fp.stats()).toMatchObject({ timeouts: 1 });
  });

  it('stops a collection that grows past a million items, as a time-out', () => {
    const names = { resourceType: 'Patient', name: Array.from({ length: 40 }, (_, i) => ({ family: `f${i}` })) };
    const fp = createFhirPathEvaluator({ maxEvaluationMs: 0 });
    const compiled = fp.compile('name.select(%context.name.select(%context.name.select(%context.name))).count() > 0');
    if ('error' in compiled) throw new Error(compiled.error);
    expect(fp.evaluateBoolean(compiled, onResource(names))).toEqual({ ok: false, timedOut: true, error: 'evaluation was stopped: a collection grew past 1000000 items' });
  });

  it('counts native answers and fallbacks, and can be turned off', () => {
    const fp = createFhirPathEvaluator();
    const off = createFhirPathEvaluator({ nativeEvaluation: false });
    for (const evaluator of [fp, off]) {
      for (const expression of ['name.exists()', 'name.where(family).exists()']) {
        const compiled = evaluator.compile(expression);
        if ('error' in compiled) throw new Error(compiled.error);
        expect(evaluator.evaluateBoolean(compiled, onResource(patient))).toEqual({ ok: true, value: true });
      }
    }
    expect(fp.stats()).toMatchObject({ nativeEvaluations: 1, nativeFallbacks: 1 });
    expect(off.stats()).toMatchObject({ nativeEvaluations: 0, nativeFallbacks: 0 });
  });
});

describe('operands shared between expressions on one node', () => {
  it('reuses a top-level operand computed by an earlier expression given the same memo', () => {
    const fp = createFhirPathEvaluator();
    const bundle: Json = { resourceType: 'Bundle', type: 'message', entry: [{ resource: { resourceType: 'MessageHeader', eventCoding: { code: 'a' } } }] };
    const memo: unknown[] = [];
    const first = fp.compile("entry.first().resource.event.ofType(Coding).where(code = 'a').exists() and true");
    const second = fp.compile("entry.first().resource.event.ofType(Coding).where(code = 'a').exists() or false");
    if ('error' in first || 'error' in second) throw new Error('compile');
    expect(fp.evaluateBoolean(first, { ...onResource(bundle), memo })).toEqual({ ok: true, value: true });
    expect(memo.some((value) => value !== undefined)).toBe(true);
    // The memo's contract is "same node, same data": changed data shows that the value was shared, not recomputed.
    ((bundle.entry as Json[])[0].resource as Json).eventCoding = { code: 'b' };
    expect(fp.evaluateBoolean(second, { ...onResource(bundle), memo })).toEqual({ ok: true, value: true });
    expect(fp.evaluateBoolean(second, onResource(bundle))).toEqual({ ok: true, value: false });
  });

  it('reuses a part inside a function argument that does not depend on the focus (%resource...), and its prefixes', () => {
    const fp = createFhirPathEvaluator();
    const bundle: Json = {
      resourceType: 'Bundle',
      type: 'message',
      entry: [
        { fullUrl: 'urn:uuid:sr', resource: { resourceType: 'ServiceRequest', subject: { reference: 'urn:uuid:pt' }, requester: { reference: 'urn:uuid:pt' } } },
        { fullUrl: 'urn:uuid:pt', resource: { resourceType: 'Patient' } },
      ],
    };
    const memo: unknown[] = [];
    const bySubject = fp.compile('entry.where(%resource.entry.resource.ofType(ServiceRequest).subject.reference contains fullUrl).resource.all($this is Patient)');
    const byRequester = fp.compile('entry.where(%resource.entry.resource.ofType(ServiceRequest).requester.reference contains fullUrl).resource.all($this is Patient)');
    if ('error' in bySubject || 'error' in byRequester) throw new Error('compile');
    expect(fp.evaluateBoolean(bySubject, { ...onResource(bundle), memo })).toEqual({ ok: true, value: true });
    // The ServiceRequests the first expression found are the second's too: a replaced ServiceRequest shows it.
    (bundle.entry as Json[])[0].resource = { resourceType: 'ServiceRequest', requester: { reference: 'urn:uuid:sr' } };
    expect(fp.evaluateBoolean(byRequester, { ...onResource(bundle), memo })).toEqual({ ok: true, value: true });
    expect(fp.evaluateBoolean(byRequester, onResource(bundle))).toEqual({ ok: true, value: false });
  });
});
