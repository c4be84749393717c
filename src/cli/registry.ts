import type { CliCommand } from './command.js';
import { validateCommand } from './commands/validate.js';
import { packagesCommand } from './commands/packages.js';
import { convertCommand } from './commands/convert.js';

/** Every subcommand; the first is the default when no subcommand is named. */
export const commands: CliCommand[] = [validateCommand, packagesCommand, convertCommand];
