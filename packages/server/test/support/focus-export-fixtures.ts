/** Shared helpers of the FOCUS export suites: a tenant allowed to manage exports, definitions and contents calls. */
import type { LightMyRequestResponse } from 'fastify';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { type Cell, csvRows, parquetRows } from '@consumo/focus';
import { seedMeteringDemo } from '../../src/demo/index.js';
import { COST_RECORD_COLUMNS } from '../../src/modules/cost-records/index.js';
import type { Engine } from '../../src/storage/create-db.js';
import { costRecord, insertCostRecords } from './cost-record-fixtures.js';
import { type TestApp, type UseTestAppOptions, useTestApp } from './test-app.js';

export const BASE = '/consumption-analytics/v1beta1/focus-exports';

export interface Tenant {
  workspaceId: string;
  clientId: string;
  token: string;
}

export async function exportsTenant(t: TestApp, name = 'exports'): Promise<Tenant> {
  return t.tenant(['exports-admin'], name);
}

/** A test app (rate limits lifted) and exports tenants (one per name, by default one) for the enclosing suite; `ready` gets them first. */
export function useExportsApp(
  engine: Engine,
  ready: (t: TestApp, ...tenants: Tenant[]) => unknown,
  options: UseTestAppOptions & { tenants?: string[] } = {},
): void {
  useTestApp(
    engine,
    async (t) => {
      const tenants: Tenant[] = [];
      for (const name of options.tenants ?? ['exports']) tenants.push(await exportsTenant(t, name));
      await ready(t, ...tenants);
    },
    options,
  );
}

/** An exports tenant over the metering demo's rated usage, and the contents query of its days. */
export interface DemoExports {
  t: TestApp;
  tenant: Tenant;
  range: string;
  /** Creates the definition and reads its contents over `range`, expecting a 200. */
  exported(definition: Record<string, unknown>): Promise<LightMyRequestResponse>;
}

/**
 * A DemoExports for the enclosing suite, filled in before its tests: the demo's rated usage (bands,
 * contracted prices, commitments) of 16 resources over `days` days up to the clock's day.
 */
