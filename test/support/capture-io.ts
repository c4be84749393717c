/** A CliIo that records what a command writes, for in-process CLI tests. */
import type { CliIo } from '../../src/cli/command.js';
import { repoRoot } from './shared.js';

export type CapturedIo = CliIo & { out: string[]; err: string[]; text(): string; errors(): string };

export function captureIo(overrides: Partial<CliIo> & { stdin?: string } = {}): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  const { stdin = '', ...rest } = overrides;
  return {
    out,
    err,
    text: () => out.join(''),
    errors: () => err.join(''),
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readStdin: async () => stdin,
    isTty: false,
    stderrIsTty: false,
    env: {},
    cwd: repoRoot,
    ...rest,
  };
}
