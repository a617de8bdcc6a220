/** Metering over HTTP for e2e tests: a small catalog through the catalog API, usage-event files, and event counts in SQL. */
import { writeFileSync } from 'node:fs';
import { createDb } from '../../packages/server/src/storage/create-db.js';

export const ACCOUNT = 'BA-E2E';
export const METER = 'cpu';
export const EVENT_TYPE = 'com.example.cpu.used';
export const RESOURCES = Array.from({ length: 10 }, (_, i) => `vm-${i + 1}`);

async function put(url: string, token: string, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${url}${path}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 200 && res.status !== 201) throw new Error(`PUT ${path}: ${res.status} ${await res.text()}`);
}

/** A billing account, RESOURCES, one SUM meter on `$.quantity` and a list price for it. */
export async function putCatalog(url: string, token: string): Promise<void> {
  await put(url, token, `/metering/v1/billing-accounts/${ACCOUNT}`, { name: 'E2E Company', currency: 'USD' });
  for (const id of RESOURCES) {
    await put(url, token, `/metering/v1/resources/${id}`, { billingAccountId: ACCOUNT, serviceName: 'VM', serviceCategory: 'Compute', name: `name of ${id}` });
  }
  await put(url, token, `/metering/v1/meters/${METER}`, { eventType: EVENT_TYPE, valueProperty: '$.quantity', aggregation: 'SUM', consumedUnit: 'CUs' });
  await put(url, token, '/metering/v1/prices/SKU-CPU', {
    meterId: METER,
    publisherName: 'HPE GreenLake',
    providerName: 'HPE GreenLake',
    invoiceIssuerName: 'HPE GreenLake',
    pricingUnit: 'CUs',
    pricingQuantityDivisor: '1',
    listUnitPrice: '0.01',
    currency: 'USD',
    effectiveFrom: '2020-01-01T00:00:00Z',
  });
}

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' of the UTC day `offset` days from today. */
export function utcDay(offset: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset)).toISOString().slice(0, 10);
}

/** The i-th of `count` events from `source`, spread over the three days before an hour ago. */
export function usageEvent(source: string, i: number, count: number): Record<string, unknown> {
  const end = Date.now() - 3_600_000;
  return {
    specversion: '1.0',
    id: `evt-${i + 1}`,
    source,
    type: EVENT_TYPE,
    subject: RESOURCES[i % RESOURCES.length],
    time: new Date(end - 3 * DAY_MS + Math.floor((i * 3 * DAY_MS) / count)).toISOString(),
    data: { quantity: (i % 4) + 1 },
  };
}

/** Writes `count` events from `source` as NDJSON, one per line; `line` can replace a line's text (1-based). */
export function writeNdjson(file: string, source: string, count: number, line: (n: number, text: string) => string = (_, t) => t): void {
  const lines = Array.from({ length: count }, (_, i) => line(i + 1, JSON.stringify(usageEvent(source, i, count))));
  writeFileSync(file, `${lines.join('\n')}\n`);
}

/** Writes `count` events from `source` as CSV: envelope columns, a `data` JSON column and a `data.quantity` column. */
export function writeCsv(file: string, source: string, count: number): void {
  const rows = ['specversion,id,source,type,subject,time,data,data.quantity'];
  for (let i = 0; i < count; i++) {
    const e = usageEvent(source, i, count) as { id: string; subject: string; time: string; data: { quantity: number } };
    rows.push(`1.0,${e.id},${source},${EVENT_TYPE},${e.subject},${e.time},"{""site"":""ams""}",${e.data.quantity}`);
  }
  writeFileSync(file, `${rows.join('\n')}\n`);
}

/** Stored usage events per source, read in SQL; with PGlite only while no server has the database open. */
export async function countEventsBySource(databaseUrl: string, workspaceId: string): Promise<Record<string, number>> {
  const { db } = await createDb(databaseUrl, { poolSize: 2 });
  try {
    const rows = await db
      .selectFrom('usage_events')
      .select(['source', (eb) => eb.fn.countAll<string>().as('n')])
      .where('workspace_id', '=', workspaceId)
      .groupBy('source')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.source, Number(r.n)]));
  } finally {
    await db.destroy();
  }
}
