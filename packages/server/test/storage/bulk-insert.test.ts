/**
 * bulkInsert's array literals (storage/bulk-insert.ts): a column of strings goes through
 * JSON.stringify when that writes what the literal means, and value by value otherwise; either way
 * every string is stored exactly as given, on both engines.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StoredEvent, USAGE_EVENT_COLUMNS, usageEventConstants } from '../../src/modules/metering/ingest/ingest.repository.js';
import { textArray } from '../../src/storage/array-literals.js';
import { bulkInsert, encodeBatch, insertEncoded } from '../../src/storage/bulk-insert.js';
import { ensureMonthPartitions } from '../../src/storage/month-partitions.js';
import { type TestDatabase, createWorkspace, openTestDatabase, testEngines } from '../support/test-databases.js';

/** Strings an array literal must quote or escape, and ones JSON.stringify escapes otherwise than the literal does. */
const PLAIN = ['simple', '', 'NULL', 'null', 'with space', '{braces},and,commas', 'quote " inside', 'back\\slash', '\\"both', 'ünïcödé ✓ 😀'];
const CONTROL = ['new\nline', 'tab\there', 'bell\u0007', 'cr\rlf\n'];

function event(i: number, id: string, data: unknown): StoredEvent {
  const time = new Date(Date.UTC(2026, 4, 9, 12, 0, i));
  return { source: `urn:${id}`, id, meterId: 'cpu', subject: id, time, value: `${i}.5`, data: JSON.stringify(data) };
}

describe.each(testEngines())('bulkInsert array literals (%s)', (engine) => {
  let t: TestDatabase;
  let n = 0;

  beforeAll(async () => {
    t = await openTestDatabase(engine);
    await ensureMonthPartitions(t.db, 'usage_events', ['2026-05']);
  }, 120_000);
  afterAll(() => t?.drop());

  const roundTrip = async (events: StoredEvent[]) => {
    const ws = await createWorkspace(t.db, `ws-literals-${++n}`);
    expect(await bulkInsert(t.db, 'usage_events', USAGE_EVENT_COLUMNS, events, usageEventConstants(ws, new Date()))).toBe(events.length);
    const rows = await t.db.selectFrom('usage_events').select(['source', 'id', 'subject', 'value', 'data', 'time']).where('workspace_id', '=', ws).orderBy('time').execute();
    return rows.map((r) => ({ source: r.source, id: r.id, subject: r.subject, value: r.value, data: typeof r.data === 'string' ? r.data : JSON.stringify(r.data), time: new Date(r.time).toISOString() }));
  };
  const expected = (events: StoredEvent[]) =>
    events.map((e) => ({ source: e.source, id: e.id, subject: e.subject, value: e.value, data: e.data, time: e.time.toISOString() }));

  it('stores strings that need quoting or a backslash exactly (the JSON.stringify way)', async () => {
    const events = PLAIN.map((s, i) => event(i, s, { s }));
    expect(await roundTrip(events)).toEqual(expected(events));
  });

  it('stores strings with control characters exactly (the value-by-value way)', async () => {
    const events = [...PLAIN, ...CONTROL].map((s, i) => event(i, s, { s }));
    expect(await roundTrip(events)).toEqual(expected(events));
  });

  it('binds a column once when every row holds one string in it (uniform), and stores the same rows either way', async () => {
    const same = PLAIN.map((s, i) => ({ ...event(i, s, { s }), source: 'urn:one " \\ source' }));
    const batch = encodeBatch('usage_events', USAGE_EVENT_COLUMNS, same, { uniform: ['source', 'meter_id'] });
    expect(batch.shared).toEqual([
      { name: 'source', type: 'text', value: 'urn:one " \\ source' },
      { name: 'meter_id', type: 'text', value: 'cpu' },
    ]);
    expect(batch.columns.map((c) => c.name)).toEqual(['id', 'subject', 'time', 'value', 'data']);
    // Two sources: that column stays an array; the meter is still bound once.
    const mixed = same.map((e, i) => (i === 3 ? { ...e, source: 'urn:other' } : e));
    const partly = encodeBatch('usage_events', USAGE_EVENT_COLUMNS, mixed, { uniform: ['source', 'meter_id'] });
    expect(partly.shared?.map((c) => c.name)).toEqual(['meter_id']);
    expect(encodeBatch('usage_events', USAGE_EVENT_COLUMNS, same).shared).toBeUndefined();

    for (const [events, encoded] of [[same, batch], [mixed, partly]] as const) {
      const ws = await createWorkspace(t.db, `ws-literals-${++n}`);
      expect(await insertEncoded(t.db, encoded, usageEventConstants(ws, new Date()))).toBe(events.length);
      const rows = await t.db.selectFrom('usage_events').select(['source', 'id', 'meter_id', 'subject', 'value']).where('workspace_id', '=', ws).orderBy('time').execute();
      expect(rows).toEqual(events.map((e) => ({ source: e.source, id: e.id, meter_id: e.meterId, subject: e.subject, value: e.value })));
    }
  });

  it('writes a text-array literal PostgreSQL reads back as the same strings', async () => {
    const strings = [...PLAIN, ...CONTROL];
    const { rows } = await sql<{ s: string }>`select unnest(${textArray(strings)}::text[]) as s`.execute(t.db);
    expect(rows.map((r) => r.s)).toEqual(strings);
  });

  it('stores a time given as text and one given as a Date alike', async () => {
    const events = [event(1, 'as-date', {}), { ...event(2, 'as-text', {}), timeText: event(2, 'x', {}).time.toISOString() }];
    expect(await roundTrip(events)).toEqual(expected(events));
  });
});
