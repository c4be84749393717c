/** A CLI subcommand. Each lives in its own file under src/cli/commands/ and is listed in registry.ts. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads all of standard input (for `-`). */
  readStdin: () => Promise<string>;
  /** Whether standard output is a terminal (colours). */
  isTty: boolean;
  /** Whether standard error is a terminal (the progress bar); false when absent. */
  stderrIsTty?: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Returns the process exit code: 0 ok, 1 invalid input, 2 usage error or unreadable file. */
  run(args: string[], io: CliIo): Promise<number>;
}

export class UsageError extends Error {}
