/**
 * The rule catalogue: docs/rules.md must be what `npm run docs:rules` writes now, and every rule
 * checked in TypeScript or by an FSH invariant must have a fixture that breaks it and valid
 * fixtures that satisfy it (the idempotency rules need a sequence of requests:
 * test/bars/receiver.test.ts exercises them). The goldens are judged by the full receiver in
 * test/bars/fixtures.test.ts, so an FSH-invariant id in a golden is one the engine reported.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BARS_RULES } from '../../../src/bars/rules/registry.js';
import { readFixtureRuleIds, renderRulesDoc, RULES_DOC_PATH } from '../../../scripts/gen-rules-doc.js';

/** Rules exercised by request sequences in receiver.test.ts rather than by one fixture. */
const SEQUENCE_RULES = new Set(['CORE-TI-01', 'CORE-TI-02', 'CORE-TI-03', 'CORE-TI-04', 'CORE-TI-05']);
/** BaRS rule ids; other ids in a golden are the profile engine's own (cardinality-min, bdl-1, ...). */
const BARS_ID = /^(CORE|APP)-/;

describe('rule catalogue', () => {
  const fixtures = readFixtureRuleIds();

  it('docs/rules.md is up to date (run npm run docs:rules)', () => {
    expect(readFileSync(RULES_DOC_PATH, 'utf8')).toBe(renderRulesDoc(fixtures));
  });

  for (const kind of ['implemented-ts', 'fsh-invariant'] as const) {
    it(`has a breaking fixture and a satisfying valid fixture for every rule checked ${kind === 'implemented-ts' ? 'in TypeScript' : 'by an FSH invariant'}`, () => {
      const missing: string[] = [];
      for (const rule of BARS_RULES.filter((r) => r.kind === kind && !SEQUENCE_RULES.has(r.id))) {
        const breaks = [...fixtures].some(([name, ids]) => name.includes('/invalid/') && ids.includes(rule.id));
        const application = rule.id.startsWith('APP-111ED') ? '111-ed/' : rule.id.startsWith('APP-999CAS') ? '999-cas/' : '';
        const holds = [...fixtures].some(([name, ids]) => name.startsWith(application) && name.includes('/valid/') && !ids.includes(rule.id));
        if (!breaks || !holds) missing.push(`${rule.id}${breaks ? '' : ' (nothing breaks it)'}${holds ? '' : ' (nothing satisfies it)'}`);
      }
      expect(missing).toEqual([]);
    });
  }

  it('lists no BaRS rule outside the registry in any golden', () => {
    const known = new Set(BARS_RULES.map((r) => r.id));
    for (const [name, ids] of fixtures) for (const id of ids.filter((i) => BARS_ID.test(i))) expect(known.has(id), `${name}: ${id}`).toBe(true);
  });

  it('lists only engine rule ids in the engine form (lower-case, no BaRS prefix)', () => {
    for (const [name, ids] of fixtures) for (const id of ids.filter((i) => !BARS_ID.test(i))) expect(id, name).toMatch(/^[a-z][a-z0-9-]*$/);
  });
});
