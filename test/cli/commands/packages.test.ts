import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/command.js';
import { main } from '../../../src/cli/main.js';
import { writeCachedPackage } from '../../../src/defs/packages/package-cache.js';

const work = mkdtempSync(join(tmpdir(), 'bars-cli-packages-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function io(): CliIo & { out: string; err: string } {
  const captured = {
    out: '',
    err: '',
    stdout: (t: string) => void (captured.out += t),
    stderr: (t: string) => void (captured.err += t),
    readStdin: async () => '',
    isTty: false,
    env: {},
    cwd: work,
  };
  return captured;
}

describe('bars-validate packages', () => {
  it('lists the packages of a cache with their descriptions', async () => {
    writeCachedPackage(join(work, 'cache'), { name: 'a.pkg', version: '1.0.0', description: 'built for a test', resources: [] });
    const run = io();
    expect(await main(['packages', 'list', '--cache-dir', 'cache'], run)).toBe(0);
    expect(run.out).toBe('a.pkg#1.0.0  built for a test\n');
  });

  it('says when the cache is empty', async () => {
    const run = io();
    expect(await main(['packages', 'list', '--cache-dir', 'nothing-here'], run)).toBe(0);
    expect(run.out).toContain('no packages in');
  });

  it('rejects unknown actions, options and UK Core variants with exit code 2', async () => {
    for (const args of [['packages'], ['packages', 'fetch'], ['packages', 'build', '--bogus'], ['packages', 'build', '--ukcore', 'stu3'], ['packages', 'build', '--cache-dir']]) {
      const run = io();
      expect(await main(args, run), args.join(' ')).toBe(2);
      expect(run.err).toContain('Usage: bars-validate packages');
    }
  });
});
