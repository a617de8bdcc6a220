/** compiledOnce: a statement compiled once answers each execution with that execution's values, on both engines. */
import { type KyselyPlugin, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledOnce } from '../../src/storage/compiled-once.js';
import type { Executor } from '../../src/storage/database.js';
import { type TestDatabase, createWorkspace, openTestDatabase, testEngines } from '../support/test-databases.js';

describe.each(testEngines())('compiledOnce on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    await createWorkspace(t.db, 'ws-a', 'alpha');
    await createWorkspace(t.db, 'ws-b', 'beta');
  });
  afterAll(() => t?.drop());

  it('binds each execution’s values where build put them, whatever order the SQL takes them in', async () => {
    // The SQL takes `name` before `id`: the parameters are mapped back to the values, not taken in call order.
    const byIdAndName = compiledOnce((db: Executor, id: string, name: string) =>
      db.selectFrom('workspaces').select('id').where(sql<boolean>`name = ${name}`).where('id', '=', id),
    );
    expect(await byIdAndName(t.db, 'ws-a', 'alpha')).toEqual([{ id: 'ws-a' }]);
    expect(await byIdAndName(t.db, 'ws-b', 'beta')).toEqual([{ id: 'ws-b' }]);
    expect(await byIdAndName(t.db, 'ws-a', 'beta')).toEqual([]);
  });

  it('keeps a value build wrote itself, and refuses a value that never reaches the statement', async () => {
    const named = compiledOnce((db: Executor, id: string) => db.selectFrom('workspaces').select('id').where('name', '=', 'alpha').where('id', '=', id));
    expect(await named(t.db, 'ws-a')).toEqual([{ id: 'ws-a' }]);
    expect(await named(t.db, 'ws-b')).toEqual([]);
    const dropsOne = compiledOnce((db: Executor, id: string, _unused: string) => db.selectFrom('workspaces').select('id').where('id', '=', id));
    await expect(dropsOne(t.db, 'ws-a', 'x')).rejects.toThrow(/value 1 does not reach the statement/);
  });

  it('compiles a raw sql statement once as well, and builds it afresh for a database with plugins', async () => {
    const byName = compiledOnce((_db: Executor, name: string) => sql<{ id: string }>`select id from workspaces where name = ${name}`);
    expect(await byName(t.db, 'alpha')).toEqual([{ id: 'ws-a' }]);
    expect(await byName(t.db, 'beta')).toEqual([{ id: 'ws-b' }]);
    // A plugin sees every statement as it would without compiledOnce: each execution is built and transformed anew.
    let transformed = 0;
    const counting: KyselyPlugin = {
      transformQuery: (args) => {
        transformed++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const withPlugin = t.db.withPlugin(counting);
    expect(await byName(withPlugin, 'alpha')).toEqual([{ id: 'ws-a' }]);
    expect(await byName(withPlugin, 'beta')).toEqual([{ id: 'ws-b' }]);
    expect(transformed).toBe(2);
  });
});
