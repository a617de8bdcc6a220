/** Demo subscription keys: counts, consistency, determinism, safe re-seeding, and 100,000 claimed keys. */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  DEMO_ORDER_CLASS, WorkspaceNotFoundError, createSubscriptionsDemo, demoKeyPrefix, seedSubscriptionsDemo,
} from '../../src/demo/index.js';
import { PRODUCT_TYPES, SUBSCRIPTION_TYPES, TIERS } from '../../src/modules/subscriptions/subscriptions.enums.js';
import type { Db } from '../../src/storage/database.js';
import { countOf, suiteDatabase } from '../support/demo-fixtures.js';
import { testEngines } from '../support/test-databases.js';
import { DAY_MS } from '@consumo/focus/formats';

const NOW = new Date('2026-11-15T00:00:00Z');
const DAY = DAY_MS;

interface KeyRow {
  key: string;
  sku: string;
  subscription_type: string;
  tier: string;
  product_type: string;
  quantity: number;
  is_eval: boolean;
  start_time: Date;
  end_time: Date;
  created_at: Date;
  claimed_by: string | null;
}

/** The workspace's demo keys, with who holds each. */
async function demoKeys(db: Db, workspaceId: string): Promise<KeyRow[]> {
  const prefix = demoKeyPrefix(workspaceId);
  const { rows } = await sql<KeyRow>`
    select k.*, s.workspace_id as claimed_by from subscription_keys k left join subscriptions s on s.key = k.key
    where left(k.key, 5) = ${prefix} and k.order_class = ${DEMO_ORDER_CLASS} order by k.key`.execute(db);
  return rows;
}

/** Every demo row of a workspace as text, in a stable order (the determinism check compares these). */
async function dump(db: Db, workspaceId: string): Promise<string[]> {
  const { rows } = await sql<{ row: string }>`
    select t as row from (
      select (to_jsonb(k))::text as t, k.key from subscription_keys k where left(k.key, 5) = ${demoKeyPrefix(workspaceId)}
      union all
      select (to_jsonb(s) - 'workspace_id')::text, s.key from subscriptions s where s.workspace_id = ${workspaceId}
    ) x order by key, t`.execute(db);
  return rows.map((r) => r.row);
}

describe('createSubscriptionsDemo', () => {
  const all = (workspaceId: string, options = {}) => [...createSubscriptionsDemo(workspaceId, { now: NOW, ...options }).keys(7)].flat();

  it('is a pure function of workspace, seed and now', () => {
    expect(all('ws-x')).toEqual(all('ws-x'));
    expect(all('ws-x', { seed: 'other' }).map((k) => k.key)).not.toEqual(all('ws-x').map((k) => k.key));
    const [a, b] = [new Set(all('ws-x').map((k) => k.key)), all('ws-y').map((k) => k.key)];
    expect(b.some((k) => a.has(k))).toBe(false);
  });

  it('keeps the keys of one kind when the counts of the others change', () => {
    const base = all('ws-x').slice(0, 24).map((k) => k.key);
    expect(all('ws-x', { free: 3, expired: 100 }).slice(0, 24).map((k) => k.key)).toEqual(base);
    const free = all('ws-x').slice(24, 36).map((k) => k.key);
    expect(all('ws-x', { claimed: 5 }).slice(5, 17).map((k) => k.key)).toEqual(free);
  });

  it('makes GreenLake-like keys: 15 upper-case letters and digits, the workspace prefix first', () => {
    const prefix = demoKeyPrefix('ws-x');
    expect(prefix).toMatch(/^[0-9A-Z]{5}$/);
    for (const { key } of all('ws-x', { claimed: 500 })) expect(key).toMatch(new RegExp(`^${prefix}[0-9A-Z]{10}$`));
  });

  it('skips keys it is told are taken, and still issues as many', () => {
    const keys = all('ws-x').map((k) => k.key);
    const skip = new Set([keys[0]!, keys[30]!]);
    const again = [...createSubscriptionsDemo('ws-x', { now: NOW }).keys(100, skip)].flat().map((k) => k.key);
    expect(again).toHaveLength(keys.length);
    expect(again.filter((k) => skip.has(k))).toEqual([]);
  });

  it('refuses counts out of range', () => {
    expect(() => createSubscriptionsDemo('ws-x', { claimed: -1 })).toThrow(RangeError);
    expect(() => createSubscriptionsDemo('ws-x', { free: 1.5 })).toThrow(RangeError);
    expect(() => createSubscriptionsDemo('ws-x', { now: new Date('nope') })).toThrow(RangeError);
  });

  it('counts from today, 00:00 UTC, by default', () => {
    const today = Math.floor(Date.now() / DAY) * DAY;
    expect(createSubscriptionsDemo('ws-x').now.getTime()).toBe(today);
  });
});

