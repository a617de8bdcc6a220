/**
 * The stand-in's settable clock (issue 17 point 3, ADR 0023 "The clock"): GET and PUT
 * /_consumo/clock, their validation and guards, CONSUMO_CLOCK, and one test per rule that reads
 * the clock — token expiry, rate-limit windows, operation time-outs and the 24-hour expiry, export
 * schedules (once after a jump), rating's day, and budget alerts of a period the move closed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { Clock } from '../../../src/modules/stand-in/clock.js';
import { parseClockDuration } from '../../../src/modules/stand-in/clock-duration.js';
import { addBudget, addCost, addCustomer, alertKeys } from '../../support/budget-alert-fixtures.js';
import { createExport } from '../../support/focus-export-fixtures.js';
import { addCatalog, addOrg, addUsage } from '../../support/navigator-fixtures.js';
import { cloudEvent, ingest, seedCatalog } from '../../support/metering-fixtures.js';
import { addKeys, freshKeys } from '../../support/subscription-fixtures.js';
import { type TestApp, startTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';

describe('Clock', () => {
  it('reads the real time until set, stands still when set, advances from where it stands, and runs again when released', () => {
    let real = 1_000;
    const clock = new Clock(() => real);
    expect([clock.now(), clock.frozen]).toEqual([1_000, false]);
    clock.set(50);
    real = 2_000;
    expect([clock.now(), clock.frozen]).toEqual([50, true]);
    clock.advanceBy(25);
    expect(clock.now()).toBe(75);
    clock.runReal();
    expect([clock.now(), clock.frozen]).toEqual([2_000, false]);
    clock.advanceBy(10);
    expect([clock.now(), clock.frozen]).toEqual([2_010, true]);
    expect(() => clock.advanceBy(-1)).toThrow(RangeError);
  });

  it('parses ISO 8601 durations of weeks to milliseconds and refuses months, years and negatives', () => {
    expect(parseClockDuration('P1D')).toEqual({ ms: 86_400_000 });
    expect(parseClockDuration('PT1H')).toEqual({ ms: 3_600_000 });
    expect(parseClockDuration('P1DT2H30M')).toEqual({ ms: 95_400_000 });
    expect(parseClockDuration('P1W')).toEqual({ ms: 7 * 86_400_000 });
    expect(parseClockDuration('PT0.5S')).toEqual({ ms: 500 });
    expect(parseClockDuration('P1M')).toEqual({ error: expect.stringContaining('depends on the date') });
    expect(parseClockDuration('P1Y2D')).toEqual({ error: expect.stringContaining('depends on the date') });
    expect(parseClockDuration('-P1D')).toEqual({ error: expect.stringContaining('negative') });
    for (const bad of ['P', 'PT', '1D', 'P1H', 'PT1D', 'P1.5D']) expect(parseClockDuration(bad)).toHaveProperty('error');
  });

  it('CONSUMO_CLOCK starts the clock frozen in stand-in mode and stops the start anywhere else', () => {
    expect(loadConfig({ CONSUMO_STAND_IN: '1', CONSUMO_CLOCK: '2026-01-31T23:00:00Z' }).clock).toBe(Date.parse('2026-01-31T23:00:00Z'));
    expect(loadConfig({ CONSUMO_STAND_IN: '1' }).clock).toBeUndefined();
    expect(() => loadConfig({ CONSUMO_CLOCK: '2026-01-31T23:00:00Z' })).toThrow(ConfigError);
    expect(() => loadConfig({ CONSUMO_CLOCK: '2026-01-31T23:00:00Z' })).toThrow(/stand-in mode only/);
    expect(() => loadConfig({ CONSUMO_STAND_IN: '1', CONSUMO_CLOCK: '2026-01-31' })).toThrow(/CONSUMO_CLOCK must be an RFC 3339 date-time/);
  });
});

describe.each(testEngines())('the stand-in clock on %s', (engine) => {
  let t: TestApp;
  /** A new token of the operator for every call: a cached one would expire as the clock moves. */
  const adminToken = async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/as/token.oauth2',
      payload: { grant_type: 'client_credentials', client_id: t.admin.clientId, client_secret: t.admin.clientSecret },
    });
    return (res.json() as { access_token: string }).access_token;
  };
  const as = async (options: Parameters<TestApp['call']>[0]) => t.call({ token: await adminToken(), ...options });
  const putClock = async (payload: object): Promise<LightMyRequestResponse> => as({ method: 'PUT', url: '/_consumo/clock', payload });
  const move = async (payload: object) => {
    const res = await putClock(payload);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { now: string; frozen: boolean; started: { scheduleRuns: number; alertEvaluations: number } };
  };
  const issueOf = (res: LightMyRequestResponse) => (res.json() as { errorDetails: { issues: { subject: string; description?: string }[] }[] }).errorDetails[0]!.issues[0]!;

  beforeAll(async () => {
    // The vendors' own rate limits (no multiplier): the rate-limit test counts to one.
    t = await startTestApp(engine, { config: { standIn: true } });
  }, 240_000);
  afterAll(() => t?.close());

  it('reads the real time, sets, advances, goes back in time with now, and returns to the real time', async () => {
    const before = Date.now();
    const read = await as({ method: 'GET', url: '/_consumo/clock' });
    expect(read.statusCode).toBe(200);
    const real = read.json() as { now: string; frozen: boolean };
    expect(real.frozen).toBe(false);
    expect(Date.parse(real.now)).toBeGreaterThanOrEqual(before - 1000);

    expect(await move({ now: '2026-01-31T23:00:00Z' })).toMatchObject({ now: '2026-01-31T23:00:00.000Z', frozen: true });
    expect((await as({ method: 'GET', url: '/_consumo/clock' })).json()).toEqual({ now: '2026-01-31T23:00:00.000Z', frozen: true });
    expect(await move({ advanceBy: 'P1DT2H30M' })).toMatchObject({ now: '2026-02-02T01:30:00.000Z', frozen: true });
    expect(await move({ now: '2026-01-01T00:00:00.250+01:00' })).toMatchObject({ now: '2025-12-31T23:00:00.250Z', frozen: true });
    const released = await move({ realTime: true });
    expect(released.frozen).toBe(false);
    expect(Date.parse(released.now)).toBeGreaterThanOrEqual(before);
  });

  it('refuses a body that is not exactly one valid move, with a GreenLake 400 naming the field, and leaves the clock as it was', async () => {
    await move({ now: '2026-03-01T00:00:00Z' });
    const cases: [object, string, RegExp][] = [
      [{}, 'now', /exactly one of now, advanceBy or realTime/],
      [{ now: '2026-03-02T00:00:00Z', advanceBy: 'P1D' }, 'advanceBy', /exactly one/],
      [{ now: '2026-03-02' }, 'now', /RFC 3339/],
      [{ now: '2026-02-30T00:00:00Z' }, 'now', /RFC 3339/],
      [{ advanceBy: 'P1M' }, 'advanceBy', /years or months, whose length depends on the date/],
      [{ advanceBy: '-PT1H' }, 'advanceBy', /negative/],
      [{ advanceBy: 'tomorrow' }, 'advanceBy', /ISO 8601 duration/],
    ];
    for (const [body, field, message] of cases) {
      const res = await putClock(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json()).toMatchObject({ httpStatusCode: 400, errorCode: 'HPE_GL_ERROR_BAD_REQUEST' });
      expect(issueOf(res)).toMatchObject({ subject: field, description: expect.stringMatching(message) });
    }
    for (const body of [{ realTime: false }, { now: '2026-03-02T00:00:00Z', extra: 1 }]) {
      const res = await putClock(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json()).toMatchObject({ httpStatusCode: 400, errorCode: 'HPE_GL_ERROR_BAD_REQUEST' });
    }
    expect((await as({ method: 'GET', url: '/_consumo/clock' })).json()).toEqual({ now: '2026-03-01T00:00:00.000Z', frozen: true });
  });

  it('is the operator\'s only: another workspace\'s client gets a 403', async () => {
    await move({ realTime: true });
    const tenant = await t.tenant(['workspace-admin'], 'not-operator');
    for (const options of [{ method: 'GET' as const }, { method: 'PUT' as const, payload: { advanceBy: 'P1D' } }]) {
      const res = await t.call({ ...options, url: '/_consumo/clock', token: tenant.token });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ httpStatusCode: 403 });
    }
    expect(((await as({ method: 'GET', url: '/_consumo/clock' })).json() as { frozen: boolean }).frozen).toBe(false);
  });

  it('expires an access token once the clock passes its TTL (401)', async () => {
    await move({ now: '2026-04-01T10:00:00Z' });
    const token = await adminToken();
    expect((await t.call({ method: 'GET', url: '/_consumo/clock', token })).statusCode).toBe(200);
    await move({ advanceBy: 'PT14M59S' });
    expect((await t.call({ method: 'GET', url: '/_consumo/clock', token })).statusCode).toBe(200);
    await move({ advanceBy: 'PT2S' });
    const expired = await t.call({ method: 'GET', url: '/_consumo/clock', token });
    expect(expired.statusCode).toBe(401);
  });

  it('resets a rate-limit window when the clock passes the minute', async () => {
    await move({ now: '2026-04-02T10:00:00Z' });
    const tenant = await t.tenant(['metering-admin'], 'rate-limited');
    const post = () => t.call({ method: 'POST', url: '/metering/v1/rating-runs', payload: { from: '2026-04-01', to: '2026-04-02' }, token: tenant.token });
    for (let i = 0; i < 30; i++) expect((await post()).statusCode).toBe(202);
    const refused = await post();
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('60');
    await move({ advanceBy: 'PT59S' });
    expect((await post()).statusCode).toBe(429);
    await move({ advanceBy: 'PT1S' });
    expect((await post()).statusCode).toBe(202);
  });

  it('times an operation out at its deadline and forgets an ended subscription operation after 24 hours, by the clock', async () => {
    await move({ now: '2026-04-03T10:00:00Z' });
    const metering = await t.tenant(['metering-admin'], 'timeouts');
    const started = await t.call({ method: 'POST', url: '/metering/v1/rating-runs', payload: { from: '2026-04-01', to: '2026-04-02' }, token: metering.token });
    expect(started.statusCode).toBe(202);
    const runId = (started.json() as { transactionId: string }).transactionId;
    const readRun = async () => (await t.call({ method: 'GET', url: `/metering/v1/rating-runs/${runId}`, token: await t.token(metering.clientId, metering.clientSecret) })).json() as { status: string; endedAt: string | null };
    // No worker runs here: the run waits until its 120-minute deadline passes on the clock.
    await move({ advanceBy: 'PT119M' });
    expect((await readRun()).status).toBe('INITIALIZED');
    await move({ advanceBy: 'PT1M' });
    expect(await readRun()).toMatchObject({ status: 'TIMEDOUT', endedAt: '2026-04-03T12:00:00.000Z' });

    const editor = await t.tenant(['subscriptions-editor'], 'operations');
    const [key] = await freshKeys(t, 1);
    const accepted = await addKeys(t, [key!], { token: editor.token });
    expect(accepted.status).toBe(202);
    await t.jobs.drain();
    const readOp = async () => t.call({ method: 'GET', url: `/subscriptions/v1/async-operations/${accepted.id}`, token: await t.token(editor.clientId, editor.clientSecret) });
    const ended = await readOp();
    expect(ended.statusCode).toBe(200);
    expect((ended.json() as { status: string }).status).toBe('SUCCEEDED');
    await move({ advanceBy: 'PT23H' });
    expect((await readOp()).statusCode).toBe(200);
    await move({ advanceBy: 'PT1H' });
    expect((await readOp()).statusCode).toBe(404);
  });

  it("rates by the clock's day: an event of the clock's day is taken and rated at the clock's time", async () => {
    await move({ now: '2026-01-31T12:00:00Z' });
    const tenant = await t.tenant(['metering-admin'], 'rating');
    await seedCatalog(t, { workspaceId: tenant.workspaceId, prices: { cpu: '0.5' }, effectiveFrom: new Date('2025-01-01T00:00:00Z') });
    // Ten months before the real time: older than CONSUMO_EVENT_MAX_AGE_DAYS by the real clock, today by this one.
    const res = await ingest(t, cloudEvent({ type: 'com.example.cpu.used', time: '2026-01-31T09:00:00Z', data: { quantity: 4 } }), { token: tenant.token });
    expect(res.statusCode, res.body).toBe(202);
    await move({ advanceBy: 'PT1M' });
    await t.jobs.drain();
    const records = await t.db.selectFrom('cost_records').select(['billed_cost', 'x_rated_at']).where('workspace_id', '=', tenant.workspaceId).execute();
    expect(records).toHaveLength(1);
    expect(records[0]!.x_rated_at.toISOString()).toBe('2026-01-31T12:01:00.000Z');
    const later = await ingest(t, cloudEvent({ type: 'com.example.cpu.used', time: '2026-01-31T13:00:00Z', data: { quantity: 1 } }), { token: tenant.token });
    // An hour past the clock is further in the future than CONSUMO_EVENT_MAX_FUTURE_SECONDS (300) allows.
    expect(later.statusCode).toBe(400);
    expect(records[0]!.billed_cost).toBe('2');
  });

  it("runs a daily export schedule once when the clock jumps three days past its time, not once per hour or day skipped", async () => {
    await move({ now: '2026-01-31T23:00:00Z' });
    const tenant = await t.tenant(['exports-admin'], 'schedules');
    const daily = await createExport(t, { workspaceId: tenant.workspaceId, token: tenant.token } as Parameters<typeof createExport>[1], { name: 'daily', schedule: 'DAILY_MONTH_TO_DATE' });
    const runs = () =>
      t.db.selectFrom('focus_export_runs').select(['trigger', 'from_day', 'to_day']).where('export_id', '=', daily.id).orderBy('created_at').execute();

    expect((await move({ advanceBy: 'PT30M' })).started.scheduleRuns).toBe(1);
    expect(await runs()).toEqual([{ trigger: 'schedule', from_day: '2026-01-01', to_day: '2026-01-31' }]);
    expect((await move({ advanceBy: 'P3D' })).started.scheduleRuns).toBe(1);
    // The hourly ticks that fall due (and any tick after) find the day claimed.
    await t.jobs.drain();
    expect((await move({ advanceBy: 'PT20M' })).started.scheduleRuns).toBe(0);
    await t.jobs.drain();
    expect(await runs()).toEqual([
      { trigger: 'schedule', from_day: '2026-01-01', to_day: '2026-01-31' },
      { trigger: 'schedule', from_day: '2026-02-01', to_day: '2026-02-03' },
    ]);
  });

  it("ends a Navigator usage report without endTime at the clock's current period", async () => {
    await move({ now: '2026-03-10T12:00:00Z' });
    const org = await addOrg(t, 'Clocked', { roles: ['customer-administrator'] });
    await addCatalog(t, org.workspaceId);
    await addUsage(t, org, [new Date('2026-02-10T00:00:00Z'), new Date('2026-03-01T00:00:00Z'), new Date('2026-03-05T00:00:00Z')]);
    // Automatic rating starts CONSUMO_RATING_DELAY_MS after the ingest, by the clock.
    await move({ advanceBy: 'PT1M' });
    await t.jobs.drain();
    const dashedId = org.workspaceId.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
    const res = await t.app.inject({
      method: 'GET',
      url: `/cphub/api/billing/v1/orgs/${dashedId}/usage-report?startTime=${Date.parse('2026-02-01T00:00:00Z') / 1000}`,
      headers: { 'csp-auth-token': org.tokens['customer-administrator']! },
    });
    expect(res.statusCode, res.body).toBe(200);
    const periods = new Set([...res.body.matchAll(/"billableUsageTimestamp":(\d+)/g)].map((m) => new Date(Number(m[1])).toISOString()));
    // Through March, the clock's month; by the real time the range would run on (to the six-period cap).
    expect([...periods].sort()).toEqual(['2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z']);
  });

  it('fires the alert of a period the clock moves past: the evaluation after the move covers the closed period', async () => {
    await move({ now: '2026-01-31T23:00:00Z' });
    const tenant = await t.tenant(['workspace-admin'], 'budgets');
    const ws = tenant.workspaceId;
    await addCustomer(t.db, ws, 'C1');
    await addBudget(t.db, ws, 'C1', 2026, { 1: '100', 2: '100' }, { projected: false });
    await t.jobs.drain();
    // Written straight into the rollups: nothing evaluates January until the clock moves.
    await addCost(t.db, ws, 'C1', '2026-01-20', '105');
    expect(await alertKeys(t.db, ws)).toEqual([]);
    const moved = await move({ advanceBy: 'PT2H' });
    expect(moved.started.alertEvaluations).toBeGreaterThanOrEqual(1);
    expect(await alertKeys(t.db, ws)).toEqual([]);
    await t.jobs.drain();
    expect(await alertKeys(t.db, ws)).toEqual(['STANDARD:2@2026/1']);
    const alert = await t.db.selectFrom('budget_alerts').select('alert_date').where('workspace_id', '=', ws).executeTakeFirstOrThrow();
    expect(new Date(alert.alert_date).toISOString().slice(0, 10)).toBe('2026-02-01');
  });
});

describe.each(testEngines())('outside stand-in mode on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  }, 240_000);
  afterAll(() => t?.close());

  it('has no clock: GET and PUT /_consumo/clock are 404', async () => {
    expect((await t.call({ method: 'GET', url: '/_consumo/clock' })).statusCode).toBe(404);
    expect((await t.call({ method: 'PUT', url: '/_consumo/clock', payload: { advanceBy: 'P1D' } })).statusCode).toBe(404);
  });
});
