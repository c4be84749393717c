import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expandInputs, readInputFile } from '../../src/cli/inputs.js';
import { captureIo } from '../support/capture-io.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bars-inputs-'));
  for (const path of ['a/one.json', 'a/b/two.XML', 'a/b/skip.txt', 'a/node_modules/dep.json', 'a/.hidden/h.json', 'c.json', 'empty/x.md']) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), '{}');
  }
  writeFileSync(join(dir, 'latin1.json'), Buffer.from([0x7b, 0xe9, 0x7d]));
});

describe('cli inputs', () => {
  it('expands folders recursively to .json/.xml in any case, skipping node_modules and hidden folders, sorted', () => {
    const { files, problems } = expandInputs(['a'], dir);
    expect(problems).toEqual([]);
    expect(files.map((f) => f.name)).toEqual([join('a', 'b', 'two.XML'), join('a', 'one.json')]);
    expect(files[0].path).toBe(join(dir, 'a', 'b', 'two.XML'));
  });

  it('expands globs, takes files of any name as given, validates an expanded file once and reads stdin once', () => {
    const { files, problems } = expandInputs(['a/**/*.json', 'a', 'c.json', 'c.json', '-', '-'], dir);
    // A glob is taken as written (node_modules included); the folder adds only what it has not matched.
    expect(files.map((f) => f.name)).toEqual(['a/node_modules/dep.json', 'a/one.json', join('a', 'b', 'two.XML'), 'c.json', 'c.json', '<stdin>']);
    expect(problems).toEqual(['standard input (-) can be read only once']);
  });

  it('reports what names nothing: missing files, globs without matches, folders without FHIR files', () => {
    const { files, problems } = expandInputs(['missing.json', 'z/*.json', 'empty'], dir);
    expect(files).toEqual([]);
    expect(problems).toEqual(['cannot read missing.json: no such file', 'z/*.json: no files match', 'empty: the folder holds no .json or .xml files']);
  });

  it('reads text, reports bad UTF-8 with its position as content, and stdin through the io', async () => {
    const io = captureIo({ stdin: 'from stdin', cwd: dir });
    expect(await readInputFile({ name: 'c.json', path: join(dir, 'c.json') }, io)).toEqual({ kind: 'text', text: '{}' });
    expect(await readInputFile({ name: 'latin1.json', path: join(dir, 'latin1.json') }, io)).toMatchObject({ kind: 'bad-utf8', line: 1, column: 2 });
    expect(await readInputFile({ name: '<stdin>' }, io)).toEqual({ kind: 'text', text: 'from stdin' });
    expect(await readInputFile({ name: 'gone.json', path: join(dir, 'gone.json') }, io)).toEqual({ kind: 'unreadable', message: 'cannot read gone.json: no such file' });
  });
});
