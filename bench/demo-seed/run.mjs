#!/usr/bin/env node
/**
 * demo-seed: `consumo seed --devices N` (the Flex demo loader: generated in memory-bounded batches,
 * bulk-inserted) over a million devices, on PostgreSQL and PGlite, beside a reference measured in
 * the same run: the same number of rows made by the database itself (INSERT … SELECT from
 * generate_series into flex_devices). Moved here from a test that only measured. See README.md.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createDb, migrateToLatest, seedFlexDemo } from '@consumo/server';
import { parseArgs } from '../lib/args.mjs';
import { cleanUp } from '../lib/cleanups.mjs';
import { codeVersion, machine, packageVersion } from '../lib/machine.mjs';
import { scratch, benchDatabaseName } from '../lib/scratch.mjs';
import { round } from '../lib/stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const opts = parseArgs(process.argv.slice(2), {
  devices: { type: 'number', default: 1_000_000, help: 'devices to seed' },
  batchSize: { type: 'number', default: 10_000, help: 'rows per bulk insert' },
  engines: { type: 'string', default: 'postgres,pglite', help: 'comma-separated: postgres, pglite' },
  pgUrl: { type: 'string', default: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', help: 'PostgreSQL admin URL' },
  keep: { type: 'boolean', default: false, help: 'keep the scratch databases' },
});
const db = scratch({ adminUrl: opts.pgUrl, database: benchDatabaseName('consumo_bench_demo_seed'), dataDir: path.join(here, 'data'), keep: opts.keep });
const WORKSPACE = '0123456789abcdef0123456789abcdef';

async function measure(engine) {
  await db.create(engine);
  const opened = await createDb(db.url(engine), { poolSize: 2 });
  try {
    await migrateToLatest(opened.db);
    await opened.db.insertInto('workspaces').values({ id: WORKSPACE, name: 'bench' }).execute();
    const heapBefore = process.memoryUsage().heapUsed;
    let started = performance.now();
    const seeded = await seedFlexDemo(opened.db, WORKSPACE, { devices: opts.devices, orders: 2000, batchSize: opts.batchSize });
    const seedSeconds = (performance.now() - started) / 1000;
    const heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    if (seeded.devices !== opts.devices) throw new Error(`seeded ${seeded.devices} devices, expected ${opts.devices}`);

    // The reference: as many device rows, made inside the database in one statement.
    await sql`create table bench_devices (like flex_devices including all)`.execute(opened.db);
    started = performance.now();
    await sql`insert into bench_devices (workspace_id, id, resource_id, serial_number, mac_address, part_number, name, device_type, model, make, billing_account_name, billing_tier, tags, created_at, updated_at)
      select ${WORKSPACE}, gen_random_uuid(), gen_random_uuid(), 'SN' || g, 'MAC' || g, 'P' || g, 'device-' || g, 'SERVER', 'DL380', 'HPE', 'Test Company', 'Foundation', '[]'::jsonb, now(), now()
      from generate_series(1, ${opts.devices}) g`.execute(opened.db);
    const referenceSeconds = (performance.now() - started) / 1000;
    return {
      engine,
      devices: opts.devices,
      seedSeconds: round(seedSeconds, 2),
      devicesPerSecond: Math.round(opts.devices / seedSeconds),
      referenceSeconds: round(referenceSeconds, 2),
      ratio: round(referenceSeconds / seedSeconds, 2),
      heapGrowthMb: round(heapGrowthMb, 1),
    };
  } finally {
    await opened.db.destroy();
  }
}

try {
  const results = [];
  for (const engine of opts.engines.split(',').map((e) => e.trim())) {
    const r = await measure(engine);
    console.log(`${engine}: seeded ${r.devices} devices in ${r.seedSeconds} s (${r.devicesPerSecond}/s); INSERT … SELECT of as many rows ${r.referenceSeconds} s; ratio ${r.ratio}; heap +${r.heapGrowthMb} MB`);
    results.push(r);
  }
  writeFileSync(
    path.join(here, 'results.json'),
    `${JSON.stringify({ benchmark: 'demo-seed', at: new Date().toISOString(), machine: machine({ pglite: packageVersion('@electric-sql/pglite') }), code: codeVersion(here), options: opts, results }, null, 2)}\n`,
  );
} finally {
  await cleanUp();
}
