import type { CliCommand } from './command.js';

/** Every subcommand; the first is the default when no subcommand is named. */
export const commands: CliCommand[] = [];
