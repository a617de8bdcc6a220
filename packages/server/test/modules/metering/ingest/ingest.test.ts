/** POST /metering/v1/events: single and batch CloudEvents, idempotency, all-or-nothing validation, permissions. */
import { describe, expect, it } from 'vitest';
import { type TestApp, useTestApp } from '../../../support/test-app.js';
import { issuesOf } from '../../../support/api-responses.js';
import { testEngines } from '../../../support/test-databases.js';
import { METERS, cloudEvent, countEvents, daysAgo, hoursAfter, ingest, seedCatalog } from '../../../support/metering-fixtures.js';

describe.each(testEngines())('usage ingest (%s)', (engine) => {
  let t: TestApp;
  let ws: string;
  let day: Date;

  useTestApp(engine, async (app) => {
    t = app;
    ws = t.admin.workspaceId;
    await seedCatalog(t, { workspaceId: ws, resources: ['vm-1', 'vm-2'] });
    day = daysAgo(t, 3);
  });

  it('takes one CloudEvent and answers 202 {accepted, duplicates}', async () => {
    const before = await countEvents(t, ws);
    const res = await ingest(t, cloudEvent({ time: hoursAfter(day, 1), data: { quantity: 2.5 } }));
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ accepted: 1, duplicates: 0 });
    expect(await countEvents(t, ws)).toBe(before + 1);
    const stored = await t.db.selectFrom('usage_events').selectAll().where('workspace_id', '=', ws).orderBy('ingested_at', 'desc').executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ meter_id: 'cpu', subject: 'vm-1', value: '2.5' });
  });

  it('takes a batch, and counts a batch sent twice once (idempotent by source and id)', async () => {
    const batch = Array.from({ length: 50 }, (_, i) =>
      cloudEvent({ id: `twice-${i}`, time: hoursAfter(day, i % 24), subject: i % 2 ? 'vm-1' : 'vm-2', data: { quantity: `${i}.25` } }),
    );
    const before = await countEvents(t, ws);
    const first = await ingest(t, batch);
    expect(first.statusCode).toBe(202);
    expect(first.json()).toEqual({ accepted: 50, duplicates: 0 });
    const second = await ingest(t, batch);
    expect(second.json()).toEqual({ accepted: 0, duplicates: 50 });
    expect(await countEvents(t, ws)).toBe(before + 50);
  });

  it('counts a repeat inside one batch as a duplicate, and the same id from another source as a new event', async () => {
    const a = cloudEvent({ id: 'same', source: 'urn:a', time: hoursAfter(day, 2) });
    const b = cloudEvent({ id: 'same', source: 'urn:b', time: hoursAfter(day, 2) });
    const res = await ingest(t, [a, a, b]);
    expect(res.json()).toEqual({ accepted: 2, duplicates: 1 });
  });

  it('takes an event sent again with its time as a duplicate, and the same source and id at another time as another event (ADR 0012)', async () => {
    const first = cloudEvent({ id: 'again', source: 'urn:t', time: hoursAfter(day, 5) });
    const later = cloudEvent({ id: 'again', source: 'urn:t', time: hoursAfter(day, 6) });
    expect((await ingest(t, [first])).json()).toEqual({ accepted: 1, duplicates: 0 });
    expect((await ingest(t, [first, later])).json()).toEqual({ accepted: 1, duplicates: 1 });
    expect((await ingest(t, [later, first])).json()).toEqual({ accepted: 0, duplicates: 2 });
  });

  it('accepts application/json with one event or an array, and numeric strings and integers as values', async () => {
    const one = await ingest(t, cloudEvent({ time: hoursAfter(day, 3), data: { quantity: '1e2' } }), { contentType: 'application/json' });
    expect(one.statusCode).toBe(202);
    const many = await ingest(t, [cloudEvent({ time: hoursAfter(day, 3), data: { quantity: 7 } })], { contentType: 'application/json' });
    expect(many.json()).toEqual({ accepted: 1, duplicates: 0 });
  });

  it('reads each meter kind: COUNT needs no value, nested and bracketed paths reach into data', async () => {
    const res = await ingest(t, [
      cloudEvent({ type: 'com.example.api.call', time: hoursAfter(day, 4), data: {} }),
      cloudEvent({ type: 'com.example.disk.size', time: hoursAfter(day, 4), data: { 'size gb': 120 } }),
      cloudEvent({ type: 'com.example.cores.held', time: hoursAfter(day, 4), data: { level: { cores: 8 } } }),
    ]);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ accepted: 3, duplicates: 0 });
  });

  it('refuses a batch with any bad event, lists every bad event by index and field, and stores nothing', async () => {
    const before = await countEvents(t, ws);
    const good = cloudEvent({ time: hoursAfter(day, 5) });
    const { specversion: _dropped, ...noSpec } = cloudEvent({ time: hoursAfter(day, 5) });
    const res = await ingest(t, [
      good,
      { ...cloudEvent({ time: hoursAfter(day, 5) }), id: undefined },
      cloudEvent({ type: 'com.example.unknown', time: hoursAfter(day, 5) }),
      cloudEvent({ subject: 'vm-404', time: hoursAfter(day, 5) }),
      cloudEvent({ time: '2026-02-30T10:00:00Z' }),
      cloudEvent({ time: hoursAfter(day, 5), data: { quantity: 'lots' } }),
      noSpec,
      cloudEvent({ time: '2026-04-15 10:00:00' }),
      42,
      cloudEvent({ time: new Date(t.now() + 3 * 86_400_000) }),
      { ...cloudEvent({ time: hoursAfter(day, 5) }), data: [1, 2] },
    ]);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.errorCode).toBe('HPE_GL_ERROR_BAD_REQUEST');
    expect(body.message).toBe('10 of 11 events are invalid; nothing was stored.');
    expect(issuesOf(res).map((i) => i.subject)).toEqual([
      '[1].id',
      '[4].time',
      '[6].specversion',
      '[7].time',
      '[8]',
      '[9].time',
      '[10].data',
      '[2].type',
      '[3].subject',
      '[5].data.quantity',
    ]);
    for (const issue of issuesOf(res)) {
      expect(issue.source).toBe('field');
      expect(issue.description.length).toBeGreaterThan(5);
    }
    expect(await countEvents(t, ws)).toBe(before);
  });

  it('refuses values beyond what numeric storage and the exports hold, and negative usage, as 400s naming each event\'s field', async () => {
    const before = await countEvents(t, ws);
    const event = (i: number, quantity: string) =>
      `{"specversion":"1.0","id":"big-value-${i}","source":"urn:test","type":"com.example.cpu.used","subject":"vm-1","time":"${hoursAfter(day, 8).toISOString()}","data":{"quantity":${quantity}}}`;
    // Raw JSON text: literal numbers as a collector writes them, not as JSON.stringify would.
    const quantities = ['"1e999999"', '"1e131072"', '"1e-16384"', '1e999999', '1e308', '"1e308"', '-1e308', '"-1e308"', '-1', '1e18', '2.5'];
    const res = await t.call({
      method: 'POST',
      url: '/metering/v1/events',
      headers: { 'content-type': 'application/cloudevents-batch+json' },
      payload: `[${quantities.map((q, i) => event(i, q)).join(',')}]`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ httpStatusCode: 400, errorCode: 'HPE_GL_ERROR_BAD_REQUEST' });
    // A JSON number beyond a double (1e999999) is refused wherever it is in data, not stored as null.
    // Envelope issues (every event's) come before the meters' values.
    expect(issuesOf(res)[0]).toMatchObject({ subject: '[3].data.quantity', description: expect.stringContaining('beyond the range of a double') });
    expect(issuesOf(res).slice(1).map((i) => [i.subject, i.description.replace(/^The meter's value \(\$\.quantity\) /, '')])).toEqual([
      ['[0].data.quantity', 'must be less than 1e18.'],
      ['[1].data.quantity', 'must be less than 1e18.'],
      ['[2].data.quantity', 'must be 0 or at least 1e-15.'],
      ['[4].data.quantity', 'must be less than 1e18.'],
      ['[5].data.quantity', 'must be less than 1e18.'],
      ['[6].data.quantity', expect.stringMatching(/^must not be negative/)],
      ['[7].data.quantity', expect.stringMatching(/^must not be negative/)],
      ['[8].data.quantity', expect.stringMatching(/^must not be negative/)],
      ['[9].data.quantity', 'must be less than 1e18.'],
    ]);
    expect(await countEvents(t, ws)).toBe(before);
  });

  it('refuses a number beyond a double anywhere in data, naming its path, rather than storing it as null', async () => {
    const time = hoursAfter(day, 10).toISOString();
    const res = await t.call({
      method: 'POST',
      url: '/metering/v1/events',
      headers: { 'content-type': 'application/cloudevents+json' },
      payload: `{"specversion":"1.0","id":"inf-1","source":"urn:test","type":"com.example.cpu.used","subject":"vm-1","time":"${time}","data":{"quantity":1,"site":{"racks":[1,-1e999999]}}}`,
    });
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res)).toEqual([expect.objectContaining({ subject: 'data.site.racks[1]' })]);
  });

  it('keeps a value to 15 decimal places, as rating keeps quantities', async () => {
    const res = await ingest(t, cloudEvent({ id: 'float-noise', time: hoursAfter(day, 9), data: { quantity: 0.1 + 0.2 } }));
    expect(res.statusCode).toBe(202);
    const stored = await t.db.selectFrom('usage_events').select('value').where('workspace_id', '=', ws).where('id', '=', 'float-noise').executeTakeFirstOrThrow();
    expect(stored.value).toBe('0.3');
  });

  it('names the field without an index for a single event', async () => {
    const res = await ingest(t, cloudEvent({ time: 'yesterday' }));
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res)).toEqual([expect.objectContaining({ source: 'field', subject: 'time' })]);
  });

  it('refuses a batch content type holding one event, an event content type holding an array, and other media types', async () => {
    const event = cloudEvent({ time: hoursAfter(day, 6) });
    expect((await ingest(t, event, { contentType: 'application/cloudevents-batch+json' })).statusCode).toBe(400);
    expect((await ingest(t, [event], { contentType: 'application/cloudevents+json' })).statusCode).toBe(400);
    const text = await t.call({ method: 'POST', url: '/metering/v1/events', headers: { 'content-type': 'text/plain' }, payload: 'hello' });
    expect(text.statusCode).toBe(415);
    const broken = await t.call({
      method: 'POST',
      url: '/metering/v1/events',
      headers: { 'content-type': 'application/cloudevents-batch+json' },
      payload: '[{"specversion":',
    });
    expect(broken.statusCode).toBe(400);
  });

  it('takes 10,000 events in one batch and refuses 10,001', async () => {
    const batch = Array.from({ length: 10_000 }, (_, i) => cloudEvent({ id: `big-${i}`, time: hoursAfter(day, i % 24), data: { quantity: i } }));
    const ok = await ingest(t, batch);
    expect(ok.statusCode).toBe(202);
    expect(ok.json()).toEqual({ accepted: 10_000, duplicates: 0 });
    const tooMany = await ingest(t, [...batch, cloudEvent({ time: hoursAfter(day, 1) })]);
    expect(tooMany.statusCode).toBe(400);
    expect(issuesOf(tooMany)[0]!.description).toContain('at most 10000');
  });

  it("treats another workspace's resources and meters as unknown", async () => {
    const other = await t.tenant(['metering-ingester'], 'other');
    const res = await ingest(t, cloudEvent({ time: hoursAfter(day, 1) }), { token: other.token });
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res).map((i) => i.subject)).toEqual(['type', 'subject']);
  });

  it('is rate-limited per workspace at 6,000 requests a minute (here multiplied for the tests)', async () => {
    const res = await ingest(t, cloudEvent({ time: hoursAfter(day, 7) }));
    expect(res.headers['x-ratelimit-limit']).toBe(String(6000 * 1000));
    expect(Number(res.headers['x-ratelimit-remaining'])).toBeLessThan(6000 * 1000);
  });

  it('needs the ingest permission', async () => {
    const viewer = await t.tenant(['cost-viewer'], 'viewer');
    const res = await ingest(t, cloudEvent({ time: hoursAfter(day, 1) }), { token: viewer.token });
    expect(res.statusCode).toBe(403);
  });

  it('marks the touched days and queues one automatic rating for the workspace', async () => {
    const marked = await t.db.selectFrom('rating_marks').select('day').where('workspace_id', '=', ws).execute();
    expect(new Set(marked.map((m) => String(m.day)))).toEqual(new Set([day.toISOString().slice(0, 10)]));
    const queued = await t.db.selectFrom('jobs').select('id').where('queue', '=', 'metering.auto-rating').where('workspace_id', '=', ws).where('status', '=', 'queued').execute();
    expect(queued).toHaveLength(1);
  });

  it('names unknown subjects whatever they hold (quotes, backslashes, commas, braces), among known ones', async () => {
    const odd = ['we"ird', 'back\\slash', 'a,b', '{braces}', 'NULL', ' spaced '];
    const res = await ingest(t, [
      cloudEvent({ time: hoursAfter(day, 6) }),
      ...odd.map((subject, i) => cloudEvent({ id: `odd-${i}`, subject, time: hoursAfter(day, 6) })),
      cloudEvent({ id: 'odd-known', subject: 'vm-2', time: hoursAfter(day, 6) }),
    ]);
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res).map((i) => [i.subject, i.description])).toEqual(odd.map((subject, i) => [`[${i + 1}].subject`, `No resource '${subject}' in this workspace.`]));
  });

  it('marks no day for a batch that stores nothing new, and logs exactly what each batch stored (ADR 0031)', async () => {
    const marks = async () => (await t.db.selectFrom('rating_marks').select('day').where('workspace_id', '=', ws).execute()).length;
    // The log's counts as sorted text, so that rows received at the same instant compare alike.
    const logged = async () =>
      (await t.db.selectFrom('ingest_batches').select(['accepted', 'duplicates']).where('workspace_id', '=', ws).execute()).map((b) => `${b.accepted}/${b.duplicates}`).sort();
    const old = cloudEvent({ id: 'marks-old', time: hoursAfter(day, 7) });
    expect((await ingest(t, [old])).json()).toEqual({ accepted: 1, duplicates: 0 });
    const before = await marks();
    const loggedBefore = await logged();
    expect((await ingest(t, [old, old])).json()).toEqual({ accepted: 0, duplicates: 2 });
    expect(await marks()).toBe(before);
    const other = daysAgo(t, 5);
    expect((await ingest(t, [old, cloudEvent({ id: 'marks-new', time: hoursAfter(other, 1) })])).json()).toEqual({ accepted: 1, duplicates: 1 });
    const marked = await t.db.selectFrom('rating_marks').select('day').where('workspace_id', '=', ws).execute();
    expect(marked.length).toBeGreaterThan(before);
    expect(marked.map((m) => String(m.day))).toContain(other.toISOString().slice(0, 10));
    expect(await logged()).toEqual([...loggedBefore, '0/2', '1/1'].sort());
  });

  it('has a meter for every event type the fixtures send', () => {
    expect(METERS.map((m) => m.aggregation)).toEqual(['SUM', 'COUNT', 'MAX', 'LATEST', 'TIME_WEIGHTED_SUM']);
  });
});
