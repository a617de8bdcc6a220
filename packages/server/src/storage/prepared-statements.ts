/**
 * Named prepared statements on PostgreSQL: the first statements of each connection (up to a
 * bound) are sent with a name, so PostgreSQL parses and plans them once per connection instead of
 * on every execution — about half its CPU per primary-key look-up in bench/flex-list. The bound
 * keeps memory finite whatever filters users send: past it, new statement texts run unnamed.
 * One-off shapes run unnamed too: a text with many parameters is a list whose length varies
 * (an `in (…)` of ids, a batch of rows), not a statement that comes back. A long text with few
 * parameters does come back (a report's statement), and is what gains most from a kept plan.
 * A statement carrying PLAN_EACH_TIME runs unnamed too: a filtered list's page and count, whose
 * best plan depends on the values (a generic plan, blind to them, walked every match of a
 * subscription filter and sorted, 15× slower than the custom plan: bench/subscriptions (b)).
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';

export const MAX_PREPARED_PER_CONNECTION = 256;
export const MAX_PREPARED_PARAMETERS = 64;
// A bound on the text kept per statement, far above any fixed statement's.
const MAX_PREPARED_SQL_LENGTH = 20_000;

/** A comment that makes PostgreSQL plan the statement with its values every time (see above); add it with `planEachTime`. */
export const PLAN_EACH_TIME = '/* consumo: plan each time */';

const patched = new WeakSet<pg.PoolClient>();

function prepareOn(client: pg.PoolClient): void {
  const names = new Map<string, string>();
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  // Same signature as pg's query: (text, values?, callback?) — pg.Pool#query passes a callback.
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (text: unknown, ...rest: unknown[]) => {
    if (typeof text !== 'string' || text.length > MAX_PREPARED_SQL_LENGTH || text.endsWith(PLAN_EACH_TIME)) return query(text, ...rest);
    const [values, callback] = typeof rest[0] === 'function' ? [undefined, rest[0]] : rest;
    if (Array.isArray(values) && values.length > MAX_PREPARED_PARAMETERS) return query(text, ...rest);
    let name = names.get(text);
    if (!name && names.size < MAX_PREPARED_PER_CONNECTION) {
      name = `consumo_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      names.set(text, name);
    }
    if (!name) return query(text, ...rest);
    return callback === undefined ? query({ name, text, values }) : query({ name, text, values }, callback);
  };
}

/** A pool whose clients prepare their statements (see above); Kysely drives it like a pg.Pool. */
export function withPreparedStatements(pool: pg.Pool): pg.Pool {
  pool.on('connect', (client) => {
    if (!patched.has(client)) {
      patched.add(client);
      prepareOn(client);
    }
  });
  return pool;
}
