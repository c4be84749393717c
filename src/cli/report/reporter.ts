/**
 * One output format of `bars-validate validate`: each lives in its own file in this folder and
 * is listed in registry.ts. A reporter may write as each file is done (text) or only at the
 * end (json, junit, whose documents must be whole).
 */
import type { Issue } from '../../model/issue.js';
import type { Paint } from '../terminal.js';

export interface FileResult {
  name: string;
  /** The issues to show (with --quiet, only those that count against the file). */
  issues: Issue[];
  /** Whether the file fails at the --fail-on level. */
  failed: boolean;
  /** Issues found per severity, shown or not (the summary counts these). */
  found: Record<Issue['severity'], number>;
  /** Set when the file could not be read at all (exit 2); it has no issues then. */
  unreadable?: string;
}

export interface RunSummary {
  files: number;
  valid: number;
  invalid: number;
  unreadable: number;
  bySeverity: Record<Issue['severity'], number>;
}

export interface ReporterContext {
  paint: Paint;
  quiet: boolean;
  /** Whether an issue counts against its file at the --fail-on level. */
  fails: (issue: Issue) => boolean;
}

export interface Reporter {
  /** Text to write when one file is done ('' to write nothing yet). */
  file(result: FileResult, context: ReporterContext): string;
  /** Text to write when all files are done. */
  end(results: FileResult[], summary: RunSummary, context: ReporterContext): string;
}

export function countBySeverity(issues: readonly Issue[]): FileResult['found'] {
  const found: FileResult['found'] = { fatal: 0, error: 0, warning: 0, information: 0 };
  for (const issue of issues) found[issue.severity]++;
  return found;
}

export function summarize(results: readonly FileResult[]): RunSummary {
  const bySeverity: RunSummary['bySeverity'] = { fatal: 0, error: 0, warning: 0, information: 0 };
  let valid = 0;
  let invalid = 0;
  let unreadable = 0;
  for (const result of results) {
    if (result.unreadable !== undefined) unreadable++;
    else if (result.failed) invalid++;
    else valid++;
    for (const severity of Object.keys(bySeverity) as Array<Issue['severity']>) bySeverity[severity] += result.found[severity];
  }
  return { files: results.length, valid, invalid, unreadable, bySeverity };
}
