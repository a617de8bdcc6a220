/** Transaction-scoped advisory locks that serialise the read-then-write of one versioned key, even before it has a row. */
import { sql } from 'kysely';
import type { Executor } from '../../../storage/database.js';

/** The first key of the two-key form, a space of its own apart from the single-key locks rating takes. */
const CATALOG_LOCK_CLASS = 120_012;

/** Held until the transaction ends; a hash collision only makes two unrelated writers queue. */
export async function lockVersionedKey(trx: Executor, ...parts: string[]): Promise<void> {
  // Ids never contain '|', so the joined text names one key.
  await sql`select pg_advisory_xact_lock(${CATALOG_LOCK_CLASS}::int4, hashtext(${parts.join('|')}))`.execute(trx);
}
