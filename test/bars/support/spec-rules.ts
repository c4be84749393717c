/**
 * Reads the rule tables of ../shared/spec/{core-rules,applications}.md so tests can hold
 * the code's rule registry against the spec. Used only by tests and dev scripts.
 */
import { readFileSync } from 'node:fs';
import { sharedPath } from '../../support/shared.js';

export interface SpecRule {
  id: string;
  file: string;
  /** The check / meaning column text. */
  text: string;
  /** Severity column text, e.g. `error (display: warning)`; workflow rows have none. */
  severityText: string;
  /** On-failure column text, e.g. `400 · REC_BAD_REQUEST · required / value`. */
  onFailureText: string;
  sourceText: string;
}

export const SPEC_FILES = ['core-rules.md', 'applications.md'] as const;

const RULE_ROW = /^\|\s*((?:CORE|APP)-[A-Z0-9]+-\d+)\s*\|/;

/** Splits a markdown table row on unescaped pipes. */
function cells(row: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < row.length; i++) {
    const ch = row[i];
    if (ch === '\\' && row[i + 1] === '|') {
      current += '|';
      i++;
    } else if (ch === '|') {
      parts.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current.trim());
  return parts.slice(1, -1);
}

export function readSpecRules(): SpecRule[] {
  const rules: SpecRule[] = [];
  for (const file of SPEC_FILES) {
    const text = readFileSync(sharedPath('spec', file), 'utf8');
    for (const line of text.split('\n')) {
      const match = RULE_ROW.exec(line);
      if (!match) continue;
      const c = cells(line);
      const id = match[1];
      if (id.startsWith('CORE-WF-')) {
        // Workflow rows: id | event | reason | statuses | others | meaning; failure code is table-wide.
        const rowText = c.slice(1).join(' | ');
        const extra = statusCodePairs(rowText).map((p) => `; ${p.status} · ${p.barsCode}`).join('');
        rules.push({ id, file, text: rowText, severityText: 'error', onFailureText: `400 · REC_BAD_REQUEST · invariant${extra}`, sourceText: 'FS/Bundle-Processing.page.md' });
      } else if (id.startsWith('CORE-OO-')) {
        rules.push({ id, file, text: c[1], severityText: 'n/a', onFailureText: '—', sourceText: c[2] ?? '' });
      } else {
        rules.push({ id, file, text: c[1], severityText: c[2], onFailureText: c[3], sourceText: c[4] ?? '' });
      }
    }
  }
  return rules;
}

/** Every `<status> · <CODE>` pair named in an on-failure cell. */
export function statusCodePairs(onFailureText: string): Array<{ status: number; barsCode: string }> {
  const pairs: Array<{ status: number; barsCode: string }> = [];
  for (const m of onFailureText.matchAll(/(\d{3})\s*·\s*([A-Z_]+)/g)) pairs.push({ status: Number(m[1]), barsCode: m[2] });
  return pairs;
}
