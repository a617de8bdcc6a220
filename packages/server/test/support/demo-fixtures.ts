/** What the demo suites share: a database of their own holding their workspaces, and counting queries. */
import type { RawBuilder } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import type { Engine } from '../../src/storage/create-db.js';
import type { Db } from '../../src/storage/database.js';
import { type TestDatabase, createWorkspace, openTestDatabase } from './test-databases.js';

export interface SuiteDatabase {
  /** Open from the suite's first beforeAll to its last afterAll. */
  readonly db: Db;
}

/** Opens a migrated database on the engine with the given workspaces before the suite's tests, and drops it after them. */
export function suiteDatabase(engine: Engine, workspaceIds: readonly string[]): SuiteDatabase {
  let opened: TestDatabase | undefined;
  beforeAll(async () => {
    opened = await openTestDatabase(engine);
    for (const id of workspaceIds) await createWorkspace(opened.db, id);
  });
  afterAll(async () => {
    await opened?.drop();
  });
  return {
    get db() {
      if (!opened) throw new Error('the suite database is opened in beforeAll');
      return opened.db;
    },
  };
}

/** The `n` of a `select count(*)::int as n …` query. */
export async function countOf(db: Db, query: RawBuilder<{ n: number }>): Promise<number> {
  return Number((await query.execute(db)).rows[0]?.n);
}
