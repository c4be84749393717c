/**
 * Terminal niceties: severity colours and a progress bar. Both only on a terminal: colours when
 * standard output is a TTY (or FORCE_COLOR asks for them) and never when NO_COLOR is set
 * (no-color.org: present and not empty); the progress bar only when standard error is a TTY.
 * Four ANSI colours and one redrawn line are less code than a dependency.
 */
import type { IssueSeverity } from '../model/issue.js';
import type { CliIo } from './command.js';

export type Paint = (severity: IssueSeverity | 'valid', text: string) => string;

const SGR: Record<IssueSeverity | 'valid', string> = { fatal: '1;31', error: '31', warning: '33', information: '36', valid: '32' };

const isSet = (value: string | undefined): boolean => value !== undefined && value !== '';

export function colourWanted(io: Pick<CliIo, 'isTty' | 'env'>): boolean {
  if (isSet(io.env.NO_COLOR)) return false;
  if (isSet(io.env.FORCE_COLOR) && io.env.FORCE_COLOR !== '0') return true;
  return io.isTty;
}

export function painter(enabled: boolean): Paint {
  if (!enabled) return (_severity, text) => text;
  return (severity, text) => `\u001b[${SGR[severity]}m${text}\u001b[0m`;
}

export interface Progress {
  /** Called when a file starts; redraws the bar. */
  step(done: number, name: string): void;
  /** Removes the bar so that normal output can be written on a clean line. */
  clear(): void;
  finish(): void;
}

const NO_PROGRESS: Progress = { step() {}, clear() {}, finish() {} };

/** From this many files on, a terminal shows a progress bar. */
export const PROGRESS_MIN_FILES = 5;

export function createProgress(io: CliIo, total: number, wanted: boolean): Progress {
  if (!wanted || !io.stderrIsTty || total < PROGRESS_MIN_FILES) return NO_PROGRESS;
  const width = 24;
  let drawn = false;
  const clear = (): void => {
    if (drawn) io.stderr('\r\u001b[2K');
    drawn = false;
  };
  return {
    step(done, name) {
      const filled = Math.round((done / total) * width);
      const label = name.length > 48 ? `…${name.slice(-47)}` : name;
      io.stderr(`\r\u001b[2K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label}`);
      drawn = true;
    },
    clear,
    finish: clear,
  };
}
