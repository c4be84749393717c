/**
 * Hostile and broken input at the library's front door (createValidator → validate, and the
 * receiver): each gets a fatal or error issue with a clear message, never an exception, and
 * the limits (src/model/limits.ts) refuse what would otherwise take unbounded time or memory.
 * The bodies and the issues they get are in test/support/hostile-inputs.ts, shared with the
 * HTTP entry point's test; here, besides, what only the library has (JavaScript values,
 * positions, options).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { createValidator, type Issue, type OperationOutcome, type Validator } from '../../src/api/index.js';
import { DEFAULT_LIMITS } from '../../src/model/limits.js';
import type { ConformanceResource } from '../../src/defs/types.js';
import { coreValidator } from '../checks/helpers.js';
import { FAILING_CONSTRAINTS, HOSTILE_INPUTS, HOSTILE_PROFILE_URL, hostilePatient, hostileProfile, missingIssues, rejecting, type HostileInput } from '../support/hostile-inputs.js';
import { describeWithShared, repoRoot } from '../support/shared.js';

const REFERRAL = readFileSync(resolve(repoRoot, 'fixtures/111-ed/valid/referral-new.json'), 'utf8');

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

/** The shared hostile input of that name. */
function hostile(name: string): HostileInput {
  const found = HOSTILE_INPUTS.find((i) => i.name === name);
  if (!found) throw new Error(`no hostile input named '${name}' in test/support/hostile-inputs.ts`);
  return found;
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

  for (const input of HOSTILE_INPUTS) {
    it(`${input.name}: its issues, never an exception`, () => {
      const { issues, resource } = v.validateToIssues(input.body());
      expect(issues.filter((i) => i.ruleId === 'internal-error')).toEqual([]);
      expect(missingIssues(rejecting(issues), input.issues), JSON.stringify(issues.slice(0, 5))).toEqual([]);
      // Read as a resource (with problems) exactly when the table says so.
      expect(resource !== undefined).toBe(input.read === 'resource');
    });
  }

  it('malformed JSON and invalid UTF-8: the issue has the line and column', () => {
    expect(refusal(v, hostile('malformed JSON').body())).toMatchObject({ code: 'structure', position: { line: 4, column: 1 } });
    const issue = refusal(v, hostile('invalid UTF-8 (an overlong NUL)').body());
    expect(issue).toMatchObject({ severity: 'fatal', position: { line: 2, column: 7 } });
    expect(issue.message).toBe('The input could not be read: invalid UTF-8 at byte 33 (0xc0): FHIR text must be UTF-8');
  });

  it('empty bytes, null and undefined: fatal', () => {
    expect(refusal(v, new Uint8Array(0))).toMatchObject({ severity: 'fatal', message: 'The input could not be read: the input is empty' });
    expect(refusal(v, null)).toMatchObject({ severity: 'fatal', ruleId: 'not-a-resource' });
    expect(refusal(v, undefined)).toMatchObject({ severity: 'fatal', ruleId: 'not-a-resource' });
  });

  it('10,000-deep objects given by the caller, and a cycle: fatal limit-depth, no stack overflow', () => {
    let extension: Record<string, unknown> = { url: 'http://example.org/leaf', valueString: 'x' };
    for (let i = 0; i < 10_000; i++) extension = { url: 'http://example.org/nested', extension: [extension] };
    const patient = { resourceType: 'Patient', extension: [extension] };
    expect(refusal(v, patient)).toMatchObject({ ruleId: 'limit-depth' });
    const cyclic: Record<string, unknown> = { resourceType: 'Patient', contained: [] };
    (cyclic.contained as unknown[]).push(cyclic);
    expect(refusal(v, cyclic)).toMatchObject({ ruleId: 'limit-depth' });
  });

  it('limits are configurable: a small maxStringLength, maxEntries and maxBytes', async () => {
    const strict = await createValidator({ definitions: v.definitions, limits: { maxStringLength: 20, maxEntries: 2, maxBytes: 1000 } });
    expect(refusal(strict, { resourceType: 'Patient', name: [{ family: 'x'.repeat(21) }] })).toMatchObject({ ruleId: 'limit-string-length' });
    expect(refusal(strict, { resourceType: 'Patient', ['k'.repeat(21)]: 1 })).toMatchObject({ ruleId: 'limit-string-length', message: expect.stringMatching(/^A property name is 21 characters long/) });
    expect(refusal(strict, { resourceType: 'Bundle', type: 'collection', entry: [{}, {}, {}] })).toMatchObject({ ruleId: 'limit-entries', message: 'The input has more than 2 Bundle entries (limits.maxEntries); it was not validated' });
    expect(refusal(strict, REFERRAL)).toMatchObject({ ruleId: 'limit-bytes' });
    await expect(createValidator({ definitions: v.definitions, limits: { maxDepth: 0 } })).rejects.toThrow('limits.maxDepth must be a positive number');
  });

  it('__proto__, constructor and prototype keys: kept as own data properties, Object.prototype unchanged (also through the receiver)', () => {
    const text = hostile('__proto__, constructor and prototype keys').body() as string;
    const { resource } = v.validateToIssues(text);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(resource)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(resource, '__proto__')).toBe(true);
    // The receiver parses JSON itself: the same keys must not reach Object.prototype either.
    return v.receive({ body: text }).then((response) => {
      expect(response.status).toBe(400);
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
    });
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
    v = await coreValidator([hostileProfile() as unknown as ConformanceResource]);
  });

  it('each gives an error issue invariant-error saying why it could not be evaluated, in bounded time, never an exception', () => {
    const { issues } = v.validateToIssues(hostilePatient(), { profile: HOSTILE_PROFILE_URL });
    expect(issues.filter((i) => i.ruleId === 'internal-error')).toEqual([]);
    const failed = issues.filter((i) => i.ruleId === 'invariant-error');
    expect(failed.map((i) => [i.severity, i.location, i.definition, i.message.match(/^The constraint ([\w-]+) /)?.[1]])).toEqual(
      FAILING_CONSTRAINTS.map(({ key }) => ['error', 'Patient', HOSTILE_PROFILE_URL, key]),
    );
    failed.forEach((issue, n) => expect(FAILING_CONSTRAINTS[n].codes).toContain(issue.code));
    const message = (key: string) => failed.find((i) => i.message.startsWith(`The constraint ${key} `))!.message;
    const unknown = 'could not be evaluated on this instance, so whether it holds is unknown';
    expect(message('evil-type-error')).toBe(`The constraint evil-type-error ('adds a number to a string', defined in ${HOSTILE_PROFILE_URL}) ${unknown}: Cannot convert a to a number`);
    expect(message('evil-throws')).toBe(`The constraint evil-throws ('throws at evaluation', defined in ${HOSTILE_PROFILE_URL}) ${unknown}: Expected single`);
    expect(message('evil-backtrack')).toMatch(/: matches\('\^\(a\+\)\+\$'\) was not run: the pattern repeats a group that itself repeats, which can take exponential time$/);
    expect(message('evil-slow')).toMatch(/: evaluation (took longer than 1000 ms and was stopped|was stopped: a collection grew past 1000000 items)$/);
    // Never reported as the constraint failing.
    expect(issues.filter((i) => FAILING_CONSTRAINTS.some((c) => c.key === i.ruleId))).toEqual([]);
    // The one that does not compile is a profile problem, a warning reported apart.
    const syntax = [...issues, ...v.profileIssues()].filter((i) => i.message.includes('evil-syntax'));
    expect(syntax.map((i) => [i.severity, i.ruleId])).toEqual([['warning', 'invariant-invalid']]);
  });
});

