/**
 * `bars-validate explain <rule-id>`: one BaRS rule in full: what must hold, severity, status and
 * code on failure, its receiver stage, IG source, how it is checked and the fixtures that show it.
 */
import { join } from 'node:path';
import { BARS_RULES, findRule } from '../../bars/rules/registry.js';
import { VERDICT_STAGES } from '../../bars/rules/types.js';
import { projectRoot } from '../../defs/project-paths.js';
import type { CliCommand } from '../command.js';
import { UsageError } from '../command.js';
import { checkedByText, fixturesNaming, outcomeText } from '../rule-text.js';

const USAGE = `Usage: bars-validate explain <rule-id>

Explains one BaRS rule of the catalogue (ids as \`bars-validate rules\` lists them; any case):
what must hold, its severity, the HTTP status and BaRS error code a receiver answers when it
fails, the receiver stage that decides the status, the IG source, how this validator checks it
and the fixtures whose golden verdicts name it.`;

/** Ids sharing the longest prefix with what was typed, for "did you mean". */
function nearIds(typed: string): string[] {
  for (let length = typed.length; length >= 4; length--) {
    const prefix = typed.slice(0, length);
    const near = BARS_RULES.filter((r) => r.id.startsWith(prefix)).map((r) => r.id);
    if (near.length > 0) return near.slice(0, 8);
  }
  return [];
}

export const explainCommand: CliCommand = {
  name: 'explain',
  summary: 'explain one BaRS rule: what must hold, severity, status/code, source, how it is checked',
  usage: USAGE,
  async run(args, io) {
    if (args.length !== 1 || args[0].startsWith('-')) throw new UsageError(args.length === 0 ? 'a rule id is required' : args[0].startsWith('-') ? `unknown option '${args[0]}'` : 'give exactly one rule id');
    const typed = args[0].trim().toUpperCase();
    const rule = findRule(typed);
    if (!rule) {
      const near = nearIds(typed);
      throw new UsageError(`unknown rule id '${args[0]}'${near.length > 0 ? `; did you mean ${near.join(', ')}?` : ' (`bars-validate rules` lists them)'}`);
    }
    const stageNumber = VERDICT_STAGES.indexOf(rule.stage) + 1;
    const lines = [
      `${rule.id}: ${rule.title}`,
      '',
      `  severity     ${rule.severity}`,
      `  on failure   ${outcomeText(rule.onFailure)}`,
      ...(rule.otherOutcomes ?? []).map((o) => `  or           ${outcomeText(o)}`),
      `  stage        ${rule.stage} (${stageNumber} of ${VERDICT_STAGES.length}: the earliest failing stage decides a rejected message's status)`,
      `  source       ${rule.source}`,
      `  checked      ${checkedByText(rule)}`,
    ];
    const fixtures = fixturesNaming(rule.id, join(projectRoot(), 'fixtures'));
    const breaking = fixtures.filter((f) => f.kind === 'invalid').map((f) => `${f.name}${f.as === 'warning' ? ' (warning)' : ''}`);
    const showing = fixtures.filter((f) => f.kind === 'valid').map((f) => `${f.name}${f.as === 'warning' ? ' (warning)' : ''}`);
    if (breaking.length > 0) lines.push(`  broken by    ${breaking.join(', ')}`);
    if (showing.length > 0) lines.push(`  also named   ${showing.join(', ')}`);
    if (fixtures.length === 0) lines.push('  fixtures     none names it');
    io.stdout(`${lines.join('\n')}\n`);
    return 0;
  },
};
