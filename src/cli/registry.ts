import type { CliCommand } from './command.js';
import { validateCommand } from './commands/validate.js';
import { convertCommand } from './commands/convert.js';
import { packagesCommand } from './commands/packages.js';
import { rulesCommand } from './commands/rules.js';
import { explainCommand } from './commands/explain.js';
import { serveCommand } from './commands/serve.js';

/** Every subcommand; the first is the default when no subcommand is named. */
export const commands: CliCommand[] = [validateCommand, convertCommand, packagesCommand, rulesCommand, explainCommand, serveCommand];
