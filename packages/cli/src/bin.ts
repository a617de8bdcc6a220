#!/usr/bin/env node
/** The `consumo` command. */
import { Command, CommanderError } from 'commander';
import { ConsumoApiError } from '@consumo/sdk';
import { registerAdminCommands } from './commands/admin.commands.js';
import { registerBudgetsCommands } from './commands/budgets.commands.js';
import { registerExportsCommands } from './commands/exports.commands.js';
import { registerFlexCommands } from './commands/flex.commands.js';
import { registerFocusCommands } from './commands/focus.commands.js';
import { registerKeysCommands } from './commands/keys.commands.js';
import { registerMeteringCommands } from './commands/metering.commands.js';
import { registerServerCommands } from './commands/server.commands.js';
import { registerStandInCommands } from './commands/stand-in.commands.js';
import { registerSubscriptionsCommands } from './commands/subscriptions.commands.js';
import { registerTokenCommand } from './commands/token.commands.js';
import { registerUsersCommands } from './commands/users.commands.js';
import { UsageError } from './connection.js';

/** Configuration errors come from the server package, which only the database commands load. */
const isConfigError = (err: unknown): err is Error => err instanceof Error && err.name === 'ConfigError';

const program = new Command('consumo')
  .description('Consumo: consumption analytics for pay-per-use infrastructure')
  .version('0.1.0')
  .showHelpAfterError()
  // Program options (--version) only before the command, so `focus validate --version 1.0` reaches its own.
  .enablePositionalOptions()
  .exitOverride();

registerServerCommands(program);
registerTokenCommand(program);
registerAdminCommands(program);
registerUsersCommands(program);
registerFlexCommands(program);
registerKeysCommands(program);
registerSubscriptionsCommands(program);
registerMeteringCommands(program);
registerFocusCommands(program);
registerExportsCommands(program);
registerBudgetsCommands(program);
registerStandInCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  if (err instanceof UsageError || isConfigError(err) || err instanceof ConsumoApiError) {
    console.error(`consumo: ${err.message}`);
    process.exit(2);
  }
  const cause = (err as { cause?: { code?: string } }).cause;
  if (cause?.code === 'ECONNREFUSED') {
    console.error(`consumo: no server answers at ${process.env.CONSUMO_URL ?? 'the configured URL'}; start one with \`npm start\`.`);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
}
