/**
 * The rule catalogue: docs/rules.md must be what `npm run docs:rules` writes now, and every rule
 * checked in TypeScript must have a fixture that breaks it and valid fixtures that satisfy it
 * (the idempotency rules need a sequence of requests: test/bars/receiver.test.ts exercises them).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BARS_RULES } from '../../../src/bars/rules/registry.js';
import { readFixtureRuleIds, renderRulesDoc, RULES_DOC_PATH } from '../../../scripts/gen-rules-doc.js';

/** Rules exercised by request sequences in receiver.test.ts rather than by one fixture. */
const SEQUENCE_RULES = new Set(['CORE-TI-01', 'CORE-TI-02', 'CORE-TI-03', 'CORE-TI-04', 'CORE-TI-05']);

describe('rule catalogue', () => {
  const fixtures = readFixtureRuleIds();

  it('docs/rules.md is up to date (run npm run docs:rules)', () => {
    expect(readFileSync(RULES_DOC_PATH, 'utf8')).toBe(renderRulesDoc(fixtures));
  });

  it('has a breaking fixture and a satisfying valid fixture for every rule checked in TypeScript', () => {
    const missing: string[] = [];
    for (const rule of BARS_RULES.filter((r) => r.kind === 'implemented-ts' && !SEQUENCE_RULES.has(r.id))) {
      const breaks = [...fixtures].some(([name, ids]) => name.includes('/invalid/') && ids.includes(rule.id));
      const application = rule.id.startsWith('APP-111ED') ? '111-ed/' : rule.id.startsWith('APP-999CAS') ? '999-cas/' : '';
      const holds = [...fixtures].some(([name, ids]) => name.startsWith(application) && name.includes('/valid/') && !ids.includes(rule.id));
      if (!breaks || !holds) missing.push(`${rule.id}${breaks ? '' : ' (nothing breaks it)'}${holds ? '' : ' (nothing satisfies it)'}`);
    }
    expect(missing).toEqual([]);
  });

  it('lists no rule outside the registry in any golden', () => {
    const known = new Set(BARS_RULES.map((r) => r.id));
    for (const [name, ids] of fixtures) for (const id of ids) expect(known.has(id), `${name}: ${id}`).toBe(true);
  });
});
