/** Opens the database named by DATABASE_URL: PGlite for file:// and memory://, PostgreSQL for postgres://. */
import path from 'node:path';
import type { DatabaseEngine } from './engines/database-engine.js';
import { openPGlite } from './engines/pglite-engine.js';
import { type PostgresOptions, openPostgres } from './engines/postgres-engine.js';

export type { Engine } from './engines/database-engine.js';

/** An open database: the Kysely handle and what its engine streams. */
export type OpenDatabase = DatabaseEngine;

export type CreateDbOptions = PostgresOptions;

export function filePathOf(databaseUrl: string): string | undefined {
  if (!databaseUrl.startsWith('file://')) return undefined;
  return path.resolve(decodeURIComponent(databaseUrl.slice('file://'.length)));
}

export async function createDb(databaseUrl: string, options: CreateDbOptions = {}): Promise<OpenDatabase> {
  if (databaseUrl.startsWith('postgres://') || databaseUrl.startsWith('postgresql://')) return openPostgres(databaseUrl, options);
  return openPGlite(filePathOf(databaseUrl));
}
