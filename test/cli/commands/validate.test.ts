/**
 * `bars-validate [validate]` driven as a spawned process (node bin/bars-validate.js), as a
 * supplier's terminal or CI runs it: exit codes, text/json/junit output, inputs, colours,
 * --fail-on/--quiet, usage errors and unreadable files, and --receiver verdicts.
 */
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { describeWithShared, repoRoot } from '../../support/shared.js';
import { headersFor, REQUEST_ID } from '../../bars/support/harness.js';

const VALID = 'fixtures/111-ed/valid/referral-new.json';
const ESC = '\u001b[';

const escapeRe = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let dir: string;
let bad: string;
let malformed: string;
let noHeader: string;
let badVersion: string;
const validText = readFileSync(join(repoRoot, VALID), 'utf8');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bars-cli-'));
  bad = join(dir, 'bad.json');
  writeFileSync(bad, '{\n  "resourceType": "Patient",\n  "birthDate": "2021-13-45"\n}\n');
  malformed = join(dir, 'malformed.json');
  writeFileSync(malformed, '{"resourceType": "Patient",');
  mkdirSync(join(dir, 'tree', 'nested'), { recursive: true });
  writeFileSync(join(dir, 'tree', 'patient.xml'), '<Patient xmlns="http://hl7.org/fhir">\n  <birthDate value="2021-02-30"/>\n</Patient>\n');
  writeFileSync(join(dir, 'tree', 'nested', 'ok.json'), '{"resourceType": "Patient", "id": "p1"}');
  writeFileSync(join(dir, 'tree', 'notes.txt'), 'not FHIR and not picked up from a folder');
  const message = JSON.parse(validText) as { entry: unknown[]; meta: { versionId: string } };
  noHeader = join(dir, 'no-message-header.json');
  writeFileSync(noHeader, JSON.stringify({ ...message, entry: message.entry.slice(1) }, null, 2));
  badVersion = join(dir, 'unsupported-version.json');
  writeFileSync(badVersion, JSON.stringify({ ...message, meta: { ...message.meta, versionId: '9.0.0' } }, null, 2));
  symlinkSync(join(dir, 'gone.json'), join(dir, 'dangling.json'));
});

