/**
 * Administration that cannot cross tenants (issue 15, ADR 0021): the installation's operator role
 * (`platform-admin`) is held only in the system workspace — the one the first start bootstrapped —
 * and a workspace's own administrator is `workspace-admin`. `workspaces.is_system` marks the
 * system workspace. On an existing installation it is the workspace of the oldest client holding
 * `platform-admin` (the bootstrap client: bootstrap runs before any other client exists), and
 * `platform-admin` held anywhere else becomes `workspace-admin` of that workspace, which is what
 * such a grant could safely mean — it no longer reaches other workspaces.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table workspaces add column is_system boolean not null default false`.execute(db);
  await sql`
    update workspaces set is_system = true
     where id = (select workspace_id from api_clients where 'platform-admin' = any (roles) order by created_at, id limit 1)
  `.execute(db);
  for (const table of ['api_clients', 'workspace_api_tokens']) {
    await sql`
      update ${sql.table(table)} t set roles = array_replace(t.roles, 'platform-admin', 'workspace-admin')
        from workspaces w
       where w.id = t.workspace_id and not w.is_system and 'platform-admin' = any (t.roles)
    `.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['api_clients', 'workspace_api_tokens']) {
    await sql`update ${sql.table(table)} set roles = array_replace(roles, 'workspace-admin', 'platform-admin') where 'workspace-admin' = any (roles)`.execute(db);
  }
  await sql`alter table workspaces drop column if exists is_system`.execute(db);
}
