/**
 * Text output, grouped by file: a line naming the file and its verdict, then one line per issue
 * `severity  file:line:col  location  rule-id  message` (file:line:col is what editors and CI
 * logs turn into links), and a summary line at the end.
 */
import type { Issue } from '../../model/issue.js';
import type { FileResult, Reporter, RunSummary } from './reporter.js';

const LABEL: Record<Issue['severity'], string> = { fatal: 'fatal', error: 'error', warning: 'warning', information: 'info' };
const LABEL_WIDTH = 7;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function issueLine(file: string, issue: Issue): string {
  const where = issue.position ? `${file}:${issue.position.line}:${issue.position.column}` : file;
  return `${LABEL[issue.severity].padEnd(LABEL_WIDTH)}  ${where}  ${issue.location ?? '-'}  ${issue.ruleId}  ${issue.message}`;
}

function counts(issues: readonly Issue[]): string {
  const n = (severity: Issue['severity']) => issues.filter((i) => i.severity === severity).length;
  const errors = n('fatal') + n('error');
  const parts = [errors > 0 ? plural(errors, 'error') : '', n('warning') > 0 ? plural(n('warning'), 'warning') : '', n('information') > 0 ? `${n('information')} information` : ''];
  return parts.filter(Boolean).join(', ');
}

export function summaryLine(summary: RunSummary): string {
  const { files, valid, invalid, unreadable, bySeverity } = summary;
  const verdicts = [`${valid} valid`, `${invalid} invalid`, ...(unreadable > 0 ? [`${unreadable} unreadable`] : [])].join(', ');
  const errors = bySeverity.fatal + bySeverity.error;
  return `${plural(files, 'file')}: ${verdicts}; ${plural(errors, 'error')}, ${plural(bySeverity.warning, 'warning')}, ${bySeverity.information} information`;
}

export const textReporter: Reporter = {
  file(result, { paint, quiet }) {
    if (result.unreadable !== undefined) return `${result.name}  ${paint('error', 'unreadable')}: ${result.unreadable}\n`;
    if (quiet && result.issues.length === 0) return '';
    const tally = counts(result.issues);
    const verdict = result.failed ? paint('error', 'invalid') : paint('valid', 'valid');
    const lines = [`${result.name}  ${verdict}${tally ? ` (${tally})` : ''}`];
    for (const issue of result.issues) {
      const line = issueLine(result.name, issue);
      lines.push(`  ${paint(issue.severity, line.slice(0, LABEL_WIDTH))}${line.slice(LABEL_WIDTH)}`);
    }
    return `${lines.join('\n')}\n`;
  },
  end(_results, summary) {
    return `${summaryLine(summary)}\n`;
  },
};
