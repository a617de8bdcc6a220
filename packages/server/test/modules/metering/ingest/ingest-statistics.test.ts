/** The ingest log behind GET /metering/v1/ingest-statistics and /ingest-rejections: counts per day, latest times, rejected batches with their issues. */
import { describe, expect, it } from 'vitest';
import { type TestApp, useTestApp } from '../../../support/test-app.js';
import { issuesOf, withQuery } from '../../../support/api-responses.js';
import { testEngines } from '../../../support/test-databases.js';
import { seedMeteringDemo } from '../../../../src/demo/index.js';
import { cloudEvent, countEvents, daysAgo, hoursAfter, ingest, seedCatalog } from '../../../support/metering-fixtures.js';

interface Figures {
  batches: number;
  events: number;
  accepted: number;
  duplicates: number;
  rejectedBatches: number;
  rejectedEvents: number;
}
interface Statistics {
  from: string;
  to: string;
  days: (Figures & { day: string })[];
  totals: Figures;
  lastEventTime: string | null;
  lastReceivedAt: string | null;
}
interface Rejection {
  id: string;
  receivedAt: string;
  events: number;
  invalidEvents: number;
  issueCount: number;
  issues: { index: number; field: string; description: string }[];
  firstEventTime: string | null;
  lastEventTime: string | null;
  sentBy: { type: string; id: string } | null;
}

