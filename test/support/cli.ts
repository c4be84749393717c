/**
 * Runs the real binary (node bin/bars-validate.js, which runs dist/; test/global-setup.ts
 * rebuilds dist/ when src/ is newer) as a child process, as a user or CI would.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './shared.js';

export const BIN = join(repoRoot, 'bin', 'bars-validate.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  stdin?: string;
  cwd?: string;
  /** Added to a clean environment (NO_COLOR and FORCE_COLOR of the test runner removed). */
  env?: Record<string, string>;
}

export function runCli(args: string[], options: CliRunOptions = {}): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  Object.assign(env, options.env);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? repoRoot, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}
