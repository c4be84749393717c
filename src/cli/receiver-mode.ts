/**
 * `bars-validate --receiver`: each file is a request body given to one BaRS receiver (one
 * duplicate-request store for the run, so the same X-Request-ID sent twice answers 409), and
 * the answer is printed as JSON: `{"status": n, "outcome": OperationOutcome}` for one file, an
 * array of `{"file", "status", "outcome"}` for several. Without --header the check is
 * payload-only and the outcome carries an information issue saying the header rules were skipped.
 * Exit 1 when any status is not 2xx, 2 when an input cannot be read.
 */
import { resolve } from 'node:path';
import { createValidator } from '../api/index.js';
import { barsIssue } from '../bars/issues.js';
import { decideVerdict } from '../bars/verdict.js';
import type { CliIo } from './command.js';
import { expandInputs, readInputFile } from './inputs.js';
import type { ValidateCliOptions } from './options.js';
import { createProgress } from './terminal.js';

interface Answer {
  file: string;
  status: number;
  /** The BaRS OperationOutcome (src/bars/outcome.ts). */
  outcome: unknown;
}

export async function runReceiverMode(options: ValidateCliOptions, io: CliIo): Promise<number> {
  const { files, problems } = expandInputs(options.inputs, io.cwd);
  for (const problem of problems) io.stderr(`bars-validate: ${problem}\n`);
  if (files.length === 0) return 2;

  const validator = await createValidator({ igPaths: options.igs.map((p) => resolve(io.cwd, p)), application: options.application });
  const progress = createProgress(io, files.length, !options.quiet);
  const answers: Answer[] = [];
  let unreadable = false;
  for (const [index, file] of files.entries()) {
    progress.step(index, file.name);
    const read = await readInputFile(file, io);
    if (read.kind === 'unreadable') {
      progress.clear();
      io.stderr(`bars-validate: ${read.message}\n`);
      unreadable = true;
      continue;
    }
    if (read.kind === 'bad-utf8') {
      // The receiver takes text; bytes that are not UTF-8 are a body it cannot parse (400).
      const verdict = decideVerdict([barsIssue('CORE-HDR-14', `The body is not valid UTF-8 (line ${read.line}, column ${read.column}): ${read.message}.`, 'Bundle')]);
      answers.push({ file: file.name, status: verdict.status, outcome: verdict.outcome });
      continue;
    }
    const response = await validator.receive({ body: read.text, headers: options.headers, application: options.application });
    answers.push({ file: file.name, status: response.status, outcome: response.outcome });
  }
  progress.finish();
  if (answers.length === 1 && files.length === 1) {
    io.stdout(`${JSON.stringify({ status: answers[0].status, outcome: answers[0].outcome }, null, 2)}\n`);
  } else if (answers.length > 0) {
    io.stdout(`${JSON.stringify(answers, null, 2)}\n`);
  }
  if (problems.length > 0 || unreadable) return 2;
  return answers.some((a) => a.status < 200 || a.status > 299) ? 1 : 0;
}
