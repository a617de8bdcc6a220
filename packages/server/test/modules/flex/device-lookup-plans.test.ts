/**
 * ADR 0038, PostgreSQL only: a batch of checked device look-ups is planned once per connection.
 * Its ids are padded to GENERIC_PLAN_ARRAY_LENGTH, so after PostgreSQL's five custom plans the
 * generic plan is kept, instead of a custom plan (~0.16 ms) on every execution.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrincipalLookup } from '../../../src/platform/auth/principal-lookup.js';
import type { UnconfirmedPrincipal } from '../../../src/platform/auth/principal-check.js';
import { findDeviceByResourceId } from '../../../src/modules/flex/flex.repository.js';
import { createDb } from '../../../src/storage/create-db.js';
import type { Db } from '../../../src/storage/database.js';
import { DEVICE_IDS, insertFlexFixtures } from '../../support/flex-fixtures.js';
import { createWorkspace, migratedPostgresTemplate, scratchPostgresDatabase, testEngines } from '../../support/test-databases.js';

const CLIENT = '0000000a-0000-4000-8000-000000000001';
const UNKNOWN = 'aaaaaaaa-0000-4000-8000-0000000000ff';

describe.runIf(testEngines().includes('postgres'))('the batched device look-up on PostgreSQL', () => {
  let scratch: Awaited<ReturnType<typeof scratchPostgresDatabase>>;
  let db: Db;
  let principal: UnconfirmedPrincipal;
  beforeAll(async () => {
    scratch = await scratchPostgresDatabase('consumo_t', await migratedPostgresTemplate());
    // One connection: every statement below runs in the session whose plans are read.
    ({ db } = await createDb(scratch.url, { poolSize: 1 }));
    await createWorkspace(db, 'ws-a');
    await insertFlexFixtures(db, 'ws-a');
    // A table of realistic size: on a few rows every plan is cheap, and the generic one wins anyway.
    await sql`
      insert into flex_devices (workspace_id, id, resource_id, created_at, updated_at, mac_address, serial_number, part_number, device_type, model, make)
      select 'ws-a', gen_random_uuid(), gen_random_uuid(), now(), now(), 'mac-' || n, 'SN' || n, 'P1', 'SERVER', 'DL380', 'HPE'
      from generate_series(1, 50000) as n`.execute(db);
    await sql`analyze flex_devices`.execute(db);
    await sql`insert into api_clients (id, workspace_id, name, secret_hash, roles) values (${CLIENT}, ${'ws-a'}, 'c', 'x', '{flex-viewer}')`.execute(db);
    const lookup = new PrincipalLookup(db);
    await lookup.principal(CLIENT);
    principal = { check: lookup.remembered.get('client', CLIENT)!.check, asOf: new Date(), confirm: async () => undefined };
  }, 240_000);
  afterAll(async () => {
    await db?.destroy();
    await scratch?.drop();
  });

  it('keeps the generic plan after five custom ones, and answers the same rows', async () => {
    for (let round = 0; round < 12; round++) {
      // Batches of 2 to 5 ids, one unknown among them.
      const ids = [...DEVICE_IDS.slice(0, 1 + (round % 4)), UNKNOWN];
      const rows = await Promise.all(ids.map((id) => findDeviceByResourceId(db, 'ws-a', id, principal)));
      expect(rows.map((r) => r?.resource_id)).toEqual([...ids.slice(0, -1), undefined]);
    }
    const plans = await sql<{ generic_plans: string; custom_plans: string }>`
      select generic_plans, custom_plans from pg_prepared_statements where statement like ${'%resource_id = any(cast(%'}`.execute(db);
    expect(plans.rows).toHaveLength(1);
    expect(Number(plans.rows[0]!.custom_plans)).toBe(5);
    expect(Number(plans.rows[0]!.generic_plans)).toBe(7);
  });
});
