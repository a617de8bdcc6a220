/** Runs the migrations of `migrations/` — at start-up and from `consumo migrate`. */
import { Migrator, type MigrationResultSet } from 'kysely';
import type { Db } from './database.js';
import { migrations } from './migrations/index.js';

export function createMigrator(db: Db): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'consumo_migrations',
    migrationLockTableName: 'consumo_migrations_lock',
  });
}

export class MigrationError extends Error {}

function check(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Applies every pending migration; returns the names applied. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  return check(await createMigrator(db).migrateToLatest());
}

/** Rolls the newest migration back; returns its name. */
export async function migrateDown(db: Db): Promise<string[]> {
  return check(await createMigrator(db).migrateDown());
}
