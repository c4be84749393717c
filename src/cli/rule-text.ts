/**
 * How the CLI words a BaRS rule of the registry (src/bars/rules/registry.ts): its outcomes,
 * who checks it, and the fixtures whose goldens name it (read from fixtures/ when present).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FailureOutcome, RuleDefinition } from '../bars/rules/types.js';

export function outcomeText(outcome: FailureOutcome): string {
  return outcome.barsCode ? `${outcome.status} ${outcome.barsCode} (issue code ${outcome.issueCode})` : `accepted (${outcome.status}), issue code ${outcome.issueCode}`;
}

const REASONS: Record<NonNullable<RuleDefinition['reason']>, string> = {
  stateful: 'needs earlier messages or receiver data beyond the duplicate-request store',
  'sender-side': 'only meaningful for the sender (or the proxy)',
  config: 'needs receiver configuration this validator does not take yet',
  runtime: 'a property of the running service, not of a message',
  output: 'an obligation on what the receiver returns, met by the outcome builder',
  engine: 'done by the profile engine (FHIR validation of the profiles)',
  covered: 'an aggregate of other rules, each checked under its own id',
  advisory: 'states no checkable condition',
};

export function checkedByText(rule: RuleDefinition): string {
  if (rule.kind === 'implemented-ts') {
    const when = rule.stage === 'headers' ? '; needs the HTTP headers (--receiver with --header)' : rule.stage === 'transactional-integrity' ? '; needs X-Request-ID (--receiver with --header)' : '';
    return `in TypeScript by the BaRS message layer (src/bars/checks), at the ${rule.stage} stage${when}`;
  }
  if (rule.kind === 'fsh-invariant') return `by an FSH invariant of the BaRS profiles (fsh/, run by the profile engine)${rule.note ? `: ${rule.note}` : ''}`;
  const reason = rule.reason ? `${rule.reason}: ${REASONS[rule.reason]}` : 'no reason recorded';
  return `not checked (${reason})${rule.note ? `; ${rule.note}` : ''}`;
}

export const KIND_LABEL: Record<RuleDefinition['kind'], string> = { 'implemented-ts': 'ts', 'fsh-invariant': 'fsh', 'not-checked': 'not-checked' };

export interface FixtureUse {
  /** e.g. `111-ed/invalid/header-request-id-missing` */
  name: string;
  kind: 'valid' | 'invalid';
  as: 'error' | 'warning';
}

/** Fixtures whose golden verdict names the rule, from `<root>/fixtures/<application>/<valid|invalid>/*.verdict.json`. */
export function fixturesNaming(ruleId: string, fixturesDir: string): FixtureUse[] {
  const uses: FixtureUse[] = [];
  if (!existsSync(fixturesDir)) return uses;
  for (const application of readdirSync(fixturesDir).sort()) {
    for (const kind of ['valid', 'invalid'] as const) {
      const dir = join(fixturesDir, application, kind);
      if (!existsSync(dir)) continue;
      for (const file of readdirSync(dir).sort()) {
        if (!file.endsWith('.verdict.json')) continue;
        let golden: { errors?: string[]; warnings?: string[] };
        try {
          golden = JSON.parse(readFileSync(join(dir, file), 'utf8')) as typeof golden;
        } catch {
          continue;
        }
        const name = `${application}/${kind}/${file.slice(0, -'.verdict.json'.length)}`;
        if (golden.errors?.includes(ruleId)) uses.push({ name, kind, as: 'error' });
        else if (golden.warnings?.includes(ruleId)) uses.push({ name, kind, as: 'warning' });
      }
    }
  }
  return uses;
}
