/**
 * `bars-validate [validate] [--ig <path>]... [--profile <canonical>] [--format json|text] <file|->...`
 * Validates FHIR resources (JSON or XML) against their base type, meta.profile and any named
 * profile. `--format json` with one file prints exactly one OperationOutcome (several files:
 * a JSON array of `{file, outcome}`). Exit 0 when no error or fatal issue, 1 when there is
 * one (unreadable content is fatal), 2 for a usage error or a file that cannot be read.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createValidator, hasErrors, type Issue } from '../../api/index.js';
import { toOperationOutcome } from '../../outcome/operation-outcome.js';
import { decodeUtf8 } from '../../formats/utf8.js';
import type { CliCommand, CliIo } from '../command.js';
import { UsageError } from '../command.js';

const USAGE = `Usage: bars-validate [validate] [--ig <path>]... [--profile <canonical>] [--format json|text] <file|->...

Validates FHIR R4 resources or Bundles (JSON or XML) and reports the issues found.
  --ig <path>            extra conformance resources: a folder, a file or a package .tgz (repeatable)
  --profile <canonical>  also validate against this profile (repeatable)
  --format json|text     json: an OperationOutcome; text (default): file:line:col  severity  location  ruleId  message
  <file|->               files to validate; - reads standard input
Exit status: 0 valid (warnings allowed), 1 errors found, 2 usage error or unreadable file.`;

interface ValidateArgs {
  files: string[];
  igs: string[];
  profiles: string[];
  format: 'json' | 'text';
}

function parseArgs(args: string[]): ValidateArgs {
  const parsed: ValidateArgs = { files: [], igs: [], profiles: [], format: 'text' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--ig') parsed.igs.push(value());
    else if (flag === '--profile') parsed.profiles.push(value());
    else if (flag === '--format') {
      const v = value();
      if (v !== 'json' && v !== 'text') throw new UsageError(`--format needs json or text (not '${v}')`);
      parsed.format = v;
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
    else parsed.files.push(arg);
  }
  if (parsed.files.length === 0) throw new UsageError('at least one file (or - for standard input) is required');
  return parsed;
}

type ReadResult = { ok: true; text: string } | { ok: true; fatal: Issue } | { ok: false; message: string };

async function readText(file: string, io: CliIo): Promise<ReadResult> {
  if (file === '-') return { ok: true, text: await io.readStdin() };
  try {
    const decoded = decodeUtf8(readFileSync(resolve(io.cwd, file)));
    if (decoded.ok) return { ok: true, text: decoded.text };
    // Bad UTF-8 is content to report (fatal), not an unreadable file.
    const { line, column, message } = decoded.error;
    return { ok: true, fatal: { severity: 'fatal', code: 'structure', ruleId: 'utf8-invalid', message: `The file is not valid UTF-8: ${message}`, position: { line, column } } };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return { ok: false, message: `cannot read ${file}: ${reason}` };
  }
}

/** One line per issue: `file:line:col  severity  location  ruleId  message`. */
export function formatIssueLine(file: string, issue: Issue): string {
  const where = issue.position ? `${file}:${issue.position.line}:${issue.position.column}` : `${file}:-:-`;
  return `${where}  ${issue.severity}  ${issue.location ?? '-'}  ${issue.ruleId}  ${issue.message}`;
}

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'validate FHIR resources or BaRS message Bundles (the default command)',
  usage: USAGE,
  async run(args, io) {
    const options = parseArgs(args);
    const texts: Array<{ file: string; text?: string; fatal?: Issue }> = [];
    for (const file of options.files) {
      const read = await readText(file, io);
      if (!read.ok) {
        io.stderr(`bars-validate: ${read.message}\n`);
        return 2;
      }
      texts.push({ file, ...read });
    }
    const validator = await createValidator({ igPaths: options.igs.map((p) => resolve(io.cwd, p)) });
    let failed = false;
    const outcomes: Array<{ file: string; outcome: ReturnType<typeof toOperationOutcome> }> = [];
    for (const { file, text, fatal } of texts) {
      const issues = fatal ? [fatal] : validator.validateToIssues(text, { profile: options.profiles }).issues;
      if (hasErrors(issues)) failed = true;
      if (options.format === 'json') {
        outcomes.push({ file, outcome: toOperationOutcome(issues) });
      } else if (issues.length === 0) {
        io.stdout(`${file}: valid\n`);
      } else {
        for (const issue of issues) io.stdout(formatIssueLine(file, issue) + '\n');
      }
    }
    if (options.format === 'json') {
      io.stdout(JSON.stringify(outcomes.length === 1 ? outcomes[0].outcome : outcomes, null, 2) + '\n');
    }
    return failed ? 1 : 0;
  },
};