describe.each(testEngines())('seedSubscriptionsDemo on %s', (engine) => {
  const database = suiteDatabase(engine, ['ws-a', 'ws-b', 'ws-c', 'ws-big']);

  it('issues 24 claimed, 12 free and 6 expired keys by default', async () => {
    expect(await seedSubscriptionsDemo(database.db, 'ws-a', { now: NOW })).toEqual({ keys: 42, claimed: 24, free: 12, expired: 6 });
    const keys = await demoKeys(database.db, 'ws-a');
    expect(keys).toHaveLength(42);
    const claimed = keys.filter((k) => k.claimed_by !== null);
    expect(claimed).toHaveLength(24);
    expect(new Set(claimed.map((k) => k.claimed_by))).toEqual(new Set(['ws-a']));
    const free = keys.filter((k) => k.claimed_by === null && k.end_time > NOW);
    const expired = keys.filter((k) => k.claimed_by === null && k.end_time <= NOW);
    expect(free).toHaveLength(12);
    expect(expired).toHaveLength(6);
    for (const k of free) expect(k.start_time.getTime()).toBeLessThanOrEqual(NOW.getTime());
    for (const k of claimed) expect([k.start_time <= NOW, k.end_time > NOW]).toEqual([true, true]);
    expect(await countOf(database.db, sql`select count(*)::int as n from subscriptions where workspace_id = ${'ws-a'}`)).toBe(24);
  });

  it('writes keys whose SKU, type, tier, product type and term fit together', async () => {
    const keys = await demoKeys(database.db, 'ws-a');
    const family: Record<string, RegExp> = {
      CENTRAL_AP: /_AP$/,
      CENTRAL_SWITCH: /_SWITCH_/,
      CENTRAL_STORAGE: /ALLETRA/,
      CENTRAL_COMPUTE: /_PROLIANT$/,
      CENTRAL_GW: /7\dXX$/,
    };
    for (const k of keys) {
      expect(SUBSCRIPTION_TYPES).toContain(k.subscription_type);
      expect(TIERS).toContain(k.tier);
      expect(PRODUCT_TYPES).toContain(k.product_type);
      if (family[k.subscription_type]) expect(k.tier, k.subscription_type).toMatch(family[k.subscription_type]!);
      const days = Math.round((k.end_time.getTime() - k.start_time.getTime()) / DAY);
      expect([90, 365, 366, 1095, 1096, 1826, 1827], `${k.key}: ${days} days`).toContain(days);
      expect(k.is_eval).toBe(days === 90);
      expect(k.quantity).toBeGreaterThan(0);
      expect(k.start_time.getTime() % DAY).toBe(0);
      expect(k.created_at.getTime()).toBeLessThanOrEqual(k.start_time.getTime());
    }
    expect(new Set(keys.map((k) => k.subscription_type)).size).toBeGreaterThan(4);
  });

  it('writes subscriptions that copy their key, claimed in the past year, with mixed-case tags', async () => {
    const mismatched = await countOf(database.db, sql`
      select count(*)::int as n from subscriptions s join subscription_keys k on k.key = s.key
      where s.workspace_id = ${'ws-a'} and (
        (s.sku, s.sku_description, s.subscription_type, s.tier, s.tier_description, s.product_type, s.quantity, s.is_eval,
         s.start_time, s.end_time, s.provider_status, s.contract, s.quote, s.po, s.reseller_po, s.end_user_name, s.order_class)
        is distinct from
        (k.sku, k.sku_description, k.subscription_type, k.tier, k.tier_description, k.product_type, k.quantity, k.is_eval,
         k.start_time, k.end_time, k.provider_status, k.contract, k.quote, k.po, k.reseller_po, k.end_user_name, k.order_class)
        or s.available_quantity not between 0 and s.quantity
        or s.created_at < k.created_at or s.created_at < s.start_time or s.created_at > ${NOW}
        or s.created_at < ${new Date(NOW.getTime() - 366 * DAY)} or s.updated_at < s.created_at or s.updated_at > ${NOW})`);
    expect(mismatched).toBe(0);
    const rows = await database.db.selectFrom('subscriptions').select(['tags']).where('workspace_id', '=', 'ws-a').execute();
    const names = rows.flatMap((r) => Object.keys(r.tags));
    expect(names.length).toBeGreaterThan(10);
    for (const r of rows) {
      const lower = Object.keys(r.tags).map((n) => n.toLowerCase());
      expect(new Set(lower).size).toBe(lower.length);
      for (const value of Object.values(r.tags)) expect(value).toMatch(/^[\p{L}\p{N} _.:=+\-@]+$/u);
    }
    expect(names.some((n) => n !== n.toLowerCase())).toBe(true);
  });

  it('is deterministic: the same seed writes identical rows', async () => {
    const before = await dump(database.db, 'ws-a');
    await seedSubscriptionsDemo(database.db, 'ws-a', { now: NOW });
    expect(await dump(database.db, 'ws-a')).toEqual(before);
  });

  it('replaces the workspace\'s demo keys on re-seeding, leaving other keys and workspaces alone', async () => {
    await seedSubscriptionsDemo(database.db, 'ws-b', { now: NOW });
    const other = await dump(database.db, 'ws-b');
    // A key issued through the API and claimed by ws-a: not demo data, so it stays.
    await sql`insert into subscription_keys (key, sku, sku_description, subscription_type, tier, product_type, quantity, start_time, end_time)
      values ('IMPORTED0000001', 'X1', 'Imported', 'CENTRAL_AP', 'FOUNDATION_AP', 'DEVICE', 5, ${NOW}, ${new Date(NOW.getTime() + 365 * DAY)})`.execute(database.db);
    await sql`insert into subscriptions (workspace_id, id, key, created_at, updated_at, sku, sku_description, subscription_type, tier,
        product_type, quantity, available_quantity, is_eval, start_time, end_time, provider_status)
      select 'ws-a', gen_random_uuid(), key, now(), now(), sku, sku_description, subscription_type, tier, product_type, quantity,
        quantity, is_eval, start_time, end_time, provider_status from subscription_keys where key = 'IMPORTED0000001'`.execute(database.db);
    await sql`update subscription_keys set claimed_by = 'ws-a' where key = 'IMPORTED0000001'`.execute(database.db);

    const result = await seedSubscriptionsDemo(database.db, 'ws-a', { seed: 'reseed', now: new Date('2027-03-01T00:00:00Z'), claimed: 5, free: 2, expired: 1 });
    expect(result).toEqual({ keys: 8, claimed: 5, free: 2, expired: 1 });
    expect(await demoKeys(database.db, 'ws-a')).toHaveLength(8);
    expect(await countOf(database.db, sql`select count(*)::int as n from subscriptions where workspace_id = 'ws-a'`)).toBe(5 + 1);
    expect(await countOf(database.db, sql`select count(*)::int as n from subscription_keys where key = 'IMPORTED0000001'`)).toBe(1);
    expect(await dump(database.db, 'ws-b')).toEqual(other);
  });

  it('leaves a demo key another workspace claimed to that workspace, and issues a replacement', async () => {
    await seedSubscriptionsDemo(database.db, 'ws-c', { now: NOW });
    const free = (await demoKeys(database.db, 'ws-c')).find((k) => k.claimed_by === null && k.end_time > NOW)!;
    await sql`insert into subscriptions (workspace_id, id, key, created_at, updated_at, sku, sku_description, subscription_type, tier,
        product_type, quantity, available_quantity, is_eval, start_time, end_time, provider_status)
      select 'ws-b', gen_random_uuid(), key, now(), now(), sku, sku_description, subscription_type, tier, product_type, quantity,
        quantity, is_eval, start_time, end_time, provider_status from subscription_keys where key = ${free.key}`.execute(database.db);
    await sql`update subscription_keys set claimed_by = 'ws-b' where key = ${free.key}`.execute(database.db);

    expect(await seedSubscriptionsDemo(database.db, 'ws-c', { now: NOW })).toEqual({ keys: 42, claimed: 24, free: 12, expired: 6 });
    const keys = await demoKeys(database.db, 'ws-c');
    expect(keys.find((k) => k.key === free.key)?.claimed_by).toBe('ws-b');
    expect(keys.filter((k) => k.claimed_by === null && k.end_time > NOW)).toHaveLength(12);
    expect(keys.filter((k) => k.claimed_by === 'ws-c')).toHaveLength(24);
  });

  it('refuses a workspace that does not exist and writes nothing', async () => {
    await expect(seedSubscriptionsDemo(database.db, 'nope', { now: NOW })).rejects.toBeInstanceOf(WorkspaceNotFoundError);
    expect(await demoKeys(database.db, 'nope')).toEqual([]);
  });

  it('claims 100,000 keys in batches, reporting progress', { timeout: 120_000 }, async () => {
    const progress: number[] = [];
    const started = performance.now();
    const result = await seedSubscriptionsDemo(database.db, 'ws-big', { claimed: 100_000, onProgress: (done) => progress.push(done) });
    console.log(`${engine}: seeded ${result.claimed} claimed subscription keys in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    expect(result).toEqual({ keys: 100_018, claimed: 100_000, free: 12, expired: 6 });
    expect(progress.at(-1)).toBe(100_018 + 100_000);
    expect(await countOf(database.db, sql`select count(*)::int as n from subscriptions where workspace_id = 'ws-big'`)).toBe(100_000);
    expect(await countOf(database.db, sql`select count(distinct key)::int as n from subscriptions where workspace_id = 'ws-big'`)).toBe(100_000);
  });
});