export function useDemoExports(engine: Engine, days = 12): DemoExports {
  const demo = {} as DemoExports;
  useExportsApp(engine, async (t, tenant) => {
    const until = new Date(t.now());
    const seeded = await seedMeteringDemo(t.db, tenant.workspaceId, { usageDays: days, resources: 16, until });
    expect(seeded.records).toBeGreaterThan(0);
    const from = new Date(until.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
    const range = `startDate=${from}&endDate=${until.toISOString().slice(0, 10)}`;
    const exported = async (definition: Record<string, unknown>) => {
      const res = await contents(t, tenant, (await createExport(t, tenant, definition)).id, range);
      expect(res.statusCode, res.body).toBe(200);
      return res;
    };
    Object.assign(demo, { t, tenant, range, exported });
  });
  return demo;
}

export async function createExport(t: TestApp, tenant: Tenant, body: Record<string, unknown>): Promise<{ id: string } & Record<string, unknown>> {
  const res = await t.call({ method: 'POST', url: BASE, token: tenant.token, payload: body });
  if (res.statusCode !== 201) throw new Error(`create export: ${res.statusCode} ${res.body}`);
  return res.json();
}

export function contents(t: TestApp, tenant: Tenant, id: string, query: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return t.call({ method: 'GET', url: `${BASE}/${id}/contents?${query}`, token: tenant.token, headers });
}

/** An export file's rows as cells, the header first, read back as `consumo focus validate` reads the file. */
export async function exportCells(bytes: Buffer, format: 'csv' | 'parquet'): Promise<Cell[][]> {
  const all: Cell[][] = [];
  for await (const cells of format === 'csv' ? csvRows(Readable.from([bytes])) : parquetRows(new Uint8Array(bytes))) all.push(cells);
  return all;
}

/** CSV lines without the trailing empty one. */
export function lines(body: string): string[] {
  return body.split('\n').filter((l, i, all) => !(l === '' && i === all.length - 1));
}

/** Rows of the bulk streaming tests. */
export const ROWS = 100_000;

// A full collection on demand, so that "memory" means what is retained, not garbage not yet collected.
v8.setFlagsFromString('--expose_gc');
const gc = vm.runInNewContext('gc') as () => void;
export const retainedHeap = (): number => {
  gc();
  return process.memoryUsage().heapUsed;
};

/** Copies one template row ROWS times in SQL (resource ids vm-000001 …), fast on both engines. */
export async function fill(t: TestApp, workspaceId: string): Promise<void> {
  await insertCostRecords(t.db, [costRecord(workspaceId, { resource_id: 'template', charge_description: 'bulk, "row"' })]);
  const columns = ['workspace_id', 'line_key', ...COST_RECORD_COLUMNS.map((c) => c.column)];
  const select = columns.map((c) => (c === 'resource_id' || c === 'resource_name' ? sql`'vm-' || lpad(g::text, 6, '0')` : sql.ref(c)));
  await sql`insert into cost_records (${sql.join(columns.map((c) => sql.ref(c)))})
    select ${sql.join(select)} from cost_records, generate_series(1, ${ROWS}) as g
    where workspace_id = ${workspaceId} and resource_id = 'template'`.execute(t.db);
  await sql`delete from cost_records where workspace_id = ${workspaceId} and resource_id = 'template'`.execute(t.db);
}

/** A server on a real port whose exports tenant holds the ROWS bulk records and one export definition of them. */
export interface BulkExport {
  t: TestApp;
  tenant: Tenant;
  id: string;
  port: number;
  /** The definition's contents of 2026-04-01: every bulk row. */
  path: string;
  /** GET of `path` over the socket, as the tenant. */
  request(): http.ClientRequest;
}

/** A BulkExport of `definition` for the enclosing suite, filled in before its tests. */
export function useBulkExport(engine: Engine, definition: Record<string, unknown>): BulkExport {
  const bulk = {} as BulkExport;
  useExportsApp(
    engine,
    async (t, tenant) => {
      await fill(t, tenant.workspaceId);
      const { id } = await createExport(t, tenant, definition);
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = t.app.server.address() as AddressInfo;
      const path = `${BASE}/${id}/contents?startDate=2026-04-01&endDate=2026-04-01`;
      const request = () => http.get({ host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${tenant.token}` } });
      Object.assign(bulk, { t, tenant, id, port, path, request });
    },
    { timeout: 120_000 },
  );
  return bulk;
}

/** What a client saw reading an export over the socket: its first byte and the end (ms after the request), its bytes, and the server's retained heap growth. */
export interface StreamReading {
  firstByte: number;
  total: number;
  bytes: number;
  growthMb: number;
}

/**
 * Reads the bulk contents over the socket: `onResponse` checks the response, `onChunk` sees each
 * chunk and says when to sample the retained heap (mid-stream: what the server holds right now).
 */
export async function readBulk(
  bulk: BulkExport,
  onResponse: (res: http.IncomingMessage) => void,
  onChunk: (chunk: Buffer, bytes: number) => boolean,
): Promise<StreamReading> {
  const baseline = retainedHeap();
  let peak = baseline;
  const started = performance.now();
  let firstByte = 0;
  let bytes = 0;
  await new Promise<void>((resolve, reject) => {
    bulk
      .request()
      .on('response', (res) => {
        onResponse(res);
        res.on('data', (chunk: Buffer) => {
          if (firstByte === 0) firstByte = performance.now() - started;
          bytes += chunk.length;
          if (onChunk(chunk, bytes)) peak = Math.max(peak, retainedHeap());
        });
        res.on('end', resolve);
        res.on('error', reject);
      })
      .on('error', reject);
  });
  return { firstByte, total: performance.now() - started, bytes, growthMb: (peak - baseline) / 1e6 };
}

/** Leaves the bulk contents mid-stream: the export's query ran at the first bytes, and is gone once the server noticed. */
export async function expectStopOnDisconnect(bulk: BulkExport): Promise<void> {
  const { atFirstBytes, left } = await disconnectMidStream(bulk.t, bulk.port, bulk.path, bulk.tenant.token);
  expect(atFirstBytes).toBe(1);
  expect(left).toBe(0);
}

/**
 * Export reads running now (GreenLake profile: the cursor's SELECT, or on PostgreSQL the COPY of a
 * CSV or the binary COPY of a Parquet), by their opening: pg_stat_activity truncates long texts before FROM.
 */
export async function activeExports(t: TestApp): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
    where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle'
      and (query like 'select "billing_account_id" as "billing_account_id"%' or query like 'COPY (select nullif("billing_account_id"::text, '''') as "c0"%'
        or query like 'COPY (select "billing_account_id"::text as "c0"%')`.execute(t.db);
  return rows[0]!.n;
}

/**
 * Starts a contents request over a real socket, goes away at its first body bytes, and reports how
 * many export queries ran at that moment and how many were left once the server noticed (up to 5 s).
 */
export async function disconnectMidStream(t: TestApp, port: number, path: string, token: string): Promise<{ atFirstBytes: number; left: number }> {
  const atFirstBytes = await new Promise<number>((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${token}` } });
    req.on('response', (res) => {
      res.once('data', () => {
        activeExports(t).then((n) => {
          req.destroy();
          resolve(n);
        }, reject);
      });
    });
    req.on('error', () => undefined);
  });
  let left = -1;
  for (let i = 0; i < 100 && left !== 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
    left = await activeExports(t);
  }
  return { atFirstBytes, left };
}
