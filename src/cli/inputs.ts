/**
 * Turns the CLI's input arguments into the files to read: a file as given, a folder's
 * .json/.xml files (recursively), a glob's matches, or `-` for standard input. Format is not
 * decided here: the content tells JSON from XML. Arguments that match nothing are problems
 * (exit 2), reported together so one typo does not hide another.
 */
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { decodeUtf8 } from '../formats/utf8.js';
import type { CliIo } from './command.js';

export const STDIN_NAME = '<stdin>';

export interface InputFile {
  /** What the output calls it: the path as given (folder + relative path), or <stdin>. */
  name: string;
  /** Absolute path; absent for standard input. */
  path?: string;
}

export interface ExpandedInputs {
  files: InputFile[];
  /** One line per argument that names nothing readable. */
  problems: string[];
}

/** Files a folder contributes: FHIR's two formats (any case); dependency and hidden folders are skipped. */
const FOLDER_PATTERNS = ['**/*.json', '**/*.xml'];
const FOLDER_IGNORE = ['**/node_modules/**'];

function sorted(paths: string[]): string[] {
  return [...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function expandInputs(args: string[], cwd: string): ExpandedInputs {
  const files: InputFile[] = [];
  const problems: string[] = [];
  // Folders and globs can overlap each other; each file is validated once. Explicit repeats are kept
  // (sending one message twice is how a duplicate X-Request-ID is tried in --receiver mode).
  const expanded = new Set<string>();
  const addExpanded = (name: string, path: string): void => {
    if (expanded.has(path)) return;
    expanded.add(path);
    files.push({ name, path });
  };
  let stdinSeen = false;
  for (const arg of args) {
    if (arg === '-') {
      if (stdinSeen) problems.push('standard input (-) can be read only once');
      else files.push({ name: STDIN_NAME });
      stdinSeen = true;
      continue;
    }
    const path = resolve(cwd, arg);
    let kind: 'file' | 'folder' | 'missing' | 'other' = 'missing';
    try {
      const stat = statSync(path);
      kind = stat.isDirectory() ? 'folder' : stat.isFile() ? 'file' : 'other';
    } catch {
      kind = 'missing';
    }
    if (kind === 'file') {
      files.push({ name: arg, path });
    } else if (kind === 'folder') {
      const found = sorted(globSync(FOLDER_PATTERNS, { cwd: path, ignore: FOLDER_IGNORE, onlyFiles: true, dot: false, caseSensitiveMatch: false }));
      if (found.length === 0) problems.push(`${arg}: the folder holds no .json or .xml files`);
      for (const relative of found) addExpanded(join(arg, relative), resolve(path, relative));
    } else if (kind === 'missing' && isDynamicPattern(arg)) {
      const found = sorted(globSync(arg, { cwd, onlyFiles: true, dot: false, expandDirectories: false }));
      if (found.length === 0) problems.push(`${arg}: no files match`);
      for (const relative of found) addExpanded(relative, resolve(cwd, relative));
    } else {
      problems.push(kind === 'missing' ? `cannot read ${arg}: no such file` : `cannot read ${arg}: not a file or folder`);
    }
  }
  return { files, problems };
}

export type ReadOutcome =
  | { kind: 'text'; text: string }
  /** The bytes are not UTF-8: content to report as invalid, not an unreadable file. */
  | { kind: 'bad-utf8'; line: number; column: number; message: string }
  | { kind: 'unreadable'; message: string };

export async function readInputFile(file: InputFile, io: CliIo): Promise<ReadOutcome> {
  if (file.path === undefined) return { kind: 'text', text: await io.readStdin() };
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    return { kind: 'unreadable', message: `cannot read ${file.name}: ${reason}` };
  }
  const decoded = decodeUtf8(bytes);
  if (decoded.ok) return { kind: 'text', text: decoded.text };
  return { kind: 'bad-utf8', ...decoded.error };
}
