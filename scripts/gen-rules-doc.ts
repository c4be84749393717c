/**
 * Writes docs/rules.md, the BaRS rule catalogue, from the rule registry and the fixture goldens.
 * Run: npm run docs:rules. test/bars/rules/rules-doc.test.ts fails when the committed file is stale.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BARS_RULES } from '../src/bars/rules/registry.js';
import type { RuleDefinition } from '../src/bars/rules/types.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const RULES_DOC_PATH = join(repoRoot, 'docs', 'rules.md');

/** Fixture name (`111-ed/invalid/x`) → rule ids its golden lists as errors or warnings. */
export function readFixtureRuleIds(root = join(repoRoot, 'fixtures')): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const application of ['111-ed', '999-cas']) {
    for (const kind of ['valid', 'invalid']) {
      const dir = join(root, application, kind);
      if (!existsSync(dir)) continue;
      for (const file of readdirSync(dir).sort()) {
        if (!file.endsWith('.verdict.json')) continue;
        const golden = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { errors?: string[]; warnings?: string[] };
        result.set(`${application}/${kind}/${file.slice(0, -'.verdict.json'.length)}`, [...(golden.errors ?? []), ...(golden.warnings ?? [])]);
      }
    }
  }
  return result;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

function onFailure(rule: RuleDefinition): string {
  const outcomes = [rule.onFailure, ...(rule.otherOutcomes ?? [])];
  return outcomes.map((o) => (o.barsCode ? `${o.status} ${o.barsCode} ${o.issueCode}` : `accepted (${o.status}), ${o.issueCode}`)).join('; ');
}

function checkedBy(rule: RuleDefinition): string {
  if (rule.kind === 'implemented-ts') return `TypeScript${rule.note ? ` (${rule.note})` : ''}`;
  if (rule.kind === 'fsh-invariant') return rule.note ?? 'FSH invariant';
  return `not checked: ${rule.reason}${rule.note ? ` (${rule.note})` : ''}`;
}

export function renderRulesDoc(fixtures: Map<string, string[]> = readFixtureRuleIds()): string {
  const count = (kind: RuleDefinition['kind']): number => BARS_RULES.filter((r) => r.kind === kind).length;
  const reasons = new Map<string, number>();
  for (const r of BARS_RULES) if (r.kind === 'not-checked') reasons.set(r.reason ?? '?', (reasons.get(r.reason ?? '?') ?? 0) + 1);
  const lines = [
    '# BaRS rule catalogue',
    '',
    'Generated from `src/bars/rules/registry.ts` and the fixture goldens by `npm run docs:rules`; do not edit by hand.',
    'Rule ids, severities and codes come from the project spec (`../shared/spec/core-rules.md`, `applications.md`);',
    'BaRS codes are in `https://fhir.nhs.uk/CodeSystem/http-error-codes`. Sources abbreviate IG paths as the spec does',
    '(`CORE/` = `guide/Core/1-5-0/`, `FS/` = its failure scenarios, `A1/`, `A4/` = the Application pages, `MD/`, `SD/`, `CS/`, `EX/`).',
    '',
    `**${BARS_RULES.length} rules**: ${count('implemented-ts')} checked in TypeScript (\`src/bars/\`), ${count('fsh-invariant')} by FSH invariants keyed by the rule id (\`fsh/\`, run by the profile engine), ${count('not-checked')} not checked here (${[...reasons].map(([r, n]) => `${r} ${n}`).join(', ')}).`,
    '',
    'Receiver stage order for the status of a rejected message: headers → transactional integrity → Bundle structure → versionId → MessageHeader → MessageDefinition → workflow variables → resource rules → state.',
    '',
  ];
  const groups = new Map<string, RuleDefinition[]>();
  for (const rule of BARS_RULES) {
    const group = rule.id.replace(/-\d+$/, '');
    groups.set(group, [...(groups.get(group) ?? []), rule]);
  }
  for (const [group, rules] of groups) {
    lines.push(`## ${group}`, '', '| Rule | What must hold | Severity | On failure | Stage | Checked by | IG source | Fixtures that break it |', '|---|---|---|---|---|---|---|---|');
    for (const rule of rules) {
      const breaking = [...fixtures].filter(([name, ids]) => name.includes('/invalid/') && ids.includes(rule.id)).map(([name]) => `\`${name}\``);
      lines.push(
        `| ${rule.id} | ${cell(rule.title)} | ${rule.severity} | ${cell(onFailure(rule))} | ${rule.stage} | ${cell(checkedBy(rule))} | ${cell(rule.source)} | ${breaking.join(', ') || '—'} |`,
      );
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(RULES_DOC_PATH, renderRulesDoc());
  console.log(`wrote ${RULES_DOC_PATH.slice(repoRoot.length + 1)}`);
}
