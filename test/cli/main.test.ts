import { describe, expect, it } from 'vitest';
import type { CliCommand, CliIo } from '../../src/cli/command.js';
import { UsageError } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';

function captureIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out, err,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readStdin: async () => '',
    isTty: false,
    env: {},
    cwd: '.',
  };
}

const echo: CliCommand = {
  name: 'echo',
  summary: 'echo args',
  usage: 'Usage: bars-validate echo <words>',
  async run(args, io) {
    if (args.length === 0) throw new UsageError('nothing to echo');
    io.stdout(args.join(' '));
    return 0;
  },
};

describe('cli main dispatch', () => {
  it('runs the named subcommand, and the first one by default', async () => {
    const io = captureIo();
    expect(await main(['echo', 'a', 'b'], io, [echo])).toBe(0);
    expect(await main(['x', 'y'], io, [echo])).toBe(0);
    expect(io.out).toEqual(['a b', 'x y']);
  });

  it('answers --help for the tool and for a subcommand', async () => {
    const io = captureIo();
    expect(await main(['--help'], io, [echo])).toBe(0);
    expect(io.out[0]).toContain('echo');
    expect(await main(['echo', '--help'], io, [echo])).toBe(0);
    expect(io.out[1]).toContain('Usage: bars-validate echo');
  });

  it('exits 2 with the usage on a usage error', async () => {
    const io = captureIo();
    expect(await main(['echo'], io, [echo])).toBe(2);
    expect(io.err.join('')).toContain('nothing to echo');
  });
});

describe('bars-validate --help (spawned)', () => {
  it('prints the usage of every subcommand and exits 0', async () => {
    const { commands } = await import('../../src/cli/registry.js');
    const { runCli } = await import('../support/cli.js');
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    for (const command of commands) {
      expect(top.stdout).toContain(`  ${command.name.padEnd(10)} ${command.summary}`);
      const run = await runCli([command.name, '--help']);
      expect(run.code, command.name).toBe(0);
      expect(run.stdout, command.name).toBe(`${command.usage}\n`);
      expect(run.stdout, command.name).toMatch(new RegExp(`^Usage: bars-validate ${command.name === 'validate' ? '\\[validate\\]' : command.name}`));
    }
  });
});