describeWithShared('bars-validate validate (spawned)', () => {
  it("keeps the README's first command exiting 0: a valid 111→ED referral, grouped text and a summary line", async () => {
    const run = await runCli([VALID]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${escapeRe(VALID)}  valid \\(\\d+ warnings?, 1 information\\)$`));
    expect(run.stdout).toMatch(new RegExp(`\\n  warning  ${escapeRe(VALID)}:\\d+:\\d+  Bundle\\.entry\\[\\d+\\]\\S*  binding-extensible  `));
    expect(run.stdout).toContain('bars-headers-not-checked');
    expect(run.stdout).toMatch(/\n1 file: 1 valid, 0 invalid; 0 errors, \d+ warnings, 1 information\n$/);
    expect(run.stdout).not.toContain(ESC);
  });

  it('exits 1 for an invalid resource and for malformed input, with severity  file:line:col  location  rule-id  message', async () => {
    const run = await runCli(['validate', bad, malformed, VALID]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${bad}  invalid (1 error)\n  error    ${bad}:3:3  Patient.birthDate  primitive-format  `);
    expect(run.stdout).toMatch(new RegExp(`${escapeRe(malformed)}  invalid \\(1 error\\)\\n  fatal    ${escapeRe(malformed)}:1:\\d+  -  json-syntax  `));
    expect(run.stdout).toMatch(/\n3 files: 1 valid, 2 invalid; 2 errors, \d+ warnings, 1 information\n$/);
  });

  it('--format json prints exactly one OperationOutcome for one file, an array of {file, outcome} for several', async () => {
    const one = await runCli([bad, '--format', 'json']);
    expect(one.code).toBe(1);
    const outcome = JSON.parse(one.stdout);
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue[0]).toMatchObject({ severity: 'error', code: 'invalid', expression: ['Patient.birthDate'] });
    expect(outcome.issue[0].details.coding[0].code).toBe('primitive-format');
    const several = await runCli([bad, malformed, '--format=json']);
    const list = JSON.parse(several.stdout) as Array<{ file: string; outcome: { resourceType: string } }>;
    expect(list.map((e) => [e.file, e.outcome.resourceType])).toEqual([[bad, 'OperationOutcome'], [malformed, 'OperationOutcome']]);
  });

  it('--format junit writes well-formed JUnit XML: one testcase per file, failures for invalid ones', async () => {
    const run = await runCli(['--format', 'junit', bad, malformed, join(dir, 'tree')]);
    expect(run.code).toBe(1);
    expect(XMLValidator.validate(run.stdout)).toBe(true);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(run.stdout);
    const suite = xml.testsuites.testsuite;
    expect(suite).toMatchObject({ tests: '4', failures: '3', errors: '0' });
    const cases = suite.testcase as Array<{ name: string; failure?: { type: string } }>;
    expect(cases.map((c) => [c.name, c.failure?.type ?? null])).toEqual([
      [bad, 'primitive-format'],
      [malformed, 'json-syntax'],
      [join(dir, 'tree', 'nested', 'ok.json'), null],
      [join(dir, 'tree', 'patient.xml'), 'primitive-format'],
    ]);
  });

  it('reads folders recursively (.json and .xml, recognised by content), globs and standard input', async () => {
    const run = await runCli(['tree', 'tree/**/*.json', '-'], { cwd: dir, stdin: '<Patient xmlns="http://hl7.org/fhir"><id value="from-stdin"/></Patient>' });
    expect(run.code).toBe(1);
    const headings = run.stdout.split('\n').filter((line) => line !== '' && !line.startsWith(' '));
    // The glob's match was already found in the folder: each file is validated once.
    expect(headings).toEqual([
      'tree/nested/ok.json  valid',
      'tree/patient.xml  invalid (1 error)',
      '<stdin>  valid',
      '3 files: 2 valid, 1 invalid; 1 error, 0 warnings, 0 information',
    ]);
    expect(run.stdout).toContain('  error    tree/patient.xml:2:3  Patient.birthDate  ');
  });

  it('colours severities on request (FORCE_COLOR) and never when NO_COLOR is set; plain when not a TTY', async () => {
    const coloured = await runCli([bad], { env: { FORCE_COLOR: '1' } });
    expect(coloured.stdout).toContain(`${ESC}31merror  ${ESC}0m`);
    const plain = await runCli([bad], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(plain.code).toBe(1);
    expect(plain.stdout).not.toContain(ESC);
    expect(plain.stdout).toContain(`  error    ${bad}:3:3  `);
  });

  it('--fail-on warning makes a message with warnings invalid; --quiet shows only what fails', async () => {
    const run = await runCli(['--fail-on', 'warning', '--quiet', VALID]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`^${escapeRe(VALID)}  invalid \\(\\d+ warnings\\)\\n`));
    expect(run.stdout).not.toContain('bars-headers-not-checked');
    // The summary counts what was found, shown or not.
    expect(run.stdout).toMatch(/\n1 file: 0 valid, 1 invalid; 0 errors, [1-9]\d* warnings, 1 information\n$/);
    expect(run.stdout.split('\n').filter((l) => l.startsWith('  ')).every((l) => l.startsWith('  warning  '))).toBe(true);
  });

  it('exits 2 for usage errors, with the reason and the usage on stderr', async () => {
    for (const args of [[], ['--format', 'yaml', VALID], ['--fail-on', 'info', VALID], ['--app', '111', VALID], ['--header', 'X-Request-ID: x', VALID], ['--nonsense', VALID], ['--receiver', '--header', 'no colon', VALID], ['explain']]) {
      const run = await runCli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr + run.stdout, args.join(' ')).toContain('Usage: bars-validate');
    }
  });

  it('exits 2 for a file that cannot be read, after validating the others', async () => {
    const missing = await runCli([join(dir, 'missing.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing.json: no such file');
    const mixed = await runCli([bad, join(dir, 'dangling.json'), 'no-match/**/*.json']);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('dangling.json: no such file');
    expect(mixed.stderr).toContain('no-match/**/*.json: no files match');
    expect(mixed.stdout).toContain(`  error    ${bad}:3:3  `);
  });
});

