/**
 * summarizeNewEventTimeRanges (storage/event-time-summaries.ts): the block ranges of a month's
 * usage events that the BRIN time index has not summarized yet are summarized, once; a month with
 * no partition is skipped — on both engines.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertEncoded } from '../../src/storage/bulk-insert.js';
import { summarizeNewEventTimeRanges } from '../../src/storage/event-time-summaries.js';
import { type StoredEvent, encodeEvents, usageEventConstants } from '../../src/modules/metering/ingest/ingest.repository.js';
import { ensureMonthPartitions, partitionName } from '../../src/storage/month-partitions.js';
import { type TestDatabase, createWorkspace, openTestDatabase, testEngines } from '../support/test-databases.js';

const MONTH = '2031-03';
const EVENTS = 20_000;

function event(k: number): StoredEvent {
  // In time order, as ingest writes them: one a minute from the 1st.
  const time = new Date(Date.UTC(2031, 2, 1) + k * 60_000);
  return { source: 'urn:test:brin', id: `e-${k}`, meterId: 'cpu', subject: `vm-${k % 50}`, time, value: '1', data: '{"cu":"1"}' };
}


describe.each(testEngines())('summarizeNewEventTimeRanges (%s)', (engine) => {
  let t: TestDatabase;
  let ws: string;

  beforeAll(async () => {
    t = await openTestDatabase(engine);
    ws = await createWorkspace(t.db, 'ws-brin');
    await ensureMonthPartitions(t.db, 'usage_events', [MONTH]);
    // No autovacuum in between: it would summarize the ranges itself, at a moment of its own.
    await sql.raw(`alter table ${partitionName('usage_events', MONTH)} set (autovacuum_enabled = false)`).execute(t.db);
    const events = Array.from({ length: EVENTS }, (_, k) => event(k));
    for (let i = 0; i < EVENTS; i += 5_000) {
      await insertEncoded(t.db, encodeEvents(events.slice(i, i + 5_000)), usageEventConstants(ws, new Date()));
    }
  }, 120_000);
  afterAll(() => t?.drop());

  it('summarizes every range written since the last vacuum, then has nothing left to do', async () => {
    const { rows } = await sql<{ pages: number | string }>`
      select pg_relation_size(${partitionName('usage_events', MONTH)}) / current_setting('block_size')::int as pages`.execute(t.db);
    const pages = Number(rows[0]!.pages);
    const ranges = Math.ceil(pages / 128);
    expect(ranges).toBeGreaterThanOrEqual(2);

    const first = await summarizeNewEventTimeRanges(t.db, [MONTH]);
    // The last range may be partial; it is summarized too.
    expect(first).toBeGreaterThanOrEqual(ranges - 1);
    expect(first).toBeLessThanOrEqual(ranges);
    expect(await summarizeNewEventTimeRanges(t.db, [MONTH])).toBe(0);
  });

  it('skips a month without a partition', async () => {
    expect(await summarizeNewEventTimeRanges(t.db, ['2031-07'])).toBe(0);
  });
});
