/**
 * Scenario (a) against several builds at once, in short interleaved windows: the A/B that decides
 * whether a change to the look-up path helps (ADR 0036). On a shared two-core machine the speed
 * of the whole machine drifts by ±30 % over minutes, and a single server process can settle into a
 * slower state for its lifetime; a one-shot "ours, then the other build" (`run.mjs --compare-bin`)
 * measured the same build 1.4× apart. Here every build runs as several processes, all up at once,
 * and each round gives every process one short window, in rotating order; a build's figure in a
 * round is the mean of its processes, and the ratios are taken round by round (the drift cancels)
 * and reported as the median with quartiles.
 *
 *   node bench/flex-list/run.mjs --devices 100000 --engines postgres --scenarios get --workers 0 \
 *     --writes-per-second 0 --duration 2 --warmup 1 --keep          # leaves consumo_bench_flex
 *   node bench/flex-list/interleaved.mjs --bins path/to/before/cli/dist/bin.js,packages/cli/dist/bin.js
 *
 * The first build is the reference. Needs the scratch database a `run.mjs --keep` left behind.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { parseArgs } from '../lib/args.mjs';
import { cleanUp } from '../lib/cleanups.mjs';
import { startConsumoServer } from '../lib/consumo-server.mjs';
import { cpuMeter, pidAndChildren, pidsNamed } from '../lib/cpu.mjs';
import { measureHttp } from '../lib/http-load.mjs';
import { benchDatabaseName } from '../lib/scratch.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
// The bootstrap run.mjs seeds with (its WORKSPACE, CLIENT_ID and CLIENT_SECRET).
const WORKSPACE = 'bec0ffee00000000000000000000f1ec';
const CLIENT_ID = '0be4c100-0000-4000-8000-000000000001';
const CLIENT_SECRET = 'consumo-bench-flex-secret';

const opts = parseArgs(
  process.argv.slice(2),
  {
    bins: { type: 'string', default: '', help: 'comma-separated consumo bin.js paths; the first is the reference' },
    instances: { type: 'number', default: 3, help: 'server processes per build' },
    rounds: { type: 'number', default: 16, help: 'rounds; each gives every process one window' },
    seconds: { type: 'number', default: 0.6, help: 'seconds per window' },
    connections: { type: 'number', default: 10, help: 'concurrent HTTP connections' },
    pgUrl: { type: 'string', default: process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres', help: 'PostgreSQL admin URL (BENCH_PG_URL)' },
  },
  'usage: node bench/flex-list/interleaved.mjs --bins before.js,after.js [options]',
);
const bins = opts.bins.split(',').filter(Boolean).map((b) => path.resolve(b));
if (bins.length < 2) {
  console.error('--bins needs two builds or more');
  process.exit(2);
}

const database = benchDatabaseName('consumo_bench_flex');
const databaseUrl = Object.assign(new URL(opts.pgUrl), { pathname: `/${database}` }).toString();
const client = new pg.Client({ connectionString: databaseUrl });
await client.connect().catch((err) => {
  console.error(`no scratch database ${database} (${err.message}): run run.mjs with --keep first (see the header)`);
  process.exit(2);
});
// Each server's pool holds up to 10 connections (storage/engines/postgres-engine.ts): more than the
// server allows would leave requests (and anything else on the server) waiting for a connection.
const maxConnections = Number((await client.query('show max_connections')).rows[0].max_connections);
const wanted = bins.length * opts.instances * 10;
if (wanted > maxConnections - 10) {
  console.error(`${bins.length} builds × ${opts.instances} processes × 10 connections = ${wanted}: too many for max_connections ${maxConnections}; use fewer --instances`);
  process.exit(2);
}
const ids = (await client.query('select resource_id from flex_devices where workspace_id = $1 order by md5(resource_id::text) limit 1000', [WORKSPACE])).rows;
await client.end();
const paths = ids.map((r) => `/flex/v1beta1/devices/${r.resource_id}`);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const quartiles = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return [s[Math.floor(s.length / 4)], s[Math.floor((3 * s.length) / 4)]];
};

try {
  // Processes interleaved by build (A B A B …), so no build holds all the first-started ones.
  const servers = [];
  for (let i = 0; i < opts.instances; i++) {
    for (const [build, bin] of bins.entries()) {
      const label = `b${build}.${i}`;
      const server = await startConsumoServer({
        bin,
        label,
        databaseUrl,
        dataDir: path.join(here, 'data'),
        bootstrap: { workspaceId: WORKSPACE, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
        env: { HOST: '127.0.0.1', REDIS_URL: '' },
      });
      servers.push({ label, build, url: server.url, pid: server.pid, headers: { authorization: `Bearer ${server.token}` } });
    }
  }
  const window = (s, seconds, meter) =>
    measureHttp({ url: s.url, headers: s.headers, paths, connections: opts.connections, seconds, warmupSeconds: 0, label: s.label, meter });
  for (const s of servers) await window(s, 2); // warm-up: JIT, prepared statements, pools

  const rounds = [];
  for (let r = 0; r < opts.rounds; r++) {
    const shift = r % servers.length;
    const order = [...servers.slice(shift), ...servers.slice(0, shift)];
    if (Math.floor(r / servers.length) % 2 === 1) order.reverse();
    const round = {};
    for (const s of order) {
      const meter = cpuMeter({ server: () => pidAndChildren(s.pid), postgres: () => pidsNamed('postgres', ` ${database} `) });
      const m = await window(s, opts.seconds, meter);
      round[s.label] = { rps: m.rps, server: (m.cpu.server * 1000) / m.n, postgres: (m.cpu.postgres * 1000) / m.n };
    }
    rounds.push(round);
  }

  const ofBuild = (round, build, key) => {
    const xs = servers.filter((s) => s.build === build).map((s) => round[s.label][key]);
    return xs.reduce((a, b) => a + b, 0) / xs.length;
  };
  console.log(`\n(a) GET /devices/{id}, ${opts.connections} connections, ${opts.instances} processes per build, ${opts.rounds} rounds of ${opts.seconds}s windows`);
  for (const [build, bin] of bins.entries()) {
    const processes = servers
      .filter((s) => s.build === build)
      .map((s) => `${median(rounds.map((r) => r[s.label].rps)).toFixed(0)}`)
      .join(' / ');
    console.log(`build ${build}: ${bin}`);
    console.log(`  req/s per process (median of rounds): ${processes}; CPU ms per request: server ${median(rounds.map((r) => ofBuild(r, build, 'server'))).toFixed(3)}, PostgreSQL ${median(rounds.map((r) => ofBuild(r, build, 'postgres'))).toFixed(3)}`);
    if (build === 0) continue;
    const rps = rounds.map((r) => ofBuild(r, build, 'rps') / ofBuild(r, 0, 'rps'));
    const cpu = rounds.map((r) => ofBuild(r, build, 'server') / ofBuild(r, 0, 'server'));
    const [q1, q3] = quartiles(rps);
    console.log(`  ÷ build 0, round by round: req/s ${median(rps).toFixed(3)} (quartiles ${q1.toFixed(3)}–${q3.toFixed(3)}), server CPU per request ${median(cpu).toFixed(3)}`);
  }
} finally {
  await cleanUp();
}
