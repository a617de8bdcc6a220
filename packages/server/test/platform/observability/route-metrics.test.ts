/**
 * The request metrics are tallied per route in plain fields (ADR 0038): the same series as
 * prom-client's own Counter and Histogram given the same observations, and, in the app, every
 * request counted under its route — a handler's 404 under the route, no route as `unmatched`,
 * HEAD under HEAD.
 */
import { Counter, Histogram, Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DURATION_BUCKETS, REQUESTS_TOTAL, REQUEST_DURATION, RouteMetrics } from '../../../src/platform/observability/route-metrics.js';
import { type TestApp, startTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';

/** The exposition as { 'name{label="v",…}' (labels sorted) → value }, and its HELP and TYPE lines. */
function samples(text: string): { values: Map<string, string>; meta: string[] } {
  const values = new Map<string, string>();
  const meta: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) meta.push(line);
    else if (line) {
      const m = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!m) throw new Error(`not a sample line: ${line}`);
      const labels = (m[2] ?? '').match(/\w+="(?:[^"\\]|\\.)*"/g) ?? [];
      values.set(`${m[1]}{${[...labels].sort().join(',')}}`, m[3]!);
    }
  }
  return { values, meta };
}

describe('RouteMetrics against prom-client', () => {
  // method, route, status, seconds: values on a bound, between bounds, above the last, and a route to escape.
  const observations: [string, string, number, number][] = [
    ['GET', '/flex/v1beta1/devices/:id', 200, 0.0004],
    ['GET', '/flex/v1beta1/devices/:id', 200, 0.001],
    ['GET', '/flex/v1beta1/devices/:id', 404, 0.0031],
    ['POST', '/ingestion/v1/events', 202, 0.3],
    ['GET', '/flex/v1beta1/devices/:id', 500, 12.5],
    ['HEAD', '/flex/v1beta1/devices/:id', 200, 0.01],
    ['GET', 'unmatched', 404, 0.0000123],
    ['GET', '/odd/"quoted"\\path', 200, 2.5],
    ['POST', '/ingestion/v1/events', 202, 0.07],
  ];

  function ours() {
    const registry = new Registry();
    const metrics = new RouteMetrics();
    metrics.register(registry);
    for (const [method, route, status, seconds] of observations) metrics.tallyFor(method, route).observe(status, seconds);
    return registry;
  }

  function promClients() {
    const registry = new Registry();
    const requests = new Counter({ name: REQUESTS_TOTAL, help: 'HTTP requests by method, route and status.', labelNames: ['method', 'route', 'status'], registers: [registry] });
    const duration = new Histogram({
      name: REQUEST_DURATION,
      help: 'HTTP request latency by method and route.',
      labelNames: ['method', 'route'],
      buckets: [...DURATION_BUCKETS],
      registers: [registry],
    });
    for (const [method, route, status, seconds] of observations) {
      requests.inc({ method, route, status: String(status) });
      duration.observe({ method, route }, seconds);
    }
    return registry;
  }

  it('writes the same series, labels and values', async () => {
    const mine = samples(await ours().metrics());
    const theirs = samples(await promClients().metrics());
    expect(mine.meta).toEqual(theirs.meta);
    expect(mine.values.size).toBe(theirs.values.size);
    expect(Object.fromEntries(mine.values)).toEqual(Object.fromEntries(theirs.values));
    // The sample the exposition must hold, spelled out: 2 of the 4 GET look-ups within 1 ms.
    expect(mine.values.get(`${REQUEST_DURATION}_bucket{le="0.001",method="GET",route="/flex/v1beta1/devices/:id"}`)).toBe('2');
    expect(mine.values.get(`${REQUESTS_TOTAL}{method="GET",route="/flex/v1beta1/devices/:id",status="200"}`)).toBe('2');
  });

  it('gives the same JSON, and resets as prom-client does', async () => {
    const [mine, theirs] = [ours(), promClients()];
    const byName = async (r: Registry) => {
      const json = (await r.getMetricsAsJSON()) as unknown as { name: string; type: string; values: { labels: object; value: number; metricName?: string }[] }[];
      // Each value as one line (labels sorted), the lines sorted: the series' order is not part of the format.
      const line = (v: { labels: object; value: number; metricName?: string }) =>
        `${v.metricName ?? ''} ${JSON.stringify(Object.entries(v.labels).sort())} ${v.value}`;
      return json.map((m) => ({ name: m.name, type: m.type, values: m.values.map(line).sort() }));
    };
    expect(await byName(mine)).toEqual(await byName(theirs));
    mine.resetMetrics();
    theirs.resetMetrics();
    expect(samples(await mine.metrics()).values.size).toBe(0);
    expect(samples(await theirs.metrics()).values.size).toBe(0);
  });
});

describe.each(testEngines())('request metrics in the app on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t.close());

  it('counts each request under its route, method and status', async () => {
    const auth = { authorization: `Bearer ${await t.token()}` };
    const missing = '/flex/v1beta1/devices/0b7e5b8e-7c4f-4d8a-9a57-000000000000';
    for (let i = 0; i < 3; i++) expect((await t.app.inject({ url: missing, headers: auth })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/flex/v1beta1/devices?limit=1', headers: auth })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'HEAD', url: '/flex/v1beta1/devices?limit=1', headers: auth })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/flex/v1beta1/devices' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/no/such/route', headers: auth })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/no/such/route/either', headers: auth })).statusCode).toBe(404);

    const { values } = samples((await t.app.inject({ url: '/metrics' })).body);
    const count = (labels: string) => values.get(`${REQUESTS_TOTAL}{${labels}}`);
    expect(count('method="GET",route="/flex/v1beta1/devices/:id",status="404"')).toBe('3');
    expect(count('method="GET",route="/flex/v1beta1/devices",status="200"')).toBe('1');
    expect(count('method="GET",route="/flex/v1beta1/devices",status="401"')).toBe('1');
    expect(count('method="HEAD",route="/flex/v1beta1/devices",status="200"')).toBe('1');
    expect(count('method="GET",route="unmatched",status="404"')).toBe('2');
    expect(values.get(`${REQUEST_DURATION}_count{method="GET",route="/flex/v1beta1/devices/:id"}`)).toBe('3');
    expect(values.get(`${REQUEST_DURATION}_bucket{le="+Inf",method="GET",route="unmatched"}`)).toBe('2');
    expect(Number(values.get(`${REQUEST_DURATION}_sum{method="GET",route="/flex/v1beta1/devices"}`))).toBeGreaterThan(0);
  });
});
