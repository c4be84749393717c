/**
 * Input stamps for the local package cache: a hash of everything a built package depends on
 * (source files' names, sizes and modification times; the code that builds it), stored beside
 * the package so a rebuild happens only when an input changed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

function walk(dir: string, accept: (name: string) => boolean, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, accept, out);
    else if (accept(entry.name)) out.push(full);
  }
}

/** Hash of the names, sizes and mtimes of the files under `dir` (fast: contents are not read). */
export function hashFileListing(dir: string): string {
  const files: string[] = [];
  walk(dir, () => true, files);
  const hash = createHash('sha256');
  for (const file of files) {
    const stat = statSync(file);
    hash.update(`${relative(dir, file)}\0${stat.size}\0${Math.trunc(stat.mtimeMs)}\n`);
  }
  return hash.digest('hex');
}

/**
 * Hash of the contents of the source files (.ts or .js, not maps or declarations) under the
 * given folders whose path relative to their folder passes `include`.
 */
export function hashSourceFiles(dirs: string[], include: (relativePath: string) => boolean = () => true): string {
  const hash = createHash('sha256');
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    const files: string[] = [];
    walk(dir, (name) => /\.(ts|js)$/.test(name) && !name.endsWith('.d.ts'), files);
    for (const file of files) {
      const rel = relative(dir, file).split('\\').join('/');
      if (include(rel)) hash.update(`${rel}\0`).update(readFileSync(file));
    }
  }
  return hash.digest('hex');
}

export function combineStamps(parts: Record<string, string>): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export interface StampFile {
  stamp: string;
  builtAt: string;
  [key: string]: unknown;
}

export function readStamp(file: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as StampFile).stamp;
  } catch {
    return undefined;
  }
}

export function writeStamp(file: string, content: StampFile): void {
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
}
