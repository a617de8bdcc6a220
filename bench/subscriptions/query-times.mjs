/**
 * Diagnostic preload for the server child (`--query-times`): times every statement the server
 * sends, through pg (PostgreSQL) or PGlite, grouped by statement text, and writes the totals to
 * $CONSUMO_BENCH_QUERY_TIMES when the process exits. The time of a statement runs from the call to
 * its answer: on PostgreSQL it includes the round trip and, for COMMIT, the WAL flush. Not used by
 * a normal run; the figures it writes are not in results.json.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';

const stats = new Map();
const record = (text, t0) => {
  const key = String(text).replace(/\s+/g, ' ').trim().slice(0, 160);
  const s = stats.get(key) ?? { n: 0, ms: 0 };
  s.n += 1;
  s.ms += performance.now() - t0;
  stats.set(key, s);
};

const pgQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function query(config, values, callback) {
  const t0 = performance.now();
  const result = pgQuery.call(this, config, values, callback);
  const text = typeof config === 'string' ? config : config?.text;
  if (result && typeof result.then === 'function') result.then(() => record(text, t0), () => record(text, t0));
  return result;
};

const pgliteQuery = PGlite.prototype.query;
PGlite.prototype.query = async function query(text, parameters, options) {
  const t0 = performance.now();
  try {
    return await pgliteQuery.call(this, text, parameters, options);
  } finally {
    record(text, t0);
  }
};

process.on('exit', () => {
  const file = process.env.CONSUMO_BENCH_QUERY_TIMES;
  if (!file) return;
  const lines = [...stats]
    .sort((a, b) => b[1].ms - a[1].ms)
    .map(([k, s]) => `${s.ms.toFixed(0).padStart(8)} ms ${String(s.n).padStart(7)}× ${(s.ms / s.n).toFixed(3).padStart(8)} ms  ${k}`);
  writeFileSync(file, `total ms   calls     mean     statement\n${lines.join('\n')}\n`);
});
