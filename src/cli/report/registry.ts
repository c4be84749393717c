import { jsonReporter } from './json.js';
import { junitReporter } from './junit.js';
import type { Reporter } from './reporter.js';
import { textReporter } from './text.js';

/** Every output format of `validate --format`; text is the default. */
export const REPORTERS = { text: textReporter, json: jsonReporter, junit: junitReporter } as const satisfies Record<string, Reporter>;

export type ReportFormat = keyof typeof REPORTERS;

export function isReportFormat(name: string): name is ReportFormat {
  return Object.prototype.hasOwnProperty.call(REPORTERS, name);
}
