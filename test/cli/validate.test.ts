import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';
import { describeWithShared, repoRoot } from '../support/shared.js';

function fakeIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => '', isTty: false, env: {}, cwd: repoRoot };
}

const FIXTURE = 'fixtures/111-ed/valid/referral-new.json';

describeWithShared('bars-validate validate', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'bars-validate-'));

  it('is the default command: a valid message exits 0; --format json prints exactly one OperationOutcome', async () => {
    const io = fakeIo();
    expect(await main([FIXTURE, '--format', 'json'], io)).toBe(0);
    const outcome = JSON.parse(io.out.join(''));
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue.every((i: { severity: string }) => i.severity !== 'error' && i.severity !== 'fatal')).toBe(true);
  });

  it('exits 1 with text lines file:line:col  severity  location  ruleId  message for errors and for malformed input', async () => {
    const bad = join(scratch, 'bad.json');
    writeFileSync(bad, '{\n  "resourceType": "Patient",\n  "birthDate": "2021-13-45"\n}\n');
    const malformed = join(scratch, 'malformed.json');
    writeFileSync(malformed, '{"resourceType": "Patient",');
    const io = fakeIo();
    expect(await main(['validate', bad, malformed], io)).toBe(1);
    const text = io.out.join('');
    expect(text).toContain(`${bad}:3:3  error  Patient.birthDate  primitive-format  `);
    expect(text).toMatch(new RegExp(`${malformed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+  fatal  -  json-syntax  `));
  });

  it('exits 2 for an unreadable file or a usage error', async () => {
    const io = fakeIo();
    expect(await main(['validate', join(scratch, 'missing.json')], io)).toBe(2);
    expect(io.err.join('')).toContain('no such file');
    expect(await main(['validate', '--format', 'yaml', FIXTURE], fakeIo())).toBe(2);
    expect(await main(['validate'], fakeIo())).toBe(2);
  });
});
