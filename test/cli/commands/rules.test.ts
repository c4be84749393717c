import { expect, it, describe } from 'vitest';
import { rulesCommand } from '../../../src/cli/commands/rules.js';
import { main } from '../../../src/cli/main.js';
import { BARS_RULES } from '../../../src/bars/rules/registry.js';
import { captureIo } from '../../support/capture-io.js';

describe('bars-validate rules', () => {
  it('lists every rule of the registry, one line each, and a count', async () => {
    const io = captureIo();
    expect(await main(['rules'], io, [rulesCommand])).toBe(0);
    const lines = io.text().trimEnd().split('\n');
    expect(lines).toHaveLength(BARS_RULES.length + 1);
    expect(lines[0]).toMatch(/^CORE-HDR-01 +error +400 REC_BAD_REQUEST +ts +X-Request-ID header present/);
    const implemented = BARS_RULES.filter((r) => r.kind === 'implemented-ts').length;
    expect(lines.at(-1)).toBe(`${BARS_RULES.length} rules: ${implemented} checked in TypeScript, ${BARS_RULES.filter((r) => r.kind === 'fsh-invariant').length} by FSH invariants, ${BARS_RULES.filter((r) => r.kind === 'not-checked').length} not checked here`);
  });

  it('filters by id prefix (any case) and kind; json gives the registry entries', async () => {
    const io = captureIo();
    expect(await main(['rules', 'core-ti', '--kind', 'not-checked', '--format', 'json'], io, [rulesCommand])).toBe(0);
    const rules = JSON.parse(io.text()) as Array<{ id: string; kind: string; reason?: string }>;
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.every((r) => r.id.startsWith('CORE-TI-') && r.kind === 'not-checked' && r.reason)).toBe(true);
    expect(rules).toEqual(BARS_RULES.filter((r) => r.id.startsWith('CORE-TI-') && r.kind === 'not-checked'));
  });

  it('reads a prefix that is a whole part of ids as naming only those (CORE-TI, not CORE-TIME), and a partial part as a plain prefix', async () => {
    const ids = async (prefix: string) => {
      const io = captureIo();
      expect(await main(['rules', prefix, '--format', 'json'], io, [rulesCommand])).toBe(0);
      return (JSON.parse(io.text()) as Array<{ id: string }>).map((r) => r.id);
    };
    const ti = await ids('CORE-TI');
    expect(ti.length).toBeGreaterThan(0);
    expect(ti.every((id) => id.startsWith('CORE-TI-'))).toBe(true);
    expect((await ids('CORE-TIME')).every((id) => id.startsWith('CORE-TIME-'))).toBe(true);
    expect(await ids('CORE-TIM')).toEqual(await ids('CORE-TIME'));
    expect(await ids('CORE-HD')).toEqual(BARS_RULES.filter((r) => r.id.startsWith('CORE-HDR-')).map((r) => r.id));
  });

  it('counts one rule in the singular', async () => {
    const io = captureIo();
    expect(await main(['rules', 'CORE-HDR-01'], io, [rulesCommand])).toBe(0);
    expect(io.text().trimEnd().split('\n').at(-1)).toBe('1 rule: 1 checked in TypeScript, 0 by FSH invariants, 0 not checked here');
  });

  it('exits 1 when nothing matches and 2 on a bad option', async () => {
    expect(await main(['rules', 'NOPE'], captureIo(), [rulesCommand])).toBe(1);
    expect(await main(['rules', '--kind', 'java'], captureIo(), [rulesCommand])).toBe(2);
    expect(await main(['rules', '--verbose'], captureIo(), [rulesCommand])).toBe(2);
  });
});
