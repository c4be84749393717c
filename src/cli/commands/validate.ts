/**
 * `bars-validate [validate] [options] <file|folder|glob|->...`: validates FHIR resources and
 * BaRS message Bundles (JSON or XML, told apart by content). BaRS messages get the BaRS message
 * layer (payload only); `--receiver` answers as a BaRS receiver would instead (see receiver-mode.ts).
 * Exit 0 when no file fails at the --fail-on level, 1 when one does (malformed input included),
 * 2 for a usage error or an input that cannot be read.
 */
import { resolve } from 'node:path';
import { createValidator, type Issue } from '../../api/index.js';
import type { CliCommand, CliIo } from '../command.js';
import { expandInputs, readInputFile } from '../inputs.js';
import { parseValidateArgs, type FailOn, type ValidateCliOptions } from '../options.js';
import { runReceiverMode } from '../receiver-mode.js';
import { REPORTERS } from '../report/registry.js';
import { countBySeverity, summarize, type FileResult, type ReporterContext } from '../report/reporter.js';
import { colourWanted, createProgress, painter, PROGRESS_MIN_FILES } from '../terminal.js';

const USAGE = `Usage: bars-validate [validate] [options] <file|folder|glob|->...

Validates FHIR R4 resources and BaRS message Bundles, JSON or XML (recognised from the content).
A BaRS message gets the BaRS message layer too: its MessageDefinition's profiles and the BaRS Core
and Application rules (payload only: header rules need --receiver with --header).

Inputs:
  <file>                 a file of any name
  <folder>               every .json and .xml file below it (recursively; node_modules and
                         hidden folders skipped)
  <glob>                 files matching a quoted glob, e.g. 'fixtures/**/valid/*.json'
  -                      standard input

Options:
  --profile <canonical>  also validate the root resource against this profile (repeatable)
  --ig <path>            extra conformance resources: a folder, a file or a package .tgz (repeatable)
  --app 111-ed|999-cas   the BaRS Application whose rules apply (default: from the use-case code)
  --format text|json|junit
                         text (default): grouped by file, one line per issue
                           severity  file:line:col  location  rule-id  message
                         and a summary line; json: one file gives one OperationOutcome, several
                         an array of {"file", "outcome"}; junit: JUnit XML for CI
  --fail-on error|warning  the lowest severity that makes a file invalid (default error)
  -q, --quiet            show only the issues that make a file invalid (the summary still
                         counts them all); no progress bar
  --receiver             answer as a BaRS receiver: print {"status": <http status>,
                         "outcome": <OperationOutcome>} as JSON (several files: an array of
                         {"file", "status", "outcome"}); exit 1 when a status is not 2xx
  -H, --header 'Name: value'
                         an HTTP request header for --receiver (repeatable); without any, the
                         header and duplicate-request rules are skipped and the outcome says so

Colours on a terminal (NO_COLOR=1 turns them off, FORCE_COLOR=1 on); a progress bar on standard
error when a terminal validates ${PROGRESS_MIN_FILES} or more files.
Exit status: 0 valid, 1 invalid or malformed, 2 usage error or an input that cannot be read.`;

function failsAt(level: FailOn): (issue: Issue) => boolean {
  return level === 'warning'
    ? (issue) => issue.severity !== 'information'
    : (issue) => issue.severity === 'error' || issue.severity === 'fatal';
}

async function runValidate(options: ValidateCliOptions, io: CliIo): Promise<number> {
  const { files, problems } = expandInputs(options.inputs, io.cwd);
  for (const problem of problems) io.stderr(`bars-validate: ${problem}\n`);
  if (files.length === 0) return 2;

  const validator = await createValidator({ igPaths: options.igs.map((p) => resolve(io.cwd, p)), application: options.application });
  const fails = failsAt(options.failOn);
  const context: ReporterContext = { paint: painter(colourWanted(io)), quiet: options.quiet, fails };
  const reporter = REPORTERS[options.format];
  const progress = createProgress(io, files.length, !options.quiet);
  const results: FileResult[] = [];
  for (const [index, file] of files.entries()) {
    progress.step(index, file.name);
    const read = await readInputFile(file, io);
    let result: FileResult;
    if (read.kind === 'unreadable') {
      result = { name: file.name, issues: [], failed: true, found: countBySeverity([]), unreadable: read.message };
    } else {
      const issues: Issue[] = read.kind === 'bad-utf8'
        ? [{ severity: 'fatal', code: 'structure', ruleId: 'utf8-invalid', message: `The file is not valid UTF-8: ${read.message}`, position: { line: read.line, column: read.column } }]
        : validator.validateToIssues(read.text, { profile: options.profiles }).issues;
      const failed = issues.some(fails);
      result = { name: file.name, issues: options.quiet ? issues.filter(fails) : issues, failed, found: countBySeverity(issues) };
    }
    results.push(result);
    const text = reporter.file(result, context);
    if (text) {
      progress.clear();
      io.stdout(text);
    }
  }
  progress.finish();
  const summary = summarize(results);
  for (const result of results) if (result.unreadable !== undefined && options.format !== 'text') io.stderr(`bars-validate: ${result.unreadable}\n`);
  io.stdout(reporter.end(results, summary, context));
  if (problems.length > 0 || summary.unreadable > 0) return 2;
  return summary.invalid > 0 ? 1 : 0;
}

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'validate FHIR resources or BaRS message Bundles (the default command)',
  usage: USAGE,
  async run(args, io) {
    const options = parseValidateArgs(args);
    return options.receiver ? runReceiverMode(options, io) : runValidate(options, io);
  },
};
