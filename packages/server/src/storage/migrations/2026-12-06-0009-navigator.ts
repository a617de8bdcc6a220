/**
 * VMware Cloud Partner Navigator: provider and tenant organizations, and API tokens (issue 14).
 *
 * - workspaces gets `parent_id` (a tenant's provider; one level: a tenant has no tenants, which the
 *   service checks), `company_name`, and `anniversary_billing_date` (a tenant's anniversary billing
 *   date: its billing periods start on that day of the month; null is calendar months).
 *   A provider with tenants cannot be deleted before them (`on delete restrict`).
 * - workspace_api_tokens: long-lived API tokens as Navigator issues them, exchanged for access
 *   tokens. Only the SHA-256 of the token is kept (the token is 256 random bits, so a fast hash is
 *   as strong as a slow one); revoking keeps the row, so a revoked token is told from an unknown one.
 * - cost_rollups_daily gets an index by workspace, service and day: when an organization first used
 *   a service (a subscription's start) is one index probe per service.
 */
import { type Kysely, sql } from 'kysely';

const STATEMENTS = [
  `alter table workspaces add column parent_id text references workspaces (id) on delete restrict`,
  `alter table workspaces add constraint workspaces_not_own_parent check (parent_id is null or parent_id <> id)`,
  `alter table workspaces add column company_name text`,
  `alter table workspaces add column anniversary_billing_date date`,
  `create index workspaces_parent on workspaces (parent_id) where parent_id is not null`,

  `create table workspace_api_tokens (
     id uuid primary key,
     workspace_id text not null references workspaces (id) on delete cascade,
     name text not null,
     roles text[] not null,
     token_hash text not null unique,
     created_at timestamptz not null,
     expires_at timestamptz not null,
     revoked_at timestamptz
   )`,
  `create index workspace_api_tokens_workspace on workspace_api_tokens (workspace_id, created_at)`,

  `create index cost_rollups_daily_service_day on cost_rollups_daily (workspace_id, service_name, day)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists cost_rollups_daily_service_day`.execute(db);
  await sql`drop table if exists workspace_api_tokens`.execute(db);
  await sql`drop index if exists workspaces_parent`.execute(db);
  await sql`alter table workspaces drop constraint if exists workspaces_not_own_parent`.execute(db);
  for (const column of ['anniversary_billing_date', 'company_name', 'parent_id']) {
    await sql.raw(`alter table workspaces drop column if exists ${column}`).execute(db);
  }
}
