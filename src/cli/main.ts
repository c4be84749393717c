import type { CliCommand, CliIo } from './command.js';
import { UsageError } from './command.js';
import { commands } from './registry.js';

function nodeIo(): CliIo {
  // A reader that stops early (`| head`) closes the pipe: stop quietly instead of crashing.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    isTty: Boolean(process.stdout.isTTY),
    stderrIsTty: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
}

export function helpText(list: CliCommand[]): string {
  const lines = ['Usage: bars-validate <command> [options]', '', 'Commands:'];
  for (const command of list) lines.push(`  ${command.name.padEnd(10)} ${command.summary}`);
  lines.push('', 'Run `bars-validate <command> --help` for the options of one command.');
  return lines.join('\n') + '\n';
}

/** Entry point of the `bars-validate` binary; returns the exit code. */
export async function main(argv: string[], io: CliIo = nodeIo(), list: CliCommand[] = commands): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout(helpText(list));
    return first === undefined && list.length > 0 ? 2 : 0;
  }
  const named = list.find((command) => command.name === first);
  const command = named ?? list[0];
  if (!command) {
    io.stderr(`bars-validate: unknown command '${first}'\n`);
    return 2;
  }
  const args = named ? rest : argv;
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`bars-validate ${command.name}: ${error.message}\n${command.usage}\n`);
      return 2;
    }
    throw error;
  }
}
