// Pins the SQL and parameters compiled for representative filters in golden/*.sql, and runs each
// one on PGlite so that every pinned statement is also valid SQL. UPDATE_GOLDEN=1 rewrites them.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFilter, compileTagFilter, type FieldMap } from '../../../src/platform/filter-sql/index.js';
import { offlineDb } from '../../support/offline-compiler.js';

const goldenDir = new URL('./golden/', import.meta.url);
const update = process.env.UPDATE_GOLDEN === '1';

const db = offlineDb;

const fields: FieldMap = {
  id: { column: 'id', type: 'uuid' },
  key: { column: 's.key', type: 'string' },
  subscriptionType: { column: 'subscription_type', type: 'string' },
  productType: { column: 'product_type', type: 'string', nullable: true },
  quantity: { column: 'quantity', type: 'integer', nullable: true },
  price: { column: 'unit_price', type: 'decimal' },
  isEval: { column: 'is_eval', type: 'boolean' },
  isFlexPartner: { column: 'is_flex_partner', type: 'boolean', nullable: true },
  createdAt: { column: 'created_at', type: 'timestamp' },
  startTime: { column: 'start_time', type: 'timestamp' },
  endTime: { column: 'end_time', type: 'timestamp', nullable: true },
  labels: { column: 'labels', type: 'string', array: true },
  'tags/name': { column: 'tag_name', type: 'string', nullable: true },
  kind: { column: 'kind', type: 'string', expression: sql`'subscription'::text` },
};

const table = `create table subscriptions (
  id uuid not null, key text not null, subscription_type text not null, product_type text, quantity integer,
  unit_price numeric(12, 2) not null, is_eval boolean not null, is_flex_partner boolean,
  created_at timestamptz not null, start_time timestamptz not null, end_time timestamptz,
  labels text[] not null, tag_name text, tags jsonb)`;

/** [golden name, filter text, 'tags' for a filter-tags case] */
const cases: [string, string, 'tags'?][] = [
  ['eq-string', "key eq 'STIAPL6404'"],
  ['ne-string', "subscriptionType ne 'SERVICE'"],
  ['eq-nullable', "productType eq 'DEVICE'"],
  ['ne-nullable', "productType ne 'SERVICE'"],
  ['eq-null', 'productType eq null'],
  ['ne-null', 'productType ne null'],
  ['gt-integer-nullable', 'quantity gt 5'],
  ['ge-integer-quoted', "quantity ge '10'"],
  ['lt-decimal', 'price lt 12.50'],
  ['le-negative-decimal', 'price le -0.25'],
  ['eq-boolean', 'isEval eq true'],
  ['ne-boolean-nullable', 'isFlexPartner ne false'],
  ['eq-uuid-lowercased', "id eq 'A0B1C2D3-E4F5-4A6B-8C7D-9E0F1A2B3C4D'"],
  ['ge-timestamp-unquoted', 'createdAt ge 2024-01-18T19:53:51.480Z'],
  ['lt-timestamp-quoted-offset', "endTime lt '2024-01-18t19:53:51+02:00'"],
  ['in-parentheses', "subscriptionType in ('CENTRAL_STORAGE','CENTRAL_CONTROLLER')"],
  ['in-brackets', "key in ['A','B']"],
  ['in-bare', "subscriptionType in 'CENTRAL_STORAGE', 'CENTRAL_CONTROLLER'"],
  ['in-nullable', 'quantity in (1, 2, 3)'],
  ['in-with-null', "productType in ('DEVICE', null)"],
  ['member-array', "'blue' in labels"],
  ['nested-path', "tags/name eq 'alpha'"],
  ['expression-field', "kind eq 'subscription'"],
  ['precedence-and-over-or', "key eq 'a' or key eq 'b' and isEval eq true"],
  ['parentheses-group', "(key eq 'a' or key eq 'b') and isEval eq true"],
  ['not-nullable', "not productType eq 'SERVICE'"],
  [
    'vendor-not-example',
    "startTime gt '2024-01-01T00:00:00Z' and endTime lt '2025-01-01T00:00:00Z' and not productType eq 'SERVICE'",
  ],
  ['nested-parentheses', 'not ((quantity gt 1 and quantity lt 10) or (price ge 100 and not isEval eq false))'],
  ['tags-eq', "'city' eq 'London'", 'tags'],
  ['tags-ne', "'city' ne 'London'", 'tags'],
  ['tags-in-and-keys', "('city' eq 'London' or 'City' in ('Paris', 'Berlin')) and not 'Owner' in keys", 'tags'],
];

function compile(text: string, mode?: 'tags'): RawBuilder<boolean> {
  return mode === 'tags' ? compileTagFilter(text, 's.tags') : compileFilter(text, fields);
}

function render(text: string, mode?: 'tags'): string {
  const { sql: statement, parameters } = compile(text, mode).compile(db);
  return `-- filter${mode === 'tags' ? '-tags' : ''}: ${text}\n-- params: ${JSON.stringify(parameters)}\n${statement}\n`;
}

describe('compiled SQL matches the golden files', () => {
  it.each(cases)('%s', (name, text, mode) => {
    const file = new URL(`${name}.sql`, goldenDir);
    const actual = render(text, mode);
    if (update) writeFileSync(file, actual);
    expect(existsSync(file), `missing golden ${name}.sql; run with UPDATE_GOLDEN=1`).toBe(true);
    expect(actual).toBe(readFileSync(file, 'utf8'));
  });

  it('has no golden file without a case', () => {
    const names = new Set(cases.map(([name]) => `${name}.sql`));
    expect(readdirSync(goldenDir).filter((f) => !names.has(f))).toEqual([]);
  });
});

describe('every golden statement runs on PostgreSQL (PGlite)', () => {
  let pg: PGlite;
  beforeAll(async () => {
    pg = await PGlite.create();
    await pg.exec(table);
  });
  afterAll(async () => pg.close());

  it.each(cases)('%s', async (_name, text, mode) => {
    const query = db.selectFrom('subscriptions as s').select(sql<number>`count(*)::int`.as('n')).where(compile(text, mode)).compile();
    const result = await pg.query<{ n: number }>(query.sql, [...query.parameters]);
    expect(result.rows).toEqual([{ n: 0 }]);
  });
});
