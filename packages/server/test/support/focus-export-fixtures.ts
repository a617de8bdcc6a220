/** Shared helpers of the FOCUS export suites: a tenant allowed to manage exports, definitions and contents calls. */
import type { LightMyRequestResponse } from 'fastify';
import http from 'node:http';
import v8 from 'node:v8';
import vm from 'node:vm';
import { sql } from 'kysely';
import { COST_RECORD_COLUMNS } from '../../src/modules/cost-records/index.js';
import { costRecord, insertCostRecords } from './cost-record-fixtures.js';
import type { TestApp } from './test-app.js';

export const BASE = '/consumption-analytics/v1beta1/focus-exports';

export interface Tenant {
  workspaceId: string;
  clientId: string;
  token: string;
}

export async function exportsTenant(t: TestApp, name = 'exports'): Promise<Tenant> {
  return t.tenant(['exports-admin'], name);
}

export async function createExport(t: TestApp, tenant: Tenant, body: Record<string, unknown>): Promise<{ id: string } & Record<string, unknown>> {
  const res = await t.call({ method: 'POST', url: BASE, token: tenant.token, payload: body });
  if (res.statusCode !== 201) throw new Error(`create export: ${res.statusCode} ${res.body}`);
  return res.json();
}

export function contents(t: TestApp, tenant: Tenant, id: string, query: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return t.call({ method: 'GET', url: `${BASE}/${id}/contents?${query}`, token: tenant.token, headers });
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

/**
 * Export reads running now (GreenLake profile: the cursor's SELECT, or the COPY of a CSV on
 * PostgreSQL), by their opening: pg_stat_activity truncates long texts before FROM.
 */
export async function activeExports(t: TestApp): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
    where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle'
      and (query like 'select "billing_account_id" as "billing_account_id"%' or query like 'COPY (select nullif("billing_account_id"::text, '''') as "c0"%')`.execute(t.db);
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
