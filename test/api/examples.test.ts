/**
 * The library examples the README and docs/suppliers.md / docs/receivers.md show run as written
 * (through the package's own name, `bars-validator`, i.e. the built dist/), and print what the
 * documentation says they print.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';

function runExample(name: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join('docs/examples', name)], { cwd: repoRoot, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('docs/examples', () => {
  it('supplier-validate.ts lists the two BaRS errors of a booking with two Appointments and refuses to send', () => {
    const run = runExample('supplier-validate.ts');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('error')).map((l) => l.split(/\s+/)[1])).toEqual(['CORE-MD-02', 'CORE-APPT-01']);
    expect(lines.at(-1)).toBe('not sending: 2 error(s)');
  });

  it('receiver-receive.ts accepts a referral once and answers its repeat with 409 REC_CONFLICT', () => {
    const run = runExample('receiver-receive.ts');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual(['first: 200', 'repeat: 409 REC_CONFLICT REC_CONFLICT/CORE-TI-01']);
  });

  it('without-ukcore.ts: the valid referral stays valid with one ukcore-not-checked information issue', () => {
    const run = runExample('without-ukcore.ts');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('load: warning ukcore-not-found');
    expect(lines.filter((l) => l.startsWith('error') || l.startsWith('fatal'))).toEqual([]);
    expect(lines.filter((l) => l.includes('ukcore-not-checked'))).toHaveLength(1);
  });
});
