import { describe, expect, it } from 'vitest';
import { bulkInsert, bulkInsertStream, encodeBatch, type BulkColumn } from '../../src/demo/index.js';
import { suiteDatabase } from '../support/demo-fixtures.js';
import { testEngines } from '../support/test-databases.js';

interface Account {
  id: string;
  name: string;
  currency: string;
  at: Date;
}

const COLUMNS: readonly BulkColumn<'billing_accounts', Account>[] = [
  { name: 'id', type: 'text', value: (a) => a.id },
  { name: 'name', type: 'text', value: (a) => a.name },
  { name: 'currency', type: 'text', value: (a) => a.currency },
  { name: 'created_at', type: 'timestamptz', value: (a) => a.at },
  { name: 'updated_at', type: 'timestamptz', value: (a) => a.at },
];

const AWKWARD = ['plain', '', 'NULL', 'null', 'with "quotes"', 'back\\slash\\', '{braces}', 'a,b', ' padded ', 'new\nline', 'tab\there', 'ünïcødé ✓ 日本', "it's"];

describe('encodeBatch', () => {
  it('turns each column into one array literal, quoting strings and writing NULL for null', () => {
    const batch = encodeBatch('billing_accounts', COLUMNS.slice(0, 2), [
      { id: 'a"1', name: 'x\\y', currency: 'USD', at: new Date(0) },
      { id: 'b', name: 'NULL', currency: 'EUR', at: new Date(0) },
    ]);
    expect(batch.literals).toEqual(['{"a\\"1","b"}', '{"x\\\\y","NULL"}']);
    expect(batch.rows).toBe(2);
  });

  it('refuses a column type that is not on the list', () => {
    const bad = [{ name: 'id', type: 'text; drop table x', value: () => 'x' }] as unknown as BulkColumn<'billing_accounts', Account>[];
    expect(() => encodeBatch('billing_accounts', bad, [])).toThrow(TypeError);
  });
});

describe.each(testEngines())('bulkInsert on %s', (engine) => {
  const database = suiteDatabase(engine, ['w1', 'w2']);

  it('round-trips awkward text, timestamps and a constant column exactly', async () => {
    const at = new Date('2024-02-29T12:34:56.789Z');
    const rows = AWKWARD.map((name, i) => ({ id: `id-${i}`, name, currency: i % 2 ? 'EUR' : 'USD', at }));
    const n = await bulkInsert(database.db, 'billing_accounts', COLUMNS, rows, [{ name: 'workspace_id', type: 'text', value: 'w1' }]);
    expect(n).toBe(AWKWARD.length);
    const back = await database.db.selectFrom('billing_accounts').selectAll().where('workspace_id', '=', 'w1').orderBy('id').execute();
    const byId = new Map(back.map((r) => [r.id, r]));
    rows.forEach((row) => {
      expect(byId.get(row.id)).toMatchObject({ workspace_id: 'w1', name: row.name, currency: row.currency });
      expect(byId.get(row.id)?.created_at.toISOString()).toBe(at.toISOString());
    });
  });

  it('writes nulls, booleans, integers, uuids and jsonb from JSON text', async () => {
    await bulkInsert(
      database.db,
      'flex_orders',
      [
        { name: 'id', type: 'uuid', value: () => '3b741a59-a22b-432f-b2cf-b72cc1a04c2d' },
        { name: 'generation', type: 'int4', value: () => 3 },
        { name: 'created_at', type: 'timestamptz', value: () => new Date(0) },
        { name: 'updated_at', type: 'timestamptz', value: () => '2020-01-01T00:00:00Z' },
        { name: 'billing_account_id', type: 'text', value: () => 'HP-1' },
        { name: 'billing_account_name', type: 'text', value: () => 'One' },
        { name: 'sow_id', type: 'text', value: () => 'OPE-1' },
        { name: 'order_start_date', type: 'timestamptz', value: () => new Date(0) },
        { name: 'order_end_date', type: 'timestamptz', value: () => new Date(0) },
        { name: 'customer_name', type: 'text', value: () => 'C' },
        { name: 'reseller_name', type: 'text', value: () => null },
        { name: 'is_flex_partner', type: 'bool', value: () => false },
      ],
      [{}],
      [{ name: 'workspace_id', type: 'text', value: 'w2' }],
    );
    const order = await database.db.selectFrom('flex_orders').selectAll().where('workspace_id', '=', 'w2').executeTakeFirstOrThrow();
    expect(order).toMatchObject({ generation: 3, reseller_name: null, is_flex_partner: false, distributor_name: null });
    expect(order.updated_at.toISOString()).toBe('2020-01-01T00:00:00.000Z');

    const tags = [{ name: 'k"ey', value: 'va\\lue, {x}' }];
    await bulkInsertStream(
      database.db,
      'flex_devices',
      [
        { name: 'id', type: 'uuid', value: (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` },
        { name: 'resource_id', type: 'uuid', value: (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` },
        { name: 'created_at', type: 'timestamptz', value: () => new Date(0) },
        { name: 'updated_at', type: 'timestamptz', value: () => new Date(0) },
        { name: 'mac_address', type: 'text', value: (i: number) => `m${i}` },
        { name: 'serial_number', type: 'text', value: (i: number) => `s${i}` },
        { name: 'part_number', type: 'text', value: () => 'P' },
        { name: 'device_type', type: 'text', value: () => 'AP' },
        { name: 'model', type: 'text', value: () => 'M' },
        { name: 'make', type: 'text', value: () => 'HPE' },
        { name: 'tags', type: 'jsonb', value: (i: number) => JSON.stringify(i === 0 ? tags : []) },
      ],
      [[0, 1], [2], [], [3, 4, 5]],
      [{ name: 'workspace_id', type: 'text', value: 'w2' }],
    );
    const devices = await database.db.selectFrom('flex_devices').select(['serial_number', 'tags', 'generation']).where('workspace_id', '=', 'w2').orderBy('id').execute();
    expect(devices.map((d) => d.serial_number)).toEqual(['s0', 's1', 's2', 's3', 's4', 's5']);
    expect(devices[0]?.tags).toEqual(tags);
    expect(devices[0]?.generation).toBe(1);
  });

  it('reports progress per batch and surfaces a failing batch', async () => {
    const seen: number[] = [];
    const cols: readonly BulkColumn<'billing_accounts', string>[] = [
      { name: 'id', type: 'text', value: (id) => id },
      { name: 'name', type: 'text', value: (id) => id },
    ];
    const ws = [{ name: 'workspace_id', type: 'text', value: 'w2' }] as const;
    const n = await bulkInsertStream(database.db, 'billing_accounts', cols, [['p1', 'p2'], ['p3']], ws, (done) => seen.push(done));
    expect(n).toBe(3);
    expect(seen).toEqual([2, 3]);
    // p3 again violates the primary key: the error comes out of the stream, not as an unhandled rejection.
    await expect(bulkInsertStream(database.db, 'billing_accounts', cols, [['p9'], ['p3'], ['p10']], ws)).rejects.toThrow();
  });
});
