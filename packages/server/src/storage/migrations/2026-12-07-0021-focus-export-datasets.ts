/**
 * focus_exports.dataset: the FOCUS dataset a definition delivers (ADR 0025), `CostAndUsage` (every
 * definition so far, the default) or `ContractCommitment`, a FOCUS 1.3 dataset that only the
 * `focus-1.3` profile writes; the second check keeps the pair consistent whatever writes the row.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table focus_exports add column dataset text not null default 'CostAndUsage'`.execute(db);
  await sql`alter table focus_exports add constraint focus_exports_dataset check (dataset in ('CostAndUsage', 'ContractCommitment'))`.execute(db);
  await sql`alter table focus_exports add constraint focus_exports_dataset_profile check (dataset = 'CostAndUsage' or profile = 'focus-1.3')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table focus_exports drop constraint if exists focus_exports_dataset_profile`.execute(db);
  await sql`alter table focus_exports drop constraint if exists focus_exports_dataset`.execute(db);
  await sql`alter table focus_exports drop column if exists dataset`.execute(db);
}
