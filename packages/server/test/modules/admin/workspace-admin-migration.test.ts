/**
 * Migration 2026-12-06-0011-workspace-admin keeps existing clients working (ADR 0021): the
 * bootstrap client's workspace becomes the system workspace, and platform-admin held anywhere
 * else becomes workspace-admin of that workspace (clients and API tokens alike).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigrator, migrateToLatest } from '../../../src/storage/migrator.js';
import { type OpenDatabase, createDb } from '../../../src/storage/create-db.js';

describe('migration 2026-12-06-0011-workspace-admin', () => {
  let opened: OpenDatabase;
  beforeAll(async () => {
    opened = await createDb('memory://');
    const result = await createMigrator(opened.db).migrateTo('2026-12-06-0010-navigator-report-index');
    expect(result.error).toBeUndefined();
  });
  afterAll(() => opened.db.destroy());

  it('marks the bootstrap workspace as the system one and turns platform-admin elsewhere into workspace-admin', async () => {
    const { db } = opened;
    const boot = 'b'.repeat(32);
    const other = 'c'.repeat(32);
    const plain = 'd'.repeat(32);
    await sql`insert into workspaces (id, name, created_at) values (${other}, 'other', '2020-01-01'), (${boot}, 'boot', '2026-01-01'), (${plain}, 'plain', '2026-01-02')`.execute(db);
    // The bootstrap client is the oldest client; the planted one in `other` came later, though its workspace is older.
    await sql`insert into api_clients (id, workspace_id, name, secret_hash, roles, created_at) values
      ('00000000-0000-4000-8000-000000000001', ${boot}, 'bootstrap', 'h', '{platform-admin,flex-viewer}', '2026-01-01T00:00:01Z'),
      ('00000000-0000-4000-8000-000000000002', ${other}, 'planted', 'h', '{flex-viewer,platform-admin}', '2026-01-03T00:00:00Z'),
      ('00000000-0000-4000-8000-000000000003', ${plain}, 'reader', 'h', '{flex-viewer}', '2026-01-04T00:00:00Z')`.execute(db);
    await sql`insert into workspace_api_tokens (id, workspace_id, name, roles, token_hash, created_at, expires_at) values
      ('00000000-0000-4000-8000-000000000011', ${other}, 't', '{platform-admin}', 'x1', now(), now() + interval '1 day'),
      ('00000000-0000-4000-8000-000000000012', ${boot}, 't', '{platform-admin}', 'x2', now(), now() + interval '1 day')`.execute(db);

    await migrateToLatest(db);

    const workspaces = await db.selectFrom('workspaces').select(['id', 'is_system']).orderBy('id').execute();
    expect(workspaces).toEqual([
      { id: boot, is_system: true },
      { id: other, is_system: false },
      { id: plain, is_system: false },
    ]);
    const clients = await db.selectFrom('api_clients').select(['name', 'roles']).orderBy('created_at').execute();
    expect(clients).toEqual([
      { name: 'bootstrap', roles: ['platform-admin', 'flex-viewer'] },
      { name: 'planted', roles: ['flex-viewer', 'workspace-admin'] },
      { name: 'reader', roles: ['flex-viewer'] },
    ]);
    const tokens = await db.selectFrom('workspace_api_tokens').select(['workspace_id', 'roles']).orderBy('token_hash').execute();
    expect(tokens).toEqual([
      { workspace_id: other, roles: ['workspace-admin'] },
      { workspace_id: boot, roles: ['platform-admin'] },
    ]);
  });
});
