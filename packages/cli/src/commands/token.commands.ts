/** `consumo token`: print an access token for the configured client, for curl and friends. */
import type { Command } from 'commander';
import { TokenSource } from '@consumo/sdk';
import { resolveConnection } from '../connection.js';
import { printJson } from '../output.js';

export function registerTokenCommand(program: Command): void {
  program
    .command('token')
    .description('print an access token (client credentials from the environment or .consumo/credentials.json)')
    .option('--json', 'print the whole token response')
    .action(async (opts: { json?: boolean }) => {
      const response = await new TokenSource(resolveConnection()).fetchToken();
      if (opts.json) printJson(response);
      else console.log(response.access_token);
    });
}
