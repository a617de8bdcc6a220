/**
 * ADR 0035: checked device look-ups of one turn share one statement on both engines — each gets its
 * own device (or none), a changed principal fails all of them, and other workspaces or principals
 * never share it.
 */
import { type KyselyPlugin, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrincipalLookup } from '../../../src/platform/auth/principal-lookup.js';
import type { UnconfirmedPrincipal } from '../../../src/platform/auth/principal-check.js';
import { findDeviceByResourceId } from '../../../src/modules/flex/flex.repository.js';
import type { Db } from '../../../src/storage/database.js';
import { DEVICE_IDS, insertFlexFixtures } from '../../support/flex-fixtures.js';
import { type TestDatabase, createWorkspace, openTestDatabase, testEngines } from '../../support/test-databases.js';

const UNKNOWN = 'aaaaaaaa-0000-4000-8000-0000000000ff';
const CLIENT_A = '0000000a-0000-4000-8000-000000000001';
const CLIENT_B = '0000000b-0000-4000-8000-000000000001';

/** The database, counting the statements sent through it. */
function counting(db: Db): { db: Db; statements: () => number } {
  let n = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      n++;
      return args.result;
    },
  };
  return { db: db.withPlugin(plugin), statements: () => n };
}

describe.each(testEngines())('coalesced device look-ups on %s', (engine) => {
  let t: TestDatabase;
  let lookup: PrincipalLookup;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    for (const [ws, client] of [
      ['ws-a', CLIENT_A],
      ['ws-b', CLIENT_B],
    ] as const) {
      await createWorkspace(t.db, ws);
      await insertFlexFixtures(t.db, ws);
      await sql`insert into api_clients (id, workspace_id, name, secret_hash, roles) values (${client}, ${ws}, 'c', 'x', '{flex-viewer}')`.execute(t.db);
    }
    lookup = new PrincipalLookup(t.db);
  }, 240_000);
  afterAll(() => t?.drop());

  async function principalOf(clientId: string): Promise<UnconfirmedPrincipal> {
    await lookup.principal(clientId);
    const known = lookup.remembered.get('client', clientId)!;
    return { check: known.check, asOf: new Date(), confirm: async () => undefined };
  }

  it('answers each look-up of one turn with its own device, or none, from one statement', async () => {
    const p = await principalOf(CLIENT_A);
    const { db, statements } = counting(t.db);
    const ids = [...DEVICE_IDS, UNKNOWN, DEVICE_IDS[0]!];
    const rows = await Promise.all(ids.map((id) => findDeviceByResourceId(db, 'ws-a', id, p)));
    expect(rows.map((r) => r?.resource_id)).toEqual([...DEVICE_IDS, undefined, DEVICE_IDS[0]]);
    expect(rows.every((r) => r === undefined || r.workspace_id === 'ws-a')).toBe(true);
    expect(statements()).toBe(1);
  });

  it('answers none of them once the principal has changed', async () => {
    const p = await principalOf(CLIENT_A);
    await sql`update api_clients set roles = '{metering-viewer}' where id = ${CLIENT_A}`.execute(t.db);
    try {
      const rows = await Promise.all(DEVICE_IDS.map((id) => findDeviceByResourceId(t.db, 'ws-a', id, p)));
      expect(rows).toEqual(DEVICE_IDS.map(() => undefined));
    } finally {
      await sql`update api_clients set roles = '{flex-viewer}' where id = ${CLIENT_A}`.execute(t.db);
    }
  });

  it('never shares a statement across workspaces or principals', async () => {
    const [a, b] = [await principalOf(CLIENT_A), await principalOf(CLIENT_B)];
    const { db, statements } = counting(t.db);
    const rows = await Promise.all([
      findDeviceByResourceId(db, 'ws-a', DEVICE_IDS[0]!, a),
      findDeviceByResourceId(db, 'ws-b', DEVICE_IDS[0]!, b),
      // B's principal with another workspace (the route never pairs them so): a statement of its own.
      findDeviceByResourceId(db, 'ws-a', DEVICE_IDS[1]!, b),
      findDeviceByResourceId(db, 'ws-a', DEVICE_IDS[1]!, a),
    ]);
    expect(rows.map((r) => r && `${r.workspace_id}/${r.resource_id}`)).toEqual([
      `ws-a/${DEVICE_IDS[0]}`,
      `ws-b/${DEVICE_IDS[0]}`,
      `ws-a/${DEVICE_IDS[1]}`,
      `ws-a/${DEVICE_IDS[1]}`,
    ]);
    expect(statements()).toBe(3);
  });
});
