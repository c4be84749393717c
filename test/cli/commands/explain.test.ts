import { expect, it, describe } from 'vitest';
import { explainCommand } from '../../../src/cli/commands/explain.js';
import { main } from '../../../src/cli/main.js';
import { captureIo } from '../../support/capture-io.js';

describe('bars-validate explain', () => {
  it('says what must hold, severity, status and code, stage, source, how it is checked and which fixtures break it', async () => {
    const io = captureIo();
    expect(await main(['explain', 'core-bundle-06'], io, [explainCommand])).toBe(0);
    const text = io.text();
    expect(text).toMatch(/^CORE-BUNDLE-06: \S/);
    expect(text).toMatch(/\n {2}severity {5}error\n/);
    expect(text).toMatch(/\n {2}on failure {3}422 REC_UNPROCESSABLE_ENTITY \(issue code [a-z-]+\)\n/);
    expect(text).toMatch(/\n {2}stage {8}version \(4 of 9: /);
    expect(text).toMatch(/\n {2}source {7}\S/);
    expect(text).toContain('  checked      in TypeScript by the BaRS message layer');
    expect(text).toMatch(/\n {2}broken by {4}.*111-ed\/invalid\/bundle-version-unsupported/);
  });

  it('names the reason for a rule not checked here, and the invariant for an FSH one', async () => {
    const notChecked = captureIo();
    expect(await main(['explain', 'CORE-HDR-05'], notChecked, [explainCommand])).toBe(0);
    expect(notChecked.text()).toContain('  checked      not checked (sender-side: ');
    const fsh = captureIo();
    expect(await main(['explain', 'APP-111ED-02'], fsh, [explainCommand])).toBe(0);
    expect(fsh.text()).toContain('  checked      by an FSH invariant of the BaRS profiles');
  });

  it('exits 2 for an unknown id, suggesting near ones, and without an id', async () => {
    const io = captureIo();
    expect(await main(['explain', 'CORE-HDR-99'], io, [explainCommand])).toBe(2);
    expect(io.errors()).toContain("unknown rule id 'CORE-HDR-99'; did you mean CORE-HDR-01");
    expect(await main(['explain'], captureIo(), [explainCommand])).toBe(2);
    expect(await main(['explain', 'CORE-HDR-01', 'CORE-HDR-02'], captureIo(), [explainCommand])).toBe(2);
  });
});
