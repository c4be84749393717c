/**
 * `bars-validate rules [prefix] [--kind ts|fsh|not-checked] [--format text|json]`: the BaRS rule
 * catalogue from the rule registry, one line per rule (id, severity, status and code on failure,
 * who checks it, what must hold).
 */
import { parseArgs } from 'node:util';
import { BARS_RULES } from '../../bars/rules/registry.js';
import type { RuleDefinition } from '../../bars/rules/types.js';
import type { CliCommand } from '../command.js';
import { UsageError } from '../command.js';
import { KIND_LABEL } from '../rule-text.js';

const USAGE = `Usage: bars-validate rules [<id-prefix>] [--kind ts|fsh|not-checked] [--format text|json]

Lists the BaRS rule catalogue (src/bars/rules/registry.ts): one line per rule with its id,
severity, HTTP status and BaRS error code on failure, who checks it, and what must hold.
  <id-prefix>          only rules whose id starts with it, e.g. CORE-HDR or APP-111ED (any case); a
                       prefix that is a whole part of some ids names only those (CORE-TI, not CORE-TIME)
  --kind KIND          ts: checked in TypeScript; fsh: an FSH invariant; not-checked: listed with a reason
  --format text|json   json: the registry entries as a JSON array
Run \`bars-validate explain <rule-id>\` for one rule in full.`;

const KINDS = Object.fromEntries(Object.entries(KIND_LABEL).map(([kind, label]) => [label, kind])) as Record<string, RuleDefinition['kind']>;

function failureText(rule: RuleDefinition): string {
  const { status, barsCode } = rule.onFailure;
  return barsCode ? `${status} ${barsCode}` : `${status} (accepted)`;
}

/**
 * The rules an id prefix names. A prefix that ends on a whole part of some ids (`CORE-TI`)
 * names those ids only, not the ones where that part merely begins the same (`CORE-TIME-*`);
 * otherwise it is a plain prefix (`CORE-H` → `CORE-HDR-*`).
 */
function rulesMatching(prefix: string): readonly RuleDefinition[] {
  const started = BARS_RULES.filter((r) => r.id.startsWith(prefix));
  const whole = started.filter((r) => r.id.length === prefix.length || /[-.]/.test(r.id.charAt(prefix.length)) || prefix.endsWith('-'));
  return whole.length > 0 ? whole : started;
}

export const rulesCommand: CliCommand = {
  name: 'rules',
  summary: 'list the BaRS rule catalogue (id, severity, status/code, what must hold)',
  usage: USAGE,
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({ args, strict: true, allowPositionals: true, options: { kind: { type: 'string' }, format: { type: 'string' } } });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const { values, positionals } = parsed;
    if (positionals.length > 1) throw new UsageError('give at most one id prefix');
    const kind = values.kind === undefined ? undefined : KINDS[values.kind];
    if (values.kind !== undefined && kind === undefined) throw new UsageError(`--kind needs one of ${Object.keys(KINDS).join(', ')} (not '${values.kind}')`);
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format needs text or json (not '${format}')`);
    const prefix = positionals[0]?.toUpperCase();
    const byId = prefix === undefined ? BARS_RULES : rulesMatching(prefix);
    const rules = byId.filter((r) => kind === undefined || r.kind === kind);
    if (format === 'json') {
      io.stdout(`${JSON.stringify(rules, null, 2)}\n`);
      return 0;
    }
    if (rules.length === 0) {
      io.stderr(`bars-validate rules: no rule id starts with '${positionals[0]}'\n`);
      return 1;
    }
    const idWidth = Math.max(...rules.map((r) => r.id.length));
    const failureWidth = Math.max(...rules.map((r) => failureText(r).length));
    for (const rule of rules) {
      io.stdout(`${rule.id.padEnd(idWidth)}  ${rule.severity.padEnd(11)}  ${failureText(rule).padEnd(failureWidth)}  ${KIND_LABEL[rule.kind].padEnd(11)}  ${rule.title}\n`);
    }
    const count = (k: RuleDefinition['kind']) => rules.filter((r) => r.kind === k).length;
    io.stdout(`${rules.length} rule${rules.length === 1 ? '' : 's'}: ${count('implemented-ts')} checked in TypeScript, ${count('fsh-invariant')} by FSH invariants, ${count('not-checked')} not checked here\n`);
    return 0;
  },
};