describeWithShared('hostile input at the receiver (validator.receive): 400 REC_BAD_REQUEST, issue code structure', () => {
  let v: Validator;
  beforeAll(async () => {
    v = await createValidator();
  });

  for (const input of HOSTILE_INPUTS) {
    it(input.name, async () => {
      const response = await v.receive({ body: input.body() });
      expect(response.status).toBe(400);
      expect(response.barsCode).toBe('REC_BAD_REQUEST');
      expectOutcome(response.outcome);
      const first = response.outcome.issue[0];
      expect(first.code).toBe('structure');
      expect(first.details?.coding.map((c) => c.code)).toContain('REC_BAD_REQUEST');
      if (input.read === 'unreadable') {
        // CORE-HDR-14, with the reason validate() gives.
        expect(first.details?.coding.map((c) => c.code)).toContain('CORE-HDR-14');
        const reason = input.issues[0].message;
        if (typeof reason === 'string') expect(first.diagnostics).toContain(reason);
        else expect(first.diagnostics).toMatch(reason);
      } else {
        expect(first.details?.coding.map((c) => c.code)).toContain('CORE-BUNDLE-01');
      }
    });
  }

  it('limits given to createValidator apply to the receiver too', async () => {
    const strict = await createValidator({ definitions: v.definitions, limits: { maxBytes: 1000 } });
    const response = await strict.receive({ body: REFERRAL });
    expect(response.status).toBe(400);
    expect(response.outcome.issue[0].diagnostics).toMatch(/more than the limit of 1,000 \(limits\.maxBytes\)/);
  });
});
