/**
 * Hostile and broken bodies, shared by the entry points' hostile-input tests (library:
 * test/api/hostile-input.test.ts; HTTP: test/http/hostile-input.test.ts): each is built on
 * demand (some are 100 MB), is sent as FHIR JSON or XML, and names the rejecting issues
 * validate() gives for it. Profiles with hostile constraints are here too, for validators
 * built to use them.
 */
import { DEFAULT_LIMITS } from '../../src/model/limits.js';

export const FHIR_XML_NS = 'xmlns="http://hl7.org/fhir"';

/** One rejecting (fatal or error) issue that must be among those reported. */
export interface ExpectedIssue {
  severity?: 'fatal' | 'error';
  ruleId?: string;
  location?: string;
  /** The whole message, or a pattern it matches. */
  message: string | RegExp;
}

export interface HostileInput {
  name: string;
  /** How it travels: the Content-Type it is sent with over HTTP (application/fhir+json or +xml). */
  format: 'json' | 'xml';
  body: () => string | Uint8Array;
  /** The rejecting issues validate() gives for it (each must be found). */
  issues: ExpectedIssue[];
  /**
   * How far it can be read. `unreadable`: not as FHIR text at all (syntax, limits, encoding, DTDs,
   * not an object), which the receiver answers under CORE-HDR-14 ("The body could not be read: ...").
   * `not-a-resource`: JSON, but no resource (no string resourceType). `resource`: a resource with
   * problems; validate() returns it, and the receiver rejects it for not being a Bundle message.
   * The last two are CORE-BUNDLE-01 at the receiver.
   */
  read: 'unreadable' | 'not-a-resource' | 'resource';
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const HUNDRED_MB = 100 * 1024 * 1024;

const prototypeKeys =
  '{"resourceType":"Patient","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"prototype":1,"name":[{"__proto__":{"polluted":true},"family":"x"}]}';

/** Every case of the library's hostile list that is a body (not a JavaScript value or a validator option). */
export const HOSTILE_INPUTS: readonly HostileInput[] = [
  {
    name: 'malformed JSON',
    format: 'json',
    body: () => '{\n  "resourceType": "Patient",\n  "name": [\n}',
    issues: [{ severity: 'fatal', ruleId: 'json-syntax', message: /The JSON could not be read: invalid JSON: expected a value but found '}'/ }],
    read: 'unreadable',
  },
  {
    name: 'malformed XML',
    format: 'xml',
    body: () => `<Patient ${FHIR_XML_NS}><name><given value="a"/></Patient>`,
    issues: [{ severity: 'fatal', ruleId: 'xml-syntax', message: /The XML could not be read: the document ends before its elements are closed/ }],
    read: 'unreadable',
  },
  { name: 'empty body', format: 'json', body: () => '', issues: [{ severity: 'fatal', message: 'The input could not be read: the input is empty' }], read: 'unreadable' },
  { name: 'blank body', format: 'json', body: () => '   \n', issues: [{ severity: 'fatal', message: 'The input could not be read: the input is empty' }], read: 'unreadable' },
  {
    // Malformed on purpose: had it been parsed, the issue would be json-syntax.
    name: 'a 100 MB body (text)',
    format: 'json',
    body: () => '{' + ' '.repeat(HUNDRED_MB),
    issues: [{ severity: 'fatal', ruleId: 'limit-bytes', message: 'The input is 104,857,601 characters, more than the limit of 10,485,760 (limits.maxBytes); it was not read' }],
    read: 'unreadable',
  },
  {
    name: 'a 100 MB body (bytes)',
    format: 'json',
    body: () => new Uint8Array(HUNDRED_MB),
    issues: [{ severity: 'fatal', ruleId: 'limit-bytes', message: /104,857,600 bytes, more than the limit of 10,485,760/ }],
    read: 'unreadable',
  },
  {
    name: '10,000-deep JSON arrays',
    format: 'json',
    body: () => `{"resourceType":"Patient","x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
    issues: [{ severity: 'fatal', ruleId: 'limit-depth', message: `The input is nested more than ${DEFAULT_LIMITS.maxDepth} levels deep (limits.maxDepth); it was not validated` }],
    read: 'unreadable',
  },
  {
    // Nested extensions are what the walker would follow, one level of recursion each.
    name: '10,000-deep JSON extensions',
    format: 'json',
    body: () =>
      `{"resourceType":"Patient","extension":[${'{"url":"http://example.org/nested","extension":['.repeat(10_000)}{"url":"http://example.org/leaf","valueString":"x"}${']}'.repeat(10_000)}]}`,
    issues: [{ severity: 'fatal', ruleId: 'limit-depth', message: /nested more than 200 levels deep/ }],
    read: 'unreadable',
  },
  {
    name: '10,000-deep XML',
    format: 'xml',
    body: () => `<Patient ${FHIR_XML_NS}>${'<extension url="x">'.repeat(10_000)}${'</extension>'.repeat(10_000)}</Patient>`,
    issues: [{ severity: 'fatal', ruleId: 'xml-syntax', message: `The XML could not be read: elements are nested more than ${DEFAULT_LIMITS.maxDepth} deep` }],
    read: 'unreadable',
  },
  {
    name: 'a string over maxStringLength',
    format: 'json',
    body: () => JSON.stringify({ resourceType: 'Patient', id: 'a', name: [{ family: 'x'.repeat(DEFAULT_LIMITS.maxStringLength + 1) }] }),
    issues: [{ severity: 'fatal', ruleId: 'limit-string-length', message: /4,194,305 characters/ }],
    read: 'unreadable',
  },
  {
    // 1M-character values against the id and code regexes and a near-miss of the code pattern.
    name: '1M-character strings under the limit (regex checks bounded)',
    format: 'json',
    body: () => JSON.stringify({ resourceType: 'Patient', id: 'a'.repeat(1_000_000), gender: 'a '.repeat(500_000) + ' ', name: [{ family: 'b'.repeat(1_000_000) }] }),
    issues: [
      { location: 'Patient.id', message: /^The value '.{1,200}' is not a valid id$/ },
      { location: 'Patient.gender', message: /^The value '.{1,200}' is not a valid code$/ },
    ],
    read: 'resource',
  },
  {
    name: 'a decimal of 1e400',
    format: 'json',
    body: () => '{"resourceType":"Observation","status":"final","code":{"text":"x"},"valueQuantity":{"value":1e400}}',
    issues: [{ severity: 'error', location: 'Observation.value.ofType(Quantity).value', message: 'The value Infinity is not a valid decimal' }],
    read: 'resource',
  },
  {
    name: 'a 30-digit integer',
    format: 'json',
    body: () => '{"resourceType":"Patient","multipleBirthInteger":123456789012345678901234567890}',
    issues: [{ severity: 'error', ruleId: 'integer-range', location: 'Patient.multipleBirth.ofType(integer)', message: 'The value 1.2345678901234568e+29 is outside the range of integer (-2147483648 to 2147483647)' }],
    read: 'resource',
  },
  {
    name: 'a 100,001-digit integer',
    format: 'json',
    body: () => `{"resourceType":"Patient","multipleBirthInteger":1${'0'.repeat(100_000)}}`,
    issues: [{ severity: 'error', location: 'Patient.multipleBirth.ofType(integer)', message: 'The value Infinity is not a valid integer: it is not a whole number' }],
    read: 'resource',
  },
  {
    name: '__proto__, constructor and prototype keys',
    format: 'json',
    body: () => prototypeKeys,
    issues: [
      { location: 'Patient', message: "Unrecognized property '__proto__'" },
      { location: 'Patient', message: "Unrecognized property 'constructor'" },
      { location: 'Patient', message: "Unrecognized property 'prototype'" },
      { location: 'Patient.name[0]', message: "Unrecognized property '__proto__'" },
    ],
    read: 'resource',
  },
  ...['__proto__', 'constructor', 'toString', 'hasOwnProperty'].map(
    (type): HostileInput => ({ name: `resourceType '${type}'`, format: 'json', body: () => `{"resourceType":"${type}"}`, issues: [{ severity: 'fatal', message: `Unknown resource type '${type}'` }], read: 'resource' }),
  ),
  // XML: elements with these names are refused by the parser (fast-xml-parser's guard), with a clear message.
  ...['__proto__', 'constructor', 'prototype'].map(
    (name): HostileInput => ({
      name: `an XML element named ${name}`,
      format: 'xml',
      body: () => `<Patient ${FHIR_XML_NS}><${name} value="x"/></Patient>`,
      issues: [{ severity: 'fatal', ruleId: 'xml-syntax', message: `The XML could not be read: [SECURITY] Invalid name: "${name}" is a reserved JavaScript keyword that could cause prototype pollution` }],
      read: 'unreadable',
    }),
  ),
  {
    name: 'a raw NUL in JSON',
    format: 'json',
    body: () => '{"resourceType":"Patient","id":"a\u0000b"}',
    issues: [{ ruleId: 'json-syntax', message: /control character U\+0000 must be escaped/ }],
    read: 'unreadable',
  },
  {
    name: 'a raw NUL in XML',
    format: 'xml',
    body: () => `<Patient ${FHIR_XML_NS}><id value="a\u0000b"/></Patient>`,
    issues: [{ ruleId: 'xml-syntax', message: /character U\+0000 is not allowed in XML/ }],
    read: 'unreadable',
  },
  { name: 'a NUL byte after the JSON', format: 'json', body: () => utf8('{"resourceType":"Patient"}\u0000'), issues: [{ ruleId: 'json-syntax', message: /unexpected control character U\+0000 after the JSON value/ }], read: 'unreadable' },
  {
    name: 'an escaped NUL in a string',
    format: 'json',
    body: () => '{"resourceType":"Patient","name":[{"family":"a\\u0000b"}]}',
    issues: [
      {
        severity: 'error',
        ruleId: 'string-control-character',
        location: 'Patient.name[0].family',
        message: 'The string value contains the control character U+0000 at position 2: FHIR strings may not hold characters below U+0020 other than tab, LF and CR',
      },
    ],
    read: 'resource',
  },
  {
    name: 'invalid UTF-8 (an overlong NUL)',
    format: 'json',
    body: () => new Uint8Array([...utf8('{"resourceType":"Patient",\n"id":"'), 0xc0, 0x80, ...utf8('"}')]),
    issues: [{ ruleId: 'utf8-invalid', message: /invalid UTF-8 at byte 33 \(0xc0\): FHIR text must be UTF-8/ }],
    read: 'unreadable',
  },
  { name: 'invalid UTF-8 (a surrogate)', format: 'json', body: () => new Uint8Array([0x7b, 0xed, 0xa0, 0x80, 0x7d]), issues: [{ ruleId: 'utf8-invalid', message: /invalid UTF-8 at byte 1/ }], read: 'unreadable' },
  ...(
    [
      ['an XML DOCTYPE with an external DTD', `<?xml version="1.0"?><!DOCTYPE Patient SYSTEM "http://example.org/evil.dtd"><Patient ${FHIR_XML_NS}/>`],
      ['an XML external entity (XXE)', `<!DOCTYPE Patient [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Patient ${FHIR_XML_NS}><id value="&xxe;"/></Patient>`],
      ['XML entity expansion (billion laughs)', `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><Patient ${FHIR_XML_NS}><id value="&lol2;"/></Patient>`],
    ] as const
  ).map(
    ([name, xml]): HostileInput => ({
      name,
      format: 'xml',
      body: () => xml,
      issues: [{ severity: 'fatal', ruleId: 'xml-syntax', message: 'The XML could not be read: DOCTYPE declarations are not allowed in FHIR XML (no DTDs, no entity declarations)' }],
      read: 'unreadable',
    }),
  ),
  {
    name: 'an undeclared XML entity',
    format: 'xml',
    body: () => `<Patient ${FHIR_XML_NS}><id value="&xxe;"/></Patient>`,
    issues: [{ severity: 'fatal', ruleId: 'xml-syntax', message: /the entity 'xxe' is referenced but not declared/ }],
    read: 'unreadable',
  },
  {
    name: '5,000 unknown properties (the issue budget)',
    format: 'json',
    body: () => JSON.stringify(Object.fromEntries([['resourceType', 'Patient'], ...Array.from({ length: 5000 }, (_, i) => [`unknown${i}`, i])])),
    issues: [{ severity: 'fatal', ruleId: 'limit-issues', message: /1,000 issues \(limits\.maxIssues\)/ }],
    read: 'resource',
  },
  ...(['42', 'true', '"Patient"', 'null'] as const).map(
    (json): HostileInput => ({
      name: `JSON ${json} (not an object)`,
      format: 'json',
      body: () => json,
      issues: [{ severity: 'fatal', message: 'The input could not be read: the input is neither FHIR JSON (starting with {) nor FHIR XML (starting with <)' }],
      read: 'unreadable',
    }),
  ),
  ...(['[]', '[{"resourceType":"Patient"}]'] as const).map(
    (json): HostileInput => ({ name: `JSON ${json} (an array)`, format: 'json', body: () => json, issues: [{ severity: 'fatal', message: 'The JSON could not be read: FHIR JSON must be an object (a resource)' }], read: 'unreadable' }),
  ),
  {
    name: 'a resourceType that is not a string',
    format: 'json',
    body: () => '{"resourceType":42}',
    issues: [{ severity: 'fatal', ruleId: 'resource-type-missing', message: 'Unable to find resourceType property: the content is not a FHIR resource' }],
    read: 'not-a-resource',
  },
];

/** The rejecting issues of a list. */
export function rejecting<T extends { severity: string }>(issues: T[]): T[] {
  return issues.filter((i) => i.severity === 'fatal' || i.severity === 'error');
}

/** Whether an issue (engine Issue, or an OperationOutcome issue read back) is the one expected. */
export function matchesExpected(issue: { severity: string; ruleId?: string; location?: string; message: string }, expected: ExpectedIssue): boolean {
  if (expected.severity && issue.severity !== expected.severity) return false;
  if (expected.ruleId && issue.ruleId !== expected.ruleId) return false;
  if (expected.location && issue.location !== expected.location) return false;
  return typeof expected.message === 'string' ? issue.message === expected.message : expected.message.test(issue.message);
}

/** The expected issues not found among the issues given (empty when all are there). */
export function missingIssues(issues: Array<{ severity: string; ruleId?: string; location?: string; message: string }>, expected: readonly ExpectedIssue[]): ExpectedIssue[] {
  return expected.filter((e) => !issues.some((i) => matchesExpected(i, e)));
}

export const HOSTILE_PROFILE_URL = 'http://example.org/fhir/StructureDefinition/EvilPatient';

/**
 * The constraints of the hostile profile whose evaluation fails on hostilePatient(), in the order
 * they are reported, each with the issue codes its invariant-error may have: exception when
 * fhirpath.js throws (the guard refusing the regex, single() on many, the type error), too-costly
 * when the 1 s deadline stops it. The cubic one usually runs out of stack in a third of a second
 * (exception), but on a loaded machine the deadline can come first.
 */
export const FAILING_CONSTRAINTS: ReadonlyArray<{ key: string; codes: readonly string[] }> = [
  { key: 'evil-backtrack', codes: ['exception'] },
  { key: 'evil-throws', codes: ['exception'] },
  { key: 'evil-type-error', codes: ['exception'] },
  { key: 'evil-cost', codes: ['exception', 'too-costly'] },
  { key: 'evil-slow', codes: ['too-costly'] },
];

/**
 * A differential-only Patient profile with hostile constraints: an exponential regex (refused by
 * the guard), single() on many names, adding a number to a string (fhirpath.js compiles it and
 * throws when it runs), one whose result grows as the cube of its input, one whose work grows as
 * the fourth power of the names (stopped by the 1 s deadline, or by the native evaluator's bound on
 * a collection's size), and one that does
 * not compile (a profile problem, reported apart).
 */
export function hostileProfile(): Record<string, unknown> {
  return {
    resourceType: 'StructureDefinition',
    id: 'EvilPatient',
    url: HOSTILE_PROFILE_URL,
    version: '1.0.0',
    name: 'EvilPatient',
    status: 'active',
    kind: 'resource',
    abstract: false,
    type: 'Patient',
    baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Patient',
    derivation: 'constraint',
    differential: {
      element: [
        {
          id: 'Patient',
          path: 'Patient',
          constraint: [
            { key: 'evil-backtrack', severity: 'error', human: 'exponential regex', expression: "name.family.all(matches('^(a+)+$'))" },
            { key: 'evil-throws', severity: 'error', human: 'throws at evaluation', expression: "name.family.single() = 'x'" },
            { key: 'evil-type-error', severity: 'error', human: 'adds a number to a string', expression: "'a' + 1 > 0" },
            { key: 'evil-cost', severity: 'error', human: 'grows faster than its input', expression: 'descendants().select(%resource.descendants()).select(%resource.descendants()).count() >= 0' },
            { key: 'evil-slow', severity: 'error', human: 'works as the fourth power of the names', expression: 'name.select(%context.name.select(%context.name.select(%context.name))).count() > 0' },
            { key: 'evil-syntax', severity: 'error', human: 'does not compile', expression: 'name.(' },
          ],
        },
      ],
    },
  };
}

/** A Patient that makes each hostile constraint work hard: 300 names with 41-character near-misses of the regex. */
export function hostilePatient(): Record<string, unknown> {
  return { resourceType: 'Patient', name: Array.from({ length: 300 }, () => ({ family: 'a'.repeat(40) + '!', given: ['x', 'y'] })) };
}
