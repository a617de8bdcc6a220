/**
 * The reference server: a bare node:http server on the scratch database through the same driver
 * (`pg`, a pool of 10 like the server's, the statement named so PostgreSQL prepares it as it
 * prepares the server's). One query per request — the bare SQL of the report's totals
 * (reference.mjs) over the periods the benchmark computed beforehand (BENCH_FIXTURES) — and the
 * rows written out as they come: no auth, no rate limit, no catalog, prices or commitments.
 *
 *   GET /report[?tenant=<workspace id>]  JSON array of the rows (all tenants without `tenant`)
 *   GET /file[?tenant=<workspace id>]    the same rows as CSV, every field quoted, CRLF
 *   …&rollups=monthly                    the fair reference (REFERENCE_MONTHLY_SQL): every figure the
 *                                        report contains — lines (kind 'l'), services ('s'), organizations
 *                                        ('o') — from the same rollups read the same way; the file its
 *                                        SKU lines with every figure the report's file has. Its own pool
 *                                        with jit off, work_mem 32MB and force_generic_plan set at
 *                                        connection (no round trip): the settings the report runs its
 *                                        all-tenants statement under (ADR 0020 point 22), and for one
 *                                        tenant the plan the report's statement keeps (point 25).
 */
import http from 'node:http';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { REFERENCE_MONTHLY_NAME, REFERENCE_MONTHLY_SQL, REFERENCE_NAME, REFERENCE_SQL, referenceMonthlyParameters, referenceParameters } from './reference.mjs';

const fixtures = JSON.parse(readFileSync(process.env.BENCH_FIXTURES, 'utf8'));
/** workspace id → its periods ({ workspaceId, period, start, end, startMs }). */
const periodsOf = new Map(Object.entries(fixtures.periods));
const allParameters = referenceParameters([...periodsOf.values()].flat());
const tenantParameters = new Map([...periodsOf].map(([id, periods]) => [id, referenceParameters(periods)]));
const allMonthlyParameters = referenceMonthlyParameters([...periodsOf.values()].flat());
const tenantMonthlyParameters = new Map([...periodsOf].map(([id, periods]) => [id, referenceMonthlyParameters(periods)]));
const startMsOf = new Map([...periodsOf].map(([id, periods]) => [id, periods.map((p) => p.startMs)]));

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.BENCH_POOL_SIZE ?? 10) });
pool.on('error', () => undefined);
const SETTINGS = '-c jit=off -c work_mem=32MB';
// Generic plans for one tenant too: left to PostgreSQL's choice, its arrays made it plan every call
// (300 custom plans of 300; 6.1 ms p50 against 4.1 ms generic, one connection, every tenant thrice).
const fullPool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.BENCH_POOL_SIZE ?? 10), options: `${SETTINGS} -c plan_cache_mode=force_generic_plan` });
fullPool.on('error', () => undefined);

const field = (value) => `"${String(value ?? '').replace(/"/g, '""')}"`;
const CSV_HEADER = ['Org Id', 'Service Name', 'Sku Name', 'Currency', 'Billable Usage Timestamp', 'Price', 'List Cost', 'Usage Qty', 'Billable Qty'];

function csv(rows) {
  let out = `${CSV_HEADER.map(field).join(',')}\r\n`;
  for (const r of rows) {
    out += `${[r.workspace_id, r.service_name, r.sku_id, r.currency, startMsOf.get(r.workspace_id)[r.period], r.billed_cost, r.list_cost, r.usage_quantity, r.billable_quantity].map(field).join(',')}\r\n`;
  }
  return out;
}

const FULL_CSV_HEADER = ['Org Id', 'Service Name', 'Sku Name', 'Sku Description', 'Currency', 'Unit Price', 'Datacenter', 'Product Family', 'Billable Usage Timestamp', 'Price', 'List Cost', 'Usage Qty', 'Commit Qty', 'Billable Qty'];

/** The fair reference's SKU lines as CSV: every figure of the report's file. */
function fullCsv(rows) {
  let out = `${FULL_CSV_HEADER.map(field).join(',')}\r\n`;
  for (const r of rows) {
    if (r.kind !== 'l') continue;
    out += `${[r.workspace_id, r.service_name, r.sku_id, r.charge_description ?? r.sku_id ?? '', r.currency, r.unit_price, r.regions, r.product_family, startMsOf.get(r.workspace_id)[r.period],
      r.billed_cost, r.list_cost, r.usage_quantity, r.commit_quantity, r.billable_quantity].map(field).join(',')}\r\n`;
  }
  return out;
}

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://bare');
    const tenant = url.searchParams.get('tenant');
    const monthly = url.searchParams.get('rollups') === 'monthly';
    const values = monthly
      ? tenant === null ? allMonthlyParameters : tenantMonthlyParameters.get(tenant)
      : tenant === null ? allParameters : tenantParameters.get(tenant);
    if (!values || (url.pathname !== '/report' && url.pathname !== '/file')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const { rows } = monthly
      ? await fullPool.query({ name: REFERENCE_MONTHLY_NAME, text: REFERENCE_MONTHLY_SQL, values })
      : await pool.query({ name: REFERENCE_NAME, text: REFERENCE_SQL, values });
    const body = url.pathname === '/report' ? JSON.stringify(rows) : monthly ? fullCsv(rows) : csv(rows);
    res.writeHead(200, { 'content-type': url.pathname === '/report' ? 'application/json' : 'text/csv; charset=utf-8' }).end(body);
  } catch (err) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err?.message ?? err));
  }
});

server.listen(0, '127.0.0.1', () => console.log(`bare node:http listening on http://127.0.0.1:${server.address().port}`));
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections?.();
  Promise.all([pool.end(), fullPool.end()]).finally(() => process.exit(0));
});
