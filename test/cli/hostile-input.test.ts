/**
 * Hostile input at the CLI, spawned as a process: each file gets a fatal issue in a JSON
 * OperationOutcome and exit code 1, never a stack trace or a crash. The bodies of the library's
 * hostile list (test/support/hostile-inputs.ts) up to 11 MiB go through one run, and a profile
 * whose constraints cannot be evaluated through another.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { FAILING_CONSTRAINTS, HOSTILE_INPUTS, HOSTILE_PROFILE_URL, hostilePatient, hostileProfile, missingIssues, rejecting } from '../support/hostile-inputs.js';
import { runCli } from '../support/cli.js';
import { describeWithShared } from '../support/shared.js';

interface OutcomeIssue {
  severity: string;
  code: string;
  details?: { coding?: Array<{ system: string; code: string }> };
  diagnostics: string;
  expression?: string[];
}
const asIssue = (i: OutcomeIssue) => ({ severity: i.severity, ruleId: i.details?.coding?.[0]?.code, location: i.expression?.[0], message: i.diagnostics });

const dir = mkdtempSync(join(tmpdir(), 'bars-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const inputs: Array<[string, string | Uint8Array, RegExp]> = [
  ['malformed.json', '{"resourceType": "Patient",', /The JSON could not be read/],
  ['empty.json', '', /the input is empty/],
  ['deep.json', `{"resourceType":"Patient","x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`, /nested more than 200 levels deep/],
  ['doctype.xml', '<!DOCTYPE Patient [<!ENTITY x SYSTEM "file:///etc/passwd">]><Patient xmlns="http://hl7.org/fhir"/>', /DOCTYPE declarations are not allowed/],
  ['big.json', '{' + ' '.repeat(11 * 1024 * 1024), /limits\.maxBytes/],
];

describeWithShared('hostile input at the CLI (spawned)', () => {
  for (const [name, content, message] of inputs) {
    it(name, async () => {
      writeFileSync(join(dir, name), content);
      const run = await runCli(['--format', 'json', join(dir, name)]);
      expect(run.code).toBe(1);
      expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
      const outcome = JSON.parse(run.stdout) as { resourceType: string; issue: Array<{ severity: string; diagnostics: string }> };
      expect(outcome.resourceType).toBe('OperationOutcome');
      expect(outcome.issue[0].severity).toBe('fatal');
      expect(outcome.issue[0].diagnostics).toMatch(message);
    });
  }

  it('every hostile body of the shared list up to 11 MiB, in one run: each file has its issues, exit code 1', async () => {
    const inputs = HOSTILE_INPUTS.filter((input) => input.body().length <= 11 * 1024 * 1024);
    const files = inputs.map((input, n) => {
      const file = join(dir, `shared-${String(n).padStart(2, '0')}.${input.format}`);
      writeFileSync(file, input.body());
      return file;
    });
    const run = await runCli(['--format', 'json', ...files]);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
    const results = JSON.parse(run.stdout) as Array<{ file: string; outcome: { resourceType: string; issue: OutcomeIssue[] } }>;
    expect(results.map((r) => r.file)).toEqual(files.map((f) => expect.stringContaining(f.slice(dir.length + 1))));
    results.forEach(({ outcome }, n) => {
      expect(outcome.resourceType).toBe('OperationOutcome');
      const issues = rejecting(outcome.issue).map(asIssue);
      expect(missingIssues(issues, inputs[n].issues), `${inputs[n].name}: ${JSON.stringify(issues.slice(0, 3))}`).toEqual([]);
    });
  });

  it('an invariant that throws (and the other hostile constraints): error invariant-error issues, exit code 1', async () => {
    writeFileSync(join(dir, 'StructureDefinition-EvilPatient.json'), JSON.stringify(hostileProfile()));
    writeFileSync(join(dir, 'evil-patient.json'), JSON.stringify(hostilePatient()));
    const run = await runCli(['--format', 'json', '--ig', join(dir, 'StructureDefinition-EvilPatient.json'), '--profile', HOSTILE_PROFILE_URL, join(dir, 'evil-patient.json')]);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
    const outcome = JSON.parse(run.stdout) as { issue: OutcomeIssue[] };
    const failed = outcome.issue.map(asIssue).filter((i) => i.ruleId === 'invariant-error');
    expect(failed.map((i) => [i.severity, i.message.match(/^The constraint ([\w-]+) /)?.[1]])).toEqual(FAILING_CONSTRAINTS.map(({ key }) => ['error', key]));
    expect(failed.find((i) => i.message.startsWith('The constraint evil-type-error '))?.message).toBe(
      `The constraint evil-type-error ('adds a number to a string', defined in ${HOSTILE_PROFILE_URL}) could not be evaluated on this instance, so whether it holds is unknown: Cannot convert a to a number`,
    );
  });
});
