/**
 * Compiles the BaRS FSH project (fsh/) with SUSHI, offline, and writes its JSON into generated/.
 *
 * SUSHI resolves dependencies only from $HOME/.fhir/packages, so it runs with HOME pointed at the
 * project-local package cache (.fhir-home, filled by `npm run fhir:packages`), never the user's home.
 * Usage: npm run build:fsh             compile and write generated/
 *        npm run build:fsh -- --check  compile and only report whether generated/ is stale (exit 1 if so)
 * BARS_FHIR_HOME=<dir> overrides the cache home.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const fshProjectDir = join(repoRoot, 'fsh');
export const generatedDir = join(repoRoot, 'generated');

/** The HOME SUSHI runs with: its packages live under <home>/.fhir/packages. */
export function fhirHome(): string {
  return process.env.BARS_FHIR_HOME ? resolve(process.env.BARS_FHIR_HOME) : join(repoRoot, '.fhir-home');
}

export interface SushiResult {
  /** SUSHI's output resources: file name → file text, exactly as SUSHI wrote them. */
  files: Map<string, string>;
  errors: string[];
  warnings: string[];
  /** SUSHI's full console output, for diagnosis. */
  log: string;
  exitCode: number;
}

function sushiPackageDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('fsh-sushi/package.json'));
}

/**
 * SUSHI asks the npm registry for its latest version on every run (`npm view fsh-sushi version`,
 * blocking for a second or two). The build must stay offline, so SUSHI gets a stand-in `npm` on
 * its PATH that answers with the installed version.
 */
function writeOfflineNpm(dir: string): void {
  const version = (JSON.parse(readFileSync(join(sushiPackageDir(), 'package.json'), 'utf8')) as { version: string }).version;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'npm'), `#!/bin/sh\necho ${version}\n`, { mode: 0o755 });
  writeFileSync(join(dir, 'npm.cmd'), `@echo ${version}\r\n`);
}

// SUSHI prints each message as "<level> <text>" followed by indented detail lines (file, line).
function collectMessages(log: string, level: 'error' | 'warn'): string[] {
  const messages: string[] = [];
  let current: string[] | undefined;
  for (const line of log.split('\n')) {
    const match = /^(error|warn|info|debug)\s+(.*)$/.exec(line);
    if (match) {
      current = match[1] === level ? [match[2].trim()] : undefined;
      if (current) messages.push('');
    } else if (current && /^\s+\S/.test(line)) {
      current.push(line.trim());
    } else {
      current = undefined;
    }
    if (current) messages[messages.length - 1] = current.join(' | ');
  }
  return messages;
}

/** Runs SUSHI on `projectDir` into a fresh temporary folder and returns what it produced. */
export function runSushi(projectDir: string = fshProjectDir, home: string = fhirHome()): SushiResult {
  const workDir = mkdtempSync(join(tmpdir(), 'bars-sushi-'));
  const outDir = join(workDir, 'out');
  const binDir = join(workDir, 'bin');
  writeOfflineNpm(binDir);
  try {
    const run = spawnSync(process.execPath, [join(sushiPackageDir(), 'dist', 'app.js'), 'build', projectDir, '--out', outDir], {
      // FORCE_COLOR=0 keeps SUSHI's log free of colour codes so it can be parsed.
      env: {
        ...process.env,
        HOME: home,
        USERPROFILE: home,
        FORCE_COLOR: '0',
        NO_COLOR: '1',
        PATH: `${binDir}${delimiter}${process.env.PATH ?? ''}`,
      },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const log = `${run.stdout ?? ''}${run.stderr ?? ''}`;
    const resourcesDir = join(outDir, 'fsh-generated', 'resources');
    const files = new Map<string, string>();
    if (existsSync(resourcesDir)) {
      for (const name of readdirSync(resourcesDir).filter((n) => n.endsWith('.json')).sort()) {
        files.set(name, readFileSync(join(resourcesDir, name), 'utf8'));
      }
    }
    return {
      files,
      errors: collectMessages(log, 'error'),
      warnings: collectMessages(log, 'warn'),
      log,
      exitCode: run.status ?? 1,
    };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** The JSON files currently committed in generated/. */
export function readGenerated(dir: string = generatedDir): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    files.set(name, readFileSync(join(dir, name), 'utf8'));
  }
  return files;
}

export interface Drift {
  /** Built by SUSHI but not committed. */
  added: string[];
  /** Committed but no longer built. */
  removed: string[];
  /** In both, with different text. */
  changed: string[];
}

/** How the committed generated/ files differ from a fresh build (all empty = no drift). */
export function driftBetween(built: Map<string, string>, committed: Map<string, string>): Drift {
  return {
    added: [...built.keys()].filter((name) => !committed.has(name)),
    removed: [...committed.keys()].filter((name) => !built.has(name)),
    changed: [...built].filter(([name, text]) => committed.has(name) && committed.get(name) !== text).map(([name]) => name),
  };
}

/** Replaces the JSON in generated/ with SUSHI's output (other files there are left alone). */
export function writeGenerated(files: Map<string, string>, dir: string = generatedDir): void {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) rmSync(join(dir, name));
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
}

function main(args: string[]): void {
  const checkOnly = args.includes('--check');
  const home = fhirHome();
  if (!existsSync(join(home, '.fhir', 'packages'))) {
    console.error(`No FHIR package cache at ${join(home, '.fhir', 'packages')}: run \`npm run fhir:packages\` first.`);
    process.exit(2);
  }
  const started = Date.now();
  const result = runSushi(fshProjectDir, home);
  for (const warning of result.warnings) console.warn(`SUSHI warning: ${warning}`);
  for (const error of result.errors) console.error(`SUSHI error: ${error}`);
  if (result.errors.length > 0 || result.exitCode !== 0 || result.files.size === 0) {
    console.error(result.errors.length === 0 ? result.log : '');
    console.error(`build:fsh failed: ${result.errors.length} error(s); generated/ left unchanged.`);
    process.exit(1);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (checkOnly) {
    const drift = driftBetween(result.files, readGenerated());
    const stale = [...drift.added.map((n) => `new: ${n}`), ...drift.removed.map((n) => `gone: ${n}`), ...drift.changed.map((n) => `changed: ${n}`)];
    if (stale.length > 0) {
      console.error(`generated/ is stale (run npm run build:fsh and commit it):\n  ${stale.join('\n  ')}`);
      process.exit(1);
    }
    console.log(`build:fsh --check: generated/ matches fsh/ (${result.files.size} resources, ${seconds} s).`);
    return;
  }
  writeGenerated(result.files);
  console.log(`build:fsh: wrote ${result.files.size} resources to generated/ (${result.warnings.length} warning(s), ${seconds} s).`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
