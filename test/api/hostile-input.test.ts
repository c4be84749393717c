/**
 * Hostile and broken input at the library's front door (createValidator → validate, and the
 * receiver): each gets a fatal or error issue with a clear message, never an exception, and
 * the limits (src/model/limits.ts) refuse what would otherwise take unbounded time or memory.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { createValidator, type Issue, type OperationOutcome, type Validator } from '../../src/api/index.js';
import { DEFAULT_LIMITS } from '../../src/model/limits.js';
import { coreValidator, profile } from '../checks/helpers.js';
import { describeWithShared, repoRoot } from '../support/shared.js';

const REFERRAL = readFileSync(resolve(repoRoot, 'fixtures/111-ed/valid/referral-new.json'), 'utf8');
const FHIR_XML = 'xmlns="http://hl7.org/fhir"';

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

function rejecting(issues: Issue[]): Issue[] {
  return issues.filter((i) => i.severity === 'fatal' || i.severity === 'error');
}

/** The issues of validate(), which must not be an internal error; returns the first fatal/error one. */
function refusal(validator: Validator, input: unknown): Issue {
  const { issues } = validator.validateToIssues(input);
  expect(issues.filter((i) => i.ruleId === 'internal-error')).toEqual([]);
  const found = rejecting(issues);
  expect(found.length, `expected a fatal or error issue; got ${JSON.stringify(issues)}`).toBeGreaterThan(0);
  return found[0];
}

function expectOutcome(outcome: Pick<OperationOutcome, 'resourceType'> & { issue: unknown[] }): void {
  expect(outcome.resourceType).toBe('OperationOutcome');
  expect(outcome.issue.length).toBeGreaterThan(0);
}