describeWithShared('bars-validate --receiver (spawned)', () => {
  it('answers {"status", "outcome"}: 200 for a valid 111→ED referral, saying the header rules were skipped', async () => {
    const run = await runCli(['--receiver', VALID]);
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout);
    expect(Object.keys(answer)).toEqual(['status', 'outcome']);
    expect(answer.status).toBe(200);
    expect(answer.outcome.resourceType).toBe('OperationOutcome');
    const skipped = answer.outcome.issue.find((i: { details?: { coding?: Array<{ code: string }> } }) => i.details?.coding?.some((c) => c.code === 'bars-headers-not-checked'));
    expect(skipped.severity).toBe('information');
    expect(skipped.diagnostics).toMatch(/header rules .* not checked/);
  });

  it('several files give an array of {file, status, outcome}: MessageHeader removed → 400 REC_BAD_REQUEST, unsupported versionId → 422 REC_UNPROCESSABLE_ENTITY; exit 1', async () => {
    const run = await runCli(['--receiver', VALID, noHeader, badVersion]);
    expect(run.code).toBe(1);
    const answers = JSON.parse(run.stdout) as Array<{ file: string; status: number; outcome: { issue: Array<{ severity: string; details?: { coding?: Array<{ system: string; code: string }> } }> } }>;
    const barsCodes = (outcome: (typeof answers)[number]['outcome']) =>
      [...new Set(outcome.issue.filter((i) => i.severity === 'error').flatMap((i) => i.details?.coding ?? []).filter((c) => c.system === 'https://fhir.nhs.uk/CodeSystem/http-error-codes').map((c) => c.code))];
    expect(answers.map((a) => [a.file, a.status])).toEqual([[VALID, 200], [noHeader, 400], [badVersion, 422]]);
    expect(barsCodes(answers[1].outcome)).toContain('REC_BAD_REQUEST');
    expect(barsCodes(answers[2].outcome)).toEqual(['REC_UNPROCESSABLE_ENTITY']);
  });

  it('with --header the header rules run; the same X-Request-ID sent twice to one receiver answers 409 the second time', async () => {
    const headerArgs = Object.entries(headersFor(JSON.parse(validText))).flatMap(([name, value]) => ['--header', `${name}: ${value}`]);
    const run = await runCli(['--receiver', ...headerArgs, VALID, VALID]);
    expect(run.code).toBe(1);
    const answers = JSON.parse(run.stdout) as Array<{ status: number; outcome: { issue: Array<{ details?: { coding?: Array<{ code: string }> } }> } }>;
    expect(answers.map((a) => a.status)).toEqual([200, 409]);
    const codes = answers[0].outcome.issue.flatMap((i) => i.details?.coding ?? []).map((c) => c.code);
    expect(codes).not.toContain('bars-headers-not-checked');
    expect(answers[1].outcome.issue.flatMap((i) => i.details?.coding ?? []).map((c) => c.code)).toContain('CORE-TI-01');
    // A malformed X-Request-ID is a header failure: 400.
    const badId = await runCli(['--receiver', '-H', 'X-Request-ID: not-a-uuid', '-H', `X-Correlation-ID: ${REQUEST_ID}`, VALID]);
    expect(badId.code).toBe(1);
    expect(JSON.parse(badId.stdout).status).toBe(400);
  });
});
