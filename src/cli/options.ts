/**
 * The options of `bars-validate validate`, read with node:util parseArgs (strict: an unknown
 * option is a usage error) and checked for values and combinations.
 */
import { parseArgs } from 'node:util';
import type { ApplicationId } from '../bars/message.js';
import { UsageError } from './command.js';
import { isReportFormat, REPORTERS, type ReportFormat } from './report/registry.js';

export const APPLICATIONS: readonly ApplicationId[] = ['111-ed', '999-cas'];
export const FAIL_ON_LEVELS = ['error', 'warning'] as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number];

export interface ValidateCliOptions {
  inputs: string[];
  profiles: string[];
  igs: string[];
  application?: ApplicationId;
  receiver: boolean;
  /** Header name → values in the order given (repeats are joined as HTTP does). */
  headers?: Record<string, string[]>;
  format: ReportFormat;
  failOn: FailOn;
  quiet: boolean;
}

/** `Name: value` → [name, value]; the name must be an HTTP token. */
export function parseHeader(text: string): [string, string] {
  const colon = text.indexOf(':');
  const name = colon < 0 ? '' : text.slice(0, colon).trim();
  if (colon < 0 || !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) {
    throw new UsageError(`--header needs 'Name: value' (not '${text}')`);
  }
  return [name, text.slice(colon + 1).trim()];
}

export function parseValidateArgs(args: string[]): ValidateCliOptions {
  let parsed: ReturnType<typeof read>;
  try {
    parsed = read(args);
  } catch (error) {
    // parseArgs' own messages name the option and what was wrong with it.
    throw new UsageError(error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '') : String(error));
  }
  const { values, positionals } = parsed;
  const format = values.format ?? 'text';
  if (!isReportFormat(format)) throw new UsageError(`--format needs one of ${Object.keys(REPORTERS).join(', ')} (not '${format}')`);
  const failOn = values['fail-on'] ?? 'error';
  if (!(FAIL_ON_LEVELS as readonly string[]).includes(failOn)) throw new UsageError(`--fail-on needs error or warning (not '${failOn}')`);
  const app = values.app;
  if (app !== undefined && !(APPLICATIONS as readonly string[]).includes(app)) throw new UsageError(`--app needs one of ${APPLICATIONS.join(', ')} (not '${app}')`);
  const receiver = values.receiver ?? false;
  if (values.header && !receiver) throw new UsageError('--header is for --receiver mode (validate checks the payload only)');
  if (receiver && values.format !== undefined && format !== 'json') throw new UsageError('--receiver prints JSON; --format text or junit does not apply');
  if (receiver && values.profile) throw new UsageError('--receiver applies the profiles the message names; --profile does not apply');
  if (positionals.length === 0) throw new UsageError('at least one file, folder, glob or - (standard input) is required');
  let headers: Record<string, string[]> | undefined;
  if (values.header) {
    headers = {};
    for (const text of values.header) {
      const [name, value] = parseHeader(text);
      (headers[name] ??= []).push(value);
    }
  }
  return {
    inputs: positionals,
    profiles: values.profile ?? [],
    igs: values.ig ?? [],
    application: app as ApplicationId | undefined,
    receiver,
    headers,
    format,
    failOn: failOn as FailOn,
    quiet: values.quiet ?? false,
  };
}

function read(args: string[]) {
  return parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      profile: { type: 'string', multiple: true },
      ig: { type: 'string', multiple: true },
      app: { type: 'string' },
      receiver: { type: 'boolean' },
      header: { type: 'string', multiple: true, short: 'H' },
      format: { type: 'string', short: 'f' },
      'fail-on': { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
    },
  });
}
