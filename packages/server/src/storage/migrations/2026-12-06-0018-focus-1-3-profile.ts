/**
 * focus_exports.profile may be `focus-1.3` (ADR 0025), so that a definition moves from focus-1.2 to
 * focus-1.3 by a PATCH. Migration 0005 declared the check on the column, which PostgreSQL named
 * `focus_exports_profile_check`; it is replaced by a named one. No cost_records column is added: every
 * FOCUS 1.3 value Consumo knows is computed from columns it already stores.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table focus_exports drop constraint if exists focus_exports_profile_check`.execute(db);
  await sql`alter table focus_exports add constraint focus_exports_profile check (profile in ('greenlake', 'focus-1.2', 'focus-1.3'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update focus_exports set profile = 'focus-1.2' where profile = 'focus-1.3'`.execute(db);
  await sql`alter table focus_exports drop constraint if exists focus_exports_profile`.execute(db);
  await sql`alter table focus_exports add constraint focus_exports_profile_check check (profile in ('greenlake', 'focus-1.2'))`.execute(db);
}
