/** Where the CLI finds a running server and its credentials: environment first, then .consumo/credentials.json. */
import { readFileSync } from 'node:fs';
import { createConsumoClient, type ConsumoClient } from '@consumo/sdk';

export interface Connection {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

export class UsageError extends Error {}

function readCredentialsFile(file: string): Record<string, string> | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch {
    return undefined;
  }
}

export function resolveConnection(env: NodeJS.ProcessEnv = process.env): Connection {
  const file = readCredentialsFile(env.CONSUMO_CREDENTIALS_FILE || '.consumo/credentials.json');
  const baseUrl = env.CONSUMO_URL || file?.url || 'http://127.0.0.1:8080';
  const clientId = env.CONSUMO_CLIENT_ID || file?.client_id;
  const clientSecret = env.CONSUMO_CLIENT_SECRET || file?.client_secret;
  if (!clientId || !clientSecret) {
    throw new UsageError(
      'No credentials: set CONSUMO_CLIENT_ID and CONSUMO_CLIENT_SECRET, or run from the directory where `consumo serve` wrote .consumo/credentials.json.',
    );
  }
  return { baseUrl, clientId, clientSecret };
}

export function connect(env: NodeJS.ProcessEnv = process.env): ConsumoClient {
  return createConsumoClient(resolveConnection(env));
}
