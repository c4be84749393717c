/**
 * The IG examples (../shared/bars-ig/Examples) through the receiver, payload only (no headers:
 * header and duplicate rules skipped), with a fixed clock; and the spec's §6 defect rows for them.
 * Shared by test/bars/ig-examples.test.ts and write-ig-verdicts.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Receiver, ReceiverResponse } from '../../../src/bars/receiver.js';
import { repoRoot, sharedPath } from '../../support/shared.js';

export const IG_VERDICTS_PATH = resolve(repoRoot, 'fixtures', 'ig-examples', 'verdicts.json');
export const IG_CLOCK = new Date('2025-03-14T12:00:00Z');

export interface ExampleVerdict {
  status: number;
  barsCode?: string;
  errors: string[];
  warnings: string[];
}

export function listIgExamples(): string[] {
  return readdirSync(sharedPath('bars-ig', 'Examples')).filter((f) => /\.(xml|json)$/.test(f)).sort();
}

export function readIgExample(file: string): string {
  return readFileSync(join(sharedPath('bars-ig', 'Examples'), file), 'utf8');
}

export function verdictOf(result: ReceiverResponse): ExampleVerdict {
  const ids = (severities: string[]) => [...new Set(result.issues.filter((i) => severities.includes(i.severity)).map((i) => i.ruleId))].sort();
  return { status: result.status, ...(result.barsCode ? { barsCode: result.barsCode } : {}), errors: ids(['error', 'fatal']), warnings: ids(['warning']) };
}

export async function receiveExample(receiver: Receiver, file: string): Promise<ReceiverResponse> {
  return receiver.receive({ body: readIgExample(file) });
}

export interface SpecExampleRow {
  /** The file cell, possibly abbreviated with `…` and several files joined by ` / `. */
  fileCell: string;
  /** The whole row text. */
  row: string;
  /** The last cell (defects noticed / remarks), split on `; `. */
  defects: string[];
}

/** Rows of the example tables in conformance-resources.md §6. */
export function readSpecExampleRows(): SpecExampleRow[] {
  const text = readFileSync(sharedPath('spec', 'conformance-resources.md'), 'utf8');
  const section = text.slice(text.indexOf('## 6. Examples'));
  const rows: SpecExampleRow[] = [];
  for (const line of section.split('\n')) {
    if (!line.startsWith('| ') || line.startsWith('| File') || line.startsWith('|---')) continue;
    const cells = line.split(' | ').map((c) => c.replace(/^\|\s*|\s*\|$/g, '').trim());
    const last = cells[cells.length - 1];
    rows.push({ fileCell: cells[0], row: line, defects: last === 'none' || last === '—' || last === 'none noted' || last === 'none — the reference instance for APP-UEC-06' ? [] : last.split('; ') });
  }
  return rows;
}

/** Whether a spec file cell names this file (`…` elides part of the name; ` / ` joins several). */
export function rowNames(fileCell: string, file: string): boolean {
  return fileCell.split(' / ').some((one) => one.split('…').map((p) => p.trim()).filter(Boolean).every((part) => file.includes(part)) && file.startsWith(one.split('…')[0].trim()));
}
