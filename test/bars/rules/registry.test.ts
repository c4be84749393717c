/**
 * The rule registry against the spec files (../shared/spec) and the FSH invariants (fsh/):
 * same rule ids, severities, statuses and BaRS codes; every unchecked rule says why.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BARS_RULES, findRule } from '../../../src/bars/rules/registry.js';
import { VERDICT_STAGES } from '../../../src/bars/rules/types.js';
import { describeWithShared, repoRoot } from '../../support/shared.js';
import { readSpecRules, statusCodePairs } from '../support/spec-rules.js';

const SEVERITY_WORD: Record<string, RegExp> = {
  error: /\berror\b/,
  warning: /\bwarning\b/,
  information: /\binfo\b/,
  none: /^(n\/a|—)/,
};

describe('rule registry (no ../shared needed)', () => {
  it('has unique ids, known stages and a reason for every unchecked rule', () => {
    const ids = BARS_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of BARS_RULES) {
      expect(VERDICT_STAGES).toContain(rule.stage);
      expect(rule.title.length).toBeGreaterThan(10);
      if (rule.kind === 'not-checked') expect({ id: rule.id, reason: rule.reason, note: Boolean(rule.note) }).toEqual({ id: rule.id, reason: expect.any(String), note: true });
      if (rule.kind === 'fsh-invariant') expect(rule.note, rule.id).toMatch(/FSH invariant/);
      if (rule.severity === 'error') expect(rule.onFailure.barsCode, rule.id).toMatch(/^REC_/);
    }
    expect(findRule('CORE-HDR-01')?.onFailure).toEqual({ status: 400, barsCode: 'REC_BAD_REQUEST', issueCode: 'required' });
    expect(findRule('no-such-rule')).toBeUndefined();
  });

  it('marks exactly the rules with an FSH invariant as fsh-invariant', () => {
    const fshDir = resolve(repoRoot, 'fsh', 'input', 'fsh');
    const keys = readdirSync(fshDir)
      .filter((f) => f.endsWith('.fsh'))
      .flatMap((f) => [...readFileSync(join(fshDir, f), 'utf8').matchAll(/^Invariant:\s*((?:CORE|APP)-[A-Z0-9]+-\d+)(\.[\w-]+)?/gm)].map((m) => ({ id: m[1], key: m[0].split(/\s+/)[1] })));
    expect(keys.length).toBeGreaterThan(0);
    const withInvariant = new Set(keys.map((k) => k.id));
    for (const id of withInvariant) {
      const rule = findRule(id);
      expect(rule, `invariant ${id} names no registry rule`).toBeDefined();
      // APP-111ED-01 has an invariant for one part only (Appointment use case); its 422 part is TypeScript.
      if (rule?.kind !== 'fsh-invariant') expect({ id, note: rule?.note }).toEqual({ id: 'APP-111ED-01', note: expect.stringMatching(/FSH invariant APP-111ED-01\.appointment/) });
    }
    for (const rule of BARS_RULES.filter((r) => r.kind === 'fsh-invariant')) expect(withInvariant.has(rule.id), rule.id).toBe(true);
  });
});

describeWithShared('rule registry against ../shared/spec', () => {
  const spec = readSpecRules();
  const specById = new Map(spec.map((r) => [r.id, r]));

  it('holds every rule id of core-rules.md and applications.md, and no other', () => {
    expect(spec.length).toBeGreaterThanOrEqual(200);
    expect([...BARS_RULES.map((r) => r.id)].sort()).toEqual([...specById.keys()].sort());
  });

  it('gives each rule a severity the spec names for it', () => {
    for (const rule of BARS_RULES) {
      const text = specById.get(rule.id)!.severityText;
      expect(SEVERITY_WORD[rule.severity].test(text), `${rule.id}: ${rule.severity} vs "${text}"`).toBe(true);
    }
  });

  it('gives each rule the receiver statuses and BaRS codes the spec names', () => {
    for (const rule of BARS_RULES) {
      const text = specById.get(rule.id)!.onFailureText;
      const outcomes = [rule.onFailure, ...(rule.otherOutcomes ?? [])];
      const specPairs = statusCodePairs(text).filter((p) => p.barsCode.startsWith('REC_'));
      if (specPairs.length > 0) {
        const registryPairs = outcomes.filter((o) => o.barsCode).map((o) => `${o.status} ${o.barsCode}`);
        for (const pair of specPairs) expect(registryPairs, rule.id).toContain(`${pair.status} ${pair.barsCode}`);
        for (const outcome of outcomes) expect(text, `${rule.id} ${outcome.status}`).toContain(String(outcome.status));
      }
      const specStatuses = [...text.matchAll(/\b([1-5]\d\d)\b/g)].map((m) => Number(m[1]));
      const proxyOnly = /(PROXY|SEND)_/.test(text) && specPairs.length === 0;
      if (specStatuses.length > 0 && !proxyOnly && !/^\(/.test(text)) {
        for (const status of specStatuses) expect(outcomes.map((o) => o.status), `${rule.id} status ${status}`).toContain(status);
      }
      if (proxyOnly && rule.kind === 'implemented-ts') expect(rule.note, `${rule.id} translates a proxy code`).toMatch(/receiver mode/);
      if (/^—|^n\/a/.test(text) && rule.severity === 'warning') expect(rule.onFailure, rule.id).toEqual({ status: 200, issueCode: rule.onFailure.issueCode });
      const issueCodes = text.match(/\b(invalid|structure|required|value|invariant|processing|not-supported|duplicate|not-found|conflict|timeout|security)\b/g);
      if (issueCodes && rule.severity === 'error' && !proxyOnly) expect(issueCodes, rule.id).toContain(rule.onFailure.issueCode);
    }
  });
});
