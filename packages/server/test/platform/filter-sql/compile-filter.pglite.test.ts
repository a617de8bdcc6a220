// Runs compiled filters on a real PostgreSQL (PGlite in memory): the rows returned prove the SQL's
// semantics (null rules, not over nulls, in spellings, exact decimals, timestamps with offsets, tags).
import { PGlite } from '@electric-sql/pglite';
import type { RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFilter, compileTagFilter, type FieldMap } from '../../../src/platform/filter-sql/index.js';
import { offlineDb } from '../../support/offline-compiler.js';

const db = offlineDb;

const fields: FieldMap = {
  name: { column: 'i.name', type: 'string' },
  make: { column: 'make', type: 'string' },
  model: { column: 'model', type: 'string', nullable: true },
  qty: { column: 'qty', type: 'integer', nullable: true },
  price: { column: 'price', type: 'decimal', nullable: true },
  active: { column: 'active', type: 'boolean', nullable: true },
  seenAt: { column: 'seen_at', type: 'timestamp', nullable: true },
  labels: { column: 'labels', type: 'string', nullable: true, array: true },
};

const setup = `
  create table items (
    name text primary key, make text not null, model text, qty integer, price numeric(12, 4), active boolean,
    seen_at timestamptz, labels text[], tags jsonb);
  insert into items values
    ('a', 'HPE',     'DL380', 5,    10.10,         true,  '2024-01-18T19:53:51.480Z',  '{blue,red}', '{"City": "London", "team": "Core"}'),
    ('b', 'HPE',     null,    null, 0.1,           false, '2024-06-01T00:00:00Z',      '{green}',    '{"city": "paris"}'),
    ('c', 'Dell',    'R740',  12,   null,          null,  null,                        null,         null),
    ('d', 'Cisco',   'C9300', -3,   99999999.9999, true,  '2023-12-31T23:59:59+02:00', '{}',         '{}'),
    ('e', 'O''Brien', 'x',    0,    0.3,           false, '2024-01-18T19:53:51.481Z',  '{blue}',     '{"CITY": "LONDON"}');`;

let pg: PGlite;
beforeAll(async () => {
  pg = await PGlite.create();
  await pg.exec(setup);
});
afterAll(async () => pg.close());

async function names(predicate: RawBuilder<boolean>): Promise<string[]> {
  const query = db.selectFrom('items as i').select('i.name').where(predicate).orderBy('i.name').compile();
  const result = await pg.query<{ name: string }>(query.sql, [...query.parameters]);
  return result.rows.map((r) => r.name);
}

/** The filter selects exactly the expected rows. */
const matches = async (filter: string, expected: readonly string[]) => {
  expect(await names(compileFilter(filter, fields))).toEqual(expected);
};
/** The filter-tags expression selects exactly the expected rows. */
const tagsMatch = async (filter: string, expected: readonly string[]) => {
  expect(await names(compileTagFilter(filter, 'i.tags'))).toEqual(expected);
};

const table = (rows: [string, string][]) => rows.map(([filter, expected]) => [filter, expected.split('').filter((c) => c !== ' ')] as const);

describe('filter semantics on PostgreSQL', () => {
  it.each(
    table([
      ["make eq 'HPE'", 'ab'],
      ["make ne 'HPE'", 'cde'],
      ["make eq 'hpe'", ''],
      ["make eq 'O''Brien'", 'e'],
      ['model eq null', 'b'],
      ['model ne null', 'acde'],
      ["model eq 'DL380'", 'a'],
      ["model ne 'DL380'", 'bcde'],
      ["not model eq 'DL380'", 'bcde'],
      ["not model ne 'DL380'", 'a'],
      ['qty gt 4', 'ac'],
      ['not qty gt 4', 'bde'],
      ['not (qty gt 4 or qty lt 0)', 'be'],
      ['qty le 0', 'de'],
      ['qty ge -3 and qty lt 1', 'de'],
      ["qty eq '12'", 'c'],
    ]),
  )('%s → %j', matches);

  it.each(
    table([
      ['qty in (5, 12)', 'ac'],
      ['qty in [5, 12]', 'ac'],
      ['qty in 5, 12', 'ac'],
      ['not qty in (5, 12)', 'bde'],
      ['qty in (5, null)', 'ab'],
      ['not qty in (5, null)', 'cde'],
      ['qty in (null)', 'b'],
      ["make in 'Dell', 'Cisco' and qty lt 100", 'cd'],
      ["'blue' in labels", 'ae'],
      ["not 'blue' in labels", 'bcd'],
    ]),
  )('in: %s → %j', matches);

  it.each(
    table([
      ['price eq 0.3', 'e'],
      ['price eq 0.30000', 'e'],
      ["price eq '0.1'", 'b'],
      ['price gt 10.1', 'd'],
      ['price ge 10.10', 'ad'],
      ['price lt 0.2', 'b'],
      ['price eq 99999999.9999', 'd'],
      ['not price gt 1', 'bce'],
      ['active eq true', 'ad'],
      ['active ne true', 'bce'],
      ['active eq false', 'be'],
      ['not active eq false', 'acd'],
      ["active eq 'TRUE'", 'ad'],
      ['active eq null', 'c'],
    ]),
  )('decimals and booleans: %s → %j', matches);

  it.each(
    table([
      ['seenAt eq 2024-01-18T19:53:51.480Z', 'a'],
      ['seenAt gt 2024-01-18T19:53:51.480Z', 'be'],
      ["seenAt gt '2024-01-18T19:53:51.480Z'", 'be'],
      ["seenAt lt '2024-01-01T00:00:00+02:00'", 'd'],
      ['seenAt eq 2023-12-31T21:59:59Z', 'd'],
      ['seenAt eq 2023-12-31t21:59:59z', 'd'],
      ['not seenAt lt 2024-01-01T00:00:00Z', 'abce'],
      ['seenAt ge 2024-01-18T20:53:51.4805+01:00 and seenAt le 2024-01-18T19:53:51.481Z', 'e'],
    ]),
  )('timestamps: %s → %j', matches);

  it.each(
    table([
      ["make eq 'Dell' or make eq 'HPE' and active eq true", 'ac'],
      ["(make eq 'Dell' or make eq 'HPE') and active eq true", 'a'],
      ["not (make eq 'HPE' or model eq null) and not active eq false", 'cd'],
      ["NOT ((qty GT 0 AND qty LT 10) OR (price GE 100 AND NOT active EQ false))", 'bce'],
    ]),
  )('logic: %s → %j', matches);

  it('binds hostile text as a value', async () => {
    expect(await names(compileFilter("make eq '''; drop table items; --'", fields))).toEqual([]);
    expect(await names(compileFilter("name ne 'x'", fields))).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});

describe('filter-tags semantics on PostgreSQL', () => {
  it.each(
    table([
      ["'city' eq 'london'", 'ae'],
      ["'CITY' eq 'London'", 'ae'],
      // ne: the tag is there with another value (Subscription Management's wording, ADR 0009).
      ["'CITY' ne 'London'", 'b'],
      ["not 'city' ne 'London'", 'acde'],
      ["'city' ne 'London' or not 'city' in keys", 'bcd'],
      ["'city' in ('Paris', 'Rome')", 'b'],
      ["'city' in 'Paris', 'London'", 'abe'],
      ["'Team' in keys", 'a'],
      ["not 'team' in keys", 'bcde'],
      ["'city' eq 'London' and 'team' eq 'core'", 'a'],
      ["'city' eq 'London' or 'city' eq 'Paris'", 'abe'],
      ["'it''s' eq 'x'", ''],
    ]),
  )('%s → %j', tagsMatch);
});
