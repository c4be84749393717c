/**
 * Hostile input at the CLI, spawned as a process: each file gets a fatal issue in a JSON
 * OperationOutcome and exit code 1, never a stack trace or a crash.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { describeWithShared } from '../support/shared.js';

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
});
