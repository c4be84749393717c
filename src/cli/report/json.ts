/**
 * JSON output: one file gives exactly one OperationOutcome; several give an array of
 * `{ "file": name, "outcome": OperationOutcome }` in input order. A file that could not be read
 * has no outcome: it is named on standard error and the exit code is 2.
 */
import { toOperationOutcome } from '../../outcome/operation-outcome.js';
import type { Reporter } from './reporter.js';

export const jsonReporter: Reporter = {
  file: () => '',
  end(results) {
    const read = results.filter((r) => r.unreadable === undefined);
    const outcomes = read.map((r) => ({ file: r.name, outcome: toOperationOutcome(r.issues) }));
    if (outcomes.length === 0) return '';
    return `${JSON.stringify(results.length === 1 ? outcomes[0].outcome : outcomes, null, 2)}\n`;
  },
};