describe.each(testEngines())('ingest statistics (%s)', (engine) => {
  let t: TestApp;
  let ws: string;
  let day: Date;
  let today: string;

  const statistics = (params: Record<string, string> = {}, token?: string) =>
    t.call({ method: 'GET', url: withQuery('/metering/v1/ingest-statistics', params), ...(token !== undefined && { token }) });
  const rejections = (params: Record<string, string | number> = {}, token?: string) =>
    t.call({ method: 'GET', url: withQuery('/metering/v1/ingest-rejections', params), ...(token !== undefined && { token }) });
  const todayOf = (s: Statistics) => s.days.find((d) => d.day === today)!;

  useTestApp(engine, async (app) => {
    t = app;
    ws = t.admin.workspaceId;
    await seedCatalog(t, { workspaceId: ws, resources: ['vm-1', 'vm-2'] });
    day = daysAgo(t, 3);
    today = new Date(t.now()).toISOString().slice(0, 10);
  });

  it('shows nothing before the first batch: every day of the default 30 is zero, no latest times', async () => {
    const res = await statistics();
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as Statistics;
    expect(body.days).toHaveLength(30);
    expect(body.days.at(-1)!.day).toBe(today);
    expect(body.to > today).toBe(true);
    expect(body.totals).toEqual({ batches: 0, events: 0, accepted: 0, duplicates: 0, rejectedBatches: 0, rejectedEvents: 0 });
    expect(body).toMatchObject({ lastEventTime: null, lastReceivedAt: null });
    expect((await rejections()).json()).toEqual({ items: [], count: 0, offset: 0, total: 0 });
  });

  it('counts an accepted batch, then the same batch again as duplicates, and keeps the latest event time', async () => {
    const batch = [
      cloudEvent({ id: 'a-1', time: hoursAfter(day, 1) }),
      cloudEvent({ id: 'a-2', time: hoursAfter(day, 5), subject: 'vm-2' }),
      cloudEvent({ id: 'a-3', time: hoursAfter(day, 3) }),
    ];
    expect((await ingest(t, batch)).json()).toEqual({ accepted: 3, duplicates: 0 });
    expect((await ingest(t, batch)).json()).toEqual({ accepted: 0, duplicates: 3 });
    const body = (await statistics()).json() as Statistics;
    expect(todayOf(body)).toEqual({ day: today, batches: 2, events: 6, accepted: 3, duplicates: 3, rejectedBatches: 0, rejectedEvents: 0 });
    expect(body.totals).toEqual({ batches: 2, events: 6, accepted: 3, duplicates: 3, rejectedBatches: 0, rejectedEvents: 0 });
    expect(body.lastEventTime).toBe(hoursAfter(day, 5).toISOString());
    expect(Date.parse(body.lastReceivedAt!)).toBeLessThanOrEqual(t.now());
    const logged = await t.db.selectFrom('ingest_batches').selectAll().where('workspace_id', '=', ws).orderBy('received_at').execute();
    expect(logged.map((b) => [b.outcome, b.events, b.accepted, b.duplicates, b.principal_type, b.principal_id])).toEqual([
      ['accepted', 3, 3, 0, 'client', t.admin.clientId],
      ['accepted', 3, 0, 3, 'client', t.admin.clientId],
    ]);
    expect(logged[0]!.first_event_time).toEqual(hoursAfter(day, 1));
  });

  it('logs a rejected batch with its issues, counts it and its events, and stores none of it', async () => {
    const before = await countEvents(t, ws);
    const late = hoursAfter(day, 20);
    const res = await ingest(t, [
      cloudEvent({ id: 'r-ok', time: late }),
      cloudEvent({ id: 'r-bad-subject', time: hoursAfter(day, 2), subject: 'vm-404' }),
      cloudEvent({ id: 'r-bad-type', time: hoursAfter(day, 2), type: 'com.example.nothing' }),
    ]);
    expect(res.statusCode).toBe(400);
    expect(await countEvents(t, ws)).toBe(before);

    const stats = (await statistics()).json() as Statistics;
    expect(todayOf(stats)).toEqual({ day: today, batches: 3, events: 9, accepted: 3, duplicates: 3, rejectedBatches: 1, rejectedEvents: 3 });
    // A refused batch stored nothing, so its events are not the latest stored.
    expect(stats.lastEventTime).toBe(hoursAfter(day, 5).toISOString());

    const page = rejections();
    const body = (await page).json() as { items: Rejection[]; total: number; count: number };
    expect(body).toMatchObject({ total: 1, count: 1 });
    expect(body.items[0]).toMatchObject({
      events: 3,
      invalidEvents: 2,
      issueCount: 2,
      firstEventTime: late.toISOString(),
      lastEventTime: late.toISOString(),
      sentBy: { type: 'client', id: t.admin.clientId },
    });
    expect(body.items[0]!.issues).toEqual([
      { index: 1, field: 'subject', description: "No resource 'vm-404' in this workspace." },
      { index: 2, field: 'type', description: "No meter counts events of type 'com.example.nothing'." },
    ]);
  });

  it('keeps the first 20 issues of a batch, counts them all, and lists rejections newest first with paging', async () => {
    t.advance(1000);
    const bad = Array.from({ length: 25 }, (_, i) => cloudEvent({ id: `many-${i}`, time: hoursAfter(day, 1), subject: `nobody-${i}` }));
    expect((await ingest(t, bad)).statusCode).toBe(400);
    t.advance(1000);
    expect((await ingest(t, { specversion: '1.0' }, { contentType: 'application/cloudevents+json' })).statusCode).toBe(400);

    const first = (await rejections({ limit: 2 })).json() as { items: Rejection[]; total: number; count: number; offset: number };
    expect(first).toMatchObject({ total: 3, count: 2, offset: 0 });
    expect(first.items[0]).toMatchObject({ events: 1, invalidEvents: 1, firstEventTime: null, lastEventTime: null });
    expect(first.items[0]!.issues.map((i) => i.field)).toEqual(['id', 'source', 'type', 'subject', 'time', 'data']);
    expect(first.items[1]).toMatchObject({ events: 25, invalidEvents: 25, issueCount: 25 });
    expect(first.items[1]!.issues).toHaveLength(20);
    expect(first.items[1]!.issues[19]).toEqual({ index: 19, field: 'subject', description: "No resource 'nobody-19' in this workspace." });
    expect(Date.parse(first.items[0]!.receivedAt)).toBeGreaterThan(Date.parse(first.items[1]!.receivedAt));

    const second = (await rejections({ limit: 2, offset: 2 })).json() as { items: Rejection[]; count: number };
    expect(second.count).toBe(1);
    expect(second.items[0]!.events).toBe(3);

    const stats = (await statistics()).json() as Statistics;
    expect(todayOf(stats)).toMatchObject({ batches: 5, rejectedBatches: 3, rejectedEvents: 29, events: 35 });
  });

  it('does not log a body refused before its events are read (too many events, wrong shape) or an empty batch', async () => {
    const before = await t.db.selectFrom('ingest_batches').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const wrongShape = await ingest(t, cloudEvent({ time: hoursAfter(day, 1) }), { contentType: 'application/cloudevents-batch+json' });
    expect(wrongShape.statusCode).toBe(400);
    expect((await ingest(t, [])).json()).toEqual({ accepted: 0, duplicates: 0 });
    const after = await t.db.selectFrom('ingest_batches').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('puts a batch on the UTC day it was received, and a range without it shows zeros', async () => {
    const body = (await statistics({ from: daysAgo(t, 10).toISOString().slice(0, 10), to: today })).json() as Statistics;
    expect(body.days).toHaveLength(10);
    expect(body.totals.batches).toBe(0);
    const withToday = (await statistics({ from: today })).json() as Statistics;
    expect(withToday.days.map((d) => d.day)).toEqual([today]);
    expect(withToday.totals.batches).toBe(5);
  });

  it('shows another workspace none of it', async () => {
    const other = await t.tenant(['cost-viewer'], 'other');
    const stats = (await statistics({}, other.token)).json() as Statistics;
    expect(stats.totals.batches).toBe(0);
    expect(stats).toMatchObject({ lastEventTime: null, lastReceivedAt: null });
    expect((await rejections({}, other.token)).json()).toMatchObject({ items: [], total: 0 });
  });

  describe('refuses bad ranges with a 400 naming the parameter', () => {
    it.each([
      [{ from: '2026-02-30' }, ['from'], 'existing day'],
      [{ from: 'yesterday', to: 'today' }, ['from', 'to'], 'ISO date'],
      [{ from: '2026-05-01', to: '2026-05-01' }, ['to'], 'after from'],
      [{ from: '2026-06-01', to: '2026-05-01' }, ['to'], 'after from'],
      [{ from: '2025-01-01', to: '2026-01-03' }, ['to'], 'at most 366 days'],
      [{ to: '0001-01-01' }, ['to'], 'after from'],
    ])('%j', async (params, subjects, description) => {
      const res = await statistics(params as Record<string, string>);
      expect(res.statusCode, res.body).toBe(400);
      expect((res.json() as { errorCode: string }).errorCode).toBe('HPE_GL_ERROR_BAD_REQUEST');
      expect(issuesOf(res).map((i) => i.subject)).toEqual(subjects);
      expect(issuesOf(res)[0]!.description).toContain(description);
    });

    it('takes 366 days', async () => {
      const res = await statistics({ from: '2024-01-01', to: '2025-01-01' });
      expect(res.statusCode).toBe(200);
      expect((res.json() as Statistics).days).toHaveLength(366);
    });

    it('refuses a bad limit on the rejections', async () => {
      const res = await rejections({ limit: 101 });
      expect(res.statusCode).toBe(400);
      expect(issuesOf(res)[0]!.subject).toBe('limit');
    });
  });

  it("logs a demo's seeded usage as one accepted batch, replaced when the demo is seeded again", async () => {
    const demo = await t.tenant(['cost-viewer'], 'ingest-demo');
    const until = new Date(t.now());
    const seeded = await seedMeteringDemo(t.db, demo.workspaceId, { usageDays: 3, resources: 2, until });
    await seedMeteringDemo(t.db, demo.workspaceId, { usageDays: 3, resources: 2, until });
    const res = await statistics({}, demo.token);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as Statistics;
    expect(seeded.events).toBeGreaterThan(0);
    expect(body.totals).toEqual({ batches: 1, events: seeded.events, accepted: seeded.events, duplicates: 0, rejectedBatches: 0, rejectedEvents: 0 });
    expect(todayOf(body).accepted).toBe(seeded.events);
    expect(body.lastReceivedAt).toBe(until.toISOString());
    const latest = await t.db.selectFrom('usage_events').select((eb) => eb.fn.max('time').as('t')).where('workspace_id', '=', demo.workspaceId).executeTakeFirstOrThrow();
    expect(body.lastEventTime).toBe(new Date(latest.t as Date).toISOString());
  });

  it('is a 403 without metering.costs.view (an ingester may send but not read)', async () => {
    const ingester = await t.tenant(['metering-ingester'], 'ingester');
    for (const res of [await statistics({}, ingester.token), await rejections({}, ingester.token)]) {
      expect(res.statusCode).toBe(403);
      expect((res.json() as { errorCode: string }).errorCode).toBe('HPE_GL_ERROR_FORBIDDEN');
    }
    expect((await statistics({}, null as unknown as string)).statusCode).toBe(401);
  });
});
