/**
 * Makes sure dist/ (what bin/bars-validate.js runs) is built from the current src/ before tests
 * spawn the CLI: rebuilds with `tsc -p tsconfig.build.json` when any source or tsconfig file is
 * newer than dist/cli/main.js. Returns whether it built.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function distIsStale(root: string): boolean {
  const built = join(root, 'dist', 'cli', 'main.js');
  if (!existsSync(built)) return true;
  const sources = Math.max(newestMtime(join(root, 'src')), ...['tsconfig.json', 'tsconfig.build.json'].map((f) => statSync(join(root, f)).mtimeMs));
  return sources > statSync(built).mtimeMs;
}

export function ensureDistBuilt(root: string): boolean {
  if (!distIsStale(root)) return false;
  const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
  return true;
}
