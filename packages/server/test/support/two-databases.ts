/**
 * Two app instances on one database, as two processes would share it: on PostgreSQL two
 * connection pools to one scratch database; on PGlite (one connection by nature) the same open
 * database twice. For tests of what one instance's write does to the other's next request.
 */
import { type OpenDatabase, createDb } from '../../src/storage/create-db.js';
import { scratchPostgresDatabase, testEngines } from './test-databases.js';

export interface TwoDatabases {
  first: OpenDatabase;
  second: OpenDatabase;
  close(): Promise<void>;
}

async function onePGlite(): Promise<TwoDatabases> {
  const opened = await createDb('memory://');
  return { first: opened, second: opened, close: () => opened.db.destroy() };
}

async function onePostgres(): Promise<TwoDatabases> {
  const scratch = await scratchPostgresDatabase();
  const first = await createDb(scratch.url, { poolSize: 3 });
  const second = await createDb(scratch.url, { poolSize: 3 });
  return {
    first,
    second,
    close: async () => {
      await first.db.destroy();
      await second.db.destroy();
      await scratch.drop();
    },
  };
}

/** `[engine name, open]` for each engine this run tests. */
export function twoDatabaseVariants(): [string, () => Promise<TwoDatabases>][] {
  const engines = testEngines();
  const variants: [string, () => Promise<TwoDatabases>][] = [];
  if (engines.includes('pglite')) variants.push(['PGlite', onePGlite]);
  if (engines.includes('postgres')) variants.push(['PostgreSQL', onePostgres]);
  return variants;
}
