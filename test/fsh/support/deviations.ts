/**
 * Reads docs/fsh-deviations.md: the table of accepted constraint differences between the IG and
 * generated/, and the table of Application rules checked in TypeScript instead of FSH.
 */
import { readFileSync } from 'node:fs';

export interface ListedDeviation {
  resource: string;
  element: string;
  aspect: string;
  reason: string;
}

export interface TypeScriptRule {
  ruleId: string;
  reason: string;
}

/** Rows of the Markdown table that follows `heading`, as arrays of trimmed cells (header and rule lines dropped). */
export function tableAfter(markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.trim() === heading);
  if (start < 0) throw new Error(`heading not found: ${heading}`);
  const rows: string[][] = [];
  let inTable = false;
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('#')) break;
    if (!line.trim().startsWith('|')) {
      if (inTable) break;
      continue;
    }
    inTable = true;
    const cells = line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
    rows.push(cells);
  }
  // Drop the header row and the |---| rule.
  return rows.slice(2);
}

const unquote = (cell: string): string => cell.replace(/^`|`$/g, '').trim();

export function readDeviations(file: string): { deviations: ListedDeviation[]; typeScriptRules: TypeScriptRule[] } {
  const markdown = readFileSync(file, 'utf8');
  const deviations = tableAfter(markdown, '## Constraint differences from the IG').map((cells) => ({
    resource: unquote(cells[0]),
    element: cells[1] === '—' ? '' : unquote(cells[1]),
    aspect: cells[2],
    reason: cells[5] ?? '',
  }));
  const typeScriptRules = tableAfter(markdown, '## Application rules checked in TypeScript').map((cells) => ({
    ruleId: unquote(cells[0]),
    reason: cells[2] ?? '',
  }));
  return { deviations, typeScriptRules };
}

export function deviationKey(d: { resource: string; element: string; aspect: string }): string {
  return `${d.resource} ${d.element || '—'} ${d.aspect}`;
}