describeWithShared('hostile input at the library entry point', () => {
  let v: Validator;
  beforeAll(async () => {
    v = await createValidator();
  });

  it('malformed JSON: fatal json-syntax with line and column', () => {
    const issue = refusal(v, '{\n  "resourceType": "Patient",\n  "name": [\n}');
    expect(issue).toMatchObject({ severity: 'fatal', code: 'structure', ruleId: 'json-syntax', position: { line: 4, column: 1 } });
    expect(issue.message).toMatch(/^The JSON could not be read: invalid JSON: expected a value but found '}'/);
  });

  it('malformed XML: fatal xml-syntax', () => {
    const issue = refusal(v, `<Patient ${FHIR_XML}><name><given value="a"/></Patient>`);
    expect(issue).toMatchObject({ severity: 'fatal', ruleId: 'xml-syntax' });
    expect(issue.message).toMatch(/^The XML could not be read: /);
  });

  it('empty body (text, blank text, bytes): fatal, "the input is empty"', () => {
    for (const input of ['', '   \n', new Uint8Array(0)]) {
      expect(refusal(v, input)).toMatchObject({ severity: 'fatal', message: 'The input could not be read: the input is empty' });
    }
    expect(refusal(v, null)).toMatchObject({ severity: 'fatal', ruleId: 'not-a-resource' });
    expect(refusal(v, undefined)).toMatchObject({ severity: 'fatal', ruleId: 'not-a-resource' });
  });

  it('a 100 MB body is refused by its size before it is parsed (text and bytes)', () => {
    // Malformed on purpose: had it been parsed, the issue would be json-syntax.
    const text = '{' + ' '.repeat(100 * 1024 * 1024);
    const issue = refusal(v, text);
    expect(issue).toMatchObject({ severity: 'fatal', code: 'structure', ruleId: 'limit-bytes' });
    expect(issue.message).toBe(`The input is 104,857,601 characters, more than the limit of 10,485,760 (limits.maxBytes); it was not read`);
    expect(refusal(v, new Uint8Array(100 * 1024 * 1024))).toMatchObject({ ruleId: 'limit-bytes', message: expect.stringContaining('104,857,600 bytes') });
  });

  it('10,000-deep JSON nesting: fatal limit-depth, no stack overflow (text, extensions, objects, cycles)', () => {
    const arrays = `{"resourceType":"Patient","x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    expect(refusal(v, arrays)).toMatchObject({ severity: 'fatal', ruleId: 'limit-depth', message: `The input is nested more than ${DEFAULT_LIMITS.maxDepth} levels deep (limits.maxDepth); it was not validated` });
    // Nested extensions are what the walker would follow, one level of recursion each.
    const open = '{"url":"http://example.org/nested","extension":['.repeat(10_000);
    const text = `{"resourceType":"Patient","extension":[${open}{"url":"http://example.org/leaf","valueString":"x"}${']}'.repeat(10_000)}]}`;
    expect(refusal(v, text)).toMatchObject({ ruleId: 'limit-depth' });
    let extension: Record<string, unknown> = { url: 'http://example.org/leaf', valueString: 'x' };
    for (let i = 0; i < 10_000; i++) extension = { url: 'http://example.org/nested', extension: [extension] };
    const patient = { resourceType: 'Patient', extension: [extension] };
    expect(refusal(v, patient)).toMatchObject({ ruleId: 'limit-depth' });
    const cyclic: Record<string, unknown> = { resourceType: 'Patient', contained: [] };
    (cyclic.contained as unknown[]).push(cyclic);
    expect(refusal(v, cyclic)).toMatchObject({ ruleId: 'limit-depth' });
  });

  it('10,000-deep XML nesting: fatal, refused by the reader', () => {
    const xml = `<Patient ${FHIR_XML}>${'<extension url="x">'.repeat(10_000)}${'</extension>'.repeat(10_000)}</Patient>`;
    const issue = refusal(v, xml);
    expect(issue).toMatchObject({ severity: 'fatal', ruleId: 'xml-syntax' });
    expect(issue.message).toBe(`The XML could not be read: elements are nested more than ${DEFAULT_LIMITS.maxDepth} deep`);
  });

  it('very long strings: over maxStringLength refused; a long one under it validated, its regex check bounded', () => {
    const huge = JSON.stringify({ resourceType: 'Patient', id: 'a', name: [{ family: 'x'.repeat(DEFAULT_LIMITS.maxStringLength + 1) }] });
    expect(refusal(v, huge)).toMatchObject({ severity: 'fatal', ruleId: 'limit-string-length', message: expect.stringContaining('4,194,305 characters') });
    // 1M-character values against the id and code regexes and a near-miss of the code pattern.
    const long = { resourceType: 'Patient', id: 'a'.repeat(1_000_000), gender: 'a '.repeat(500_000) + ' ', name: [{ family: 'b'.repeat(1_000_000) }] };
    const issues = rejecting(v.validateToIssues(long).issues);
    expect(issues.map((i) => i.location)).toEqual(expect.arrayContaining(['Patient.id', 'Patient.gender']));
    expect(issues.find((i) => i.location === 'Patient.id')?.message).toMatch(/^The value '.{1,200}' is not a valid id$/);
  });

  it('limits are configurable: a small maxStringLength, maxEntries and maxBytes', async () => {
    const strict = await createValidator({ definitions: v.definitions, limits: { maxStringLength: 20, maxEntries: 2, maxBytes: 1000 } });
    expect(refusal(strict, { resourceType: 'Patient', name: [{ family: 'x'.repeat(21) }] })).toMatchObject({ ruleId: 'limit-string-length' });
    expect(refusal(strict, { resourceType: 'Patient', ['k'.repeat(21)]: 1 })).toMatchObject({ ruleId: 'limit-string-length', message: expect.stringMatching(/^A property name is 21 characters long/) });
    expect(refusal(strict, { resourceType: 'Bundle', type: 'collection', entry: [{}, {}, {}] })).toMatchObject({ ruleId: 'limit-entries', message: 'The input has more than 2 Bundle entries (limits.maxEntries); it was not validated' });
    expect(refusal(strict, REFERRAL)).toMatchObject({ ruleId: 'limit-bytes' });
    await expect(createValidator({ definitions: v.definitions, limits: { maxDepth: 0 } })).rejects.toThrow('limits.maxDepth must be a positive number');
  });

  it('huge numbers: errors, not exceptions', () => {
    const decimal = refusal(v, '{"resourceType":"Observation","status":"final","code":{"text":"x"},"valueQuantity":{"value":1e400}}');
    expect(decimal).toMatchObject({ severity: 'error', location: 'Observation.value.ofType(Quantity).value', message: 'The value Infinity is not a valid decimal' });
    const integer = refusal(v, '{"resourceType":"Patient","multipleBirthInteger":123456789012345678901234567890}');
    expect(integer).toMatchObject({ severity: 'error', ruleId: 'integer-range', location: 'Patient.multipleBirth.ofType(integer)' });
    const digits = refusal(v, `{"resourceType":"Patient","multipleBirthInteger":1${'0'.repeat(100_000)}}`);
    expect(digits).toMatchObject({ severity: 'error', location: 'Patient.multipleBirth.ofType(integer)' });
  });

  it('__proto__, constructor and prototype keys: kept as data and reported, Object.prototype unchanged', () => {
    const text = '{"resourceType":"Patient","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"prototype":1,"name":[{"__proto__":{"polluted":true},"family":"x"}]}';
    const { issues, resource } = v.validateToIssues(text);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(resource)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(resource, '__proto__')).toBe(true);
    const unknown = rejecting(issues).map((i) => `${i.location}: ${i.message}`);
    expect(unknown).toEqual(expect.arrayContaining([
      "Patient: Unrecognized property '__proto__'",
      "Patient: Unrecognized property 'constructor'",
      "Patient: Unrecognized property 'prototype'",
      "Patient.name[0]: Unrecognized property '__proto__'",
    ]));
    for (const type of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(refusal(v, `{"resourceType":"${type}"}`)).toMatchObject({ severity: 'fatal', message: `Unknown resource type '${type}'` });
    }
    // XML: elements with these names are refused by the parser (fast-xml-parser's guard), with a clear message.
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      expect(refusal(v, `<Patient ${FHIR_XML}><${name} value="x"/></Patient>`)).toMatchObject({ severity: 'fatal', ruleId: 'xml-syntax', message: `The XML could not be read: [SECURITY] Invalid name: "${name}" is a reserved JavaScript keyword that could cause prototype pollution` });
    }
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
    // The receiver parses JSON itself: the same keys must not reach Object.prototype either.
    return v.receive({ body: text }).then((response) => {
      expect(response.status).toBe(400);
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
    });
  });

  it('NUL bytes: raw NUL in JSON and XML refused; an escaped NUL in a string is an error', () => {
    expect(refusal(v, '{"resourceType":"Patient","id":"a\u0000b"}')).toMatchObject({ ruleId: 'json-syntax', message: expect.stringContaining('control character U+0000 must be escaped') });
    expect(refusal(v, `<Patient ${FHIR_XML}><id value="a\u0000b"/></Patient>`)).toMatchObject({ ruleId: 'xml-syntax', message: expect.stringContaining('character U+0000 is not allowed in XML') });
    expect(refusal(v, new TextEncoder().encode('{"resourceType":"Patient"}\u0000'))).toMatchObject({ ruleId: 'json-syntax' });
    expect(refusal(v, '{"resourceType":"Patient","name":[{"family":"a\\u0000b"}]}')).toMatchObject({
      severity: 'error',
      ruleId: 'string-control-character',
      location: 'Patient.name[0].family',
      message: 'The string value contains the control character U+0000 at position 2: FHIR strings may not hold characters below U+0020 other than tab, LF and CR',
    });
  });

  it('invalid UTF-8 bytes: fatal with byte offset and position', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('{"resourceType":"Patient",\n"id":"'), 0xc0, 0x80, ...new TextEncoder().encode('"}')]);
    const issue = refusal(v, bytes);
    expect(issue).toMatchObject({ severity: 'fatal', ruleId: 'utf8-invalid', position: { line: 2, column: 7 } });
    expect(issue.message).toBe('The input could not be read: invalid UTF-8 at byte 33 (0xc0): FHIR text must be UTF-8');
    expect(refusal(v, new Uint8Array([0x7b, 0xed, 0xa0, 0x80, 0x7d]))).toMatchObject({ ruleId: 'utf8-invalid' });
  });

  it('XML DOCTYPE, external entities and entity expansion are refused', () => {
    const cases = [
      `<?xml version="1.0"?><!DOCTYPE Patient SYSTEM "http://example.org/evil.dtd"><Patient ${FHIR_XML}/>`,
      `<!DOCTYPE Patient [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Patient ${FHIR_XML}><id value="&xxe;"/></Patient>`,
      `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><Patient ${FHIR_XML}><id value="&lol2;"/></Patient>`,
    ];
    for (const xml of cases) {
      expect(refusal(v, xml)).toMatchObject({ severity: 'fatal', ruleId: 'xml-syntax', message: 'The XML could not be read: DOCTYPE declarations are not allowed in FHIR XML (no DTDs, no entity declarations)' });
    }
    expect(refusal(v, `<Patient ${FHIR_XML}><id value="&xxe;"/></Patient>`)).toMatchObject({ message: expect.stringContaining("the entity 'xxe' is referenced but not declared") });
  });

  it('a time budget: validation stops with limit-time and keeps what it found', async () => {
    const quick = await createValidator({ definitions: v.definitions, limits: { maxMillis: 1 } });
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: Array.from({ length: 400 }, (_, i) => ({ fullUrl: `urn:uuid:${i}`, resource: { resourceType: 'Patient', id: `p${i}`, name: [{ family: 'x', given: ['a', 'b'] }], gender: 'nope' } })) };
    const { issues } = quick.validateToIssues(bundle);
    const stop = issues.find((i) => i.ruleId === 'limit-time');
    expect(stop).toMatchObject({ severity: 'fatal', code: 'too-costly' });
    expect(stop!.message).toMatch(/^Validation stopped after 1 ms \(limits\.maxMillis\), [\d,]+ elements in; the issues found until then are reported$/);
    // Without the budget the same input is walked further.
    const unlimited = v.validateToIssues(bundle).issues;
    expect(unlimited.some((i) => i.ruleId === 'limit-time')).toBe(false);
    const genders = (found: Issue[]) => found.filter((i) => i.location?.endsWith('.gender')).length;
    expect(genders(unlimited)).toBeGreaterThan(genders(issues));
  });

  it('an issue budget: input wrong everywhere stops at maxIssues', () => {
    const wrong: Record<string, unknown> = { resourceType: 'Patient' };
    for (let i = 0; i < 5000; i++) wrong[`unknown${i}`] = i;
    const { issues } = v.validateToIssues(wrong);
    expect(issues.length).toBeLessThanOrEqual(DEFAULT_LIMITS.maxIssues + 1);
    expect(issues.at(-1)).toMatchObject({ severity: 'fatal', ruleId: 'limit-issues', message: expect.stringContaining('1,000 issues (limits.maxIssues)') });
  });

  it('validate() always returns an OperationOutcome, even for odd JavaScript values', () => {
    for (const input of [42, true, [], [{ resourceType: 'Patient' }], () => 1, Symbol('x'), 10n, new Date(), new Map(), { resourceType: 42 }]) {
      expectOutcome(v.validate(input));
    }
  });
});

describeWithShared('hostile invariants and regexes (profiles given by the caller)', () => {
  let v: Validator;
  beforeAll(async () => {
    v = await coreValidator([
      profile('EvilPatient', 'Patient', [
        {
          id: 'Patient',
          path: 'Patient',
          constraint: [
            { key: 'evil-backtrack', severity: 'error', human: 'exponential regex', expression: "name.family.all(matches('^(a+)+$'))" },
            { key: 'evil-throws', severity: 'error', human: 'throws at evaluation', expression: "name.family.single() = 'x'" },
            { key: 'evil-cost', severity: 'error', human: 'grows faster than its input', expression: 'descendants().select(%resource.descendants()).select(%resource.descendants()).count() >= 0' },
            { key: 'evil-syntax', severity: 'error', human: 'does not compile', expression: 'name.(' },
          ],
        },
      ]),
    ]);
  });

  it('each gives an issue, in bounded time, never an exception', () => {
    const resource = { resourceType: 'Patient', name: Array.from({ length: 300 }, () => ({ family: 'a'.repeat(40) + '!', given: ['x', 'y'] })) };
    const { issues } = v.validateToIssues(resource, { profile: 'http://example.org/fhir/StructureDefinition/EvilPatient' });
    expect(issues.filter((i) => i.ruleId === 'internal-error')).toEqual([]);
    const messages = issues.map((i) => `${i.ruleId}: ${i.message}`).join('\n');
    for (const key of ['evil-backtrack', 'evil-throws', 'evil-cost']) expect(messages).toContain(key);
    const profileProblems = v.profileIssues().map((i) => i.message).join('\n');
    expect(`${messages}\n${profileProblems}`).toContain('evil-syntax');
  });
});

describeWithShared('hostile input at the receiver (validator.receive): 400 REC_BAD_REQUEST, issue code structure', () => {
  let v: Validator;
  beforeAll(async () => {
    v = await createValidator();
  });

  const bodies: Array<[string, () => unknown, RegExp]> = [
    ['empty body', () => '', /The body could not be read: The (JSON|input) could not be read/],
    ['malformed JSON', () => '{"resourceType":"Bundle",', /The body could not be read: The (JSON|input) could not be read/],
    ['malformed XML', () => `<Bundle ${FHIR_XML}><type value="message"/>`, /The body could not be read: The XML could not be read/],
    ['a 100 MB body', () => '{' + ' '.repeat(100 * 1024 * 1024), /more than the limit of 10,485,760 \(limits\.maxBytes\)/],
    ['a 100 MB body as bytes', () => new Uint8Array(100 * 1024 * 1024), /104,857,600 bytes, more than the limit/],
    ['10,000-deep JSON', () => `{"resourceType":"Bundle","x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`, /nested more than 200 levels deep/],
    ['10,000-deep XML', () => `<Bundle ${FHIR_XML}>${'<entry>'.repeat(10_000)}${'</entry>'.repeat(10_000)}</Bundle>`, /nested more than 200 deep/],
    ['a string over maxStringLength', () => JSON.stringify({ resourceType: 'Bundle', id: 'x'.repeat(DEFAULT_LIMITS.maxStringLength + 1) }), /limits\.maxStringLength/],
    ['invalid UTF-8 bytes', () => new Uint8Array([0x7b, 0xff, 0x7d]), /invalid UTF-8 at byte 1/],
    ['XML with a DOCTYPE', () => `<!DOCTYPE Bundle [<!ENTITY x SYSTEM "file:///etc/passwd">]><Bundle ${FHIR_XML}/>`, /DOCTYPE declarations are not allowed/],
    ['JSON null', () => 'null', /the input is neither FHIR JSON/],
  ];
  for (const [name, body, message] of bodies) {
    it(name, async () => {
      const response = await v.receive({ body: body() });
      expect(response.status).toBe(400);
      expect(response.barsCode).toBe('REC_BAD_REQUEST');
      expectOutcome(response.outcome);
      const first = response.outcome.issue[0];
      expect(first.code).toBe('structure');
      expect(first.details?.coding.map((c) => c.code)).toContain('REC_BAD_REQUEST');
      expect(first.diagnostics).toMatch(message);
    });
  }

  it('limits given to createValidator apply to the receiver too', async () => {
    const strict = await createValidator({ definitions: v.definitions, limits: { maxBytes: 1000 } });
    const response = await strict.receive({ body: REFERRAL });
    expect(response.status).toBe(400);
    expect(response.outcome.issue[0].diagnostics).toMatch(/more than the limit of 1,000 \(limits\.maxBytes\)/);
  });
});
