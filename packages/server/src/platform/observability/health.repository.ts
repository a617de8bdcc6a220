/** The readiness probe's one query. */
import { sql } from 'kysely';
import type { Db } from '../../storage/database.js';

/** Resolves when the database answers a trivial query. */
export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
