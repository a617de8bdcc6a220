/**
 * Durability of metering on real processes. A server killed with SIGKILL while batches of usage
 * are arriving has stored each batch whole or not at all, and every batch it acknowledged; the
 * client sends everything again after the restart and ends with each event exactly once. A server
 * killed in the middle of a rating run has each day's records either from before the run or from
 * the run, never half of each; after the restart the run resumes, ends SUCCEEDED, and the records
 * match the usage exactly.
 */
import { sql } from 'kysely';
import { describe, it } from 'vitest';
import type { Db } from '../../packages/server/src/storage/database.js';
import { e2eDatabase, e2eEngines } from '../support/e2e-databases.js';
import { inspect } from '../support/inspect-database.js';
import { type ServerProcess, startServerProcess } from '../support/server-process.js';
import { api, waitFor } from '../support/polling.js';
import { fetchToken, fixedBootstrap } from '../support/subscription-e2e.js';
import { DAY_MS } from '@consumo/focus/formats';

const BATCHES = 40;
const PER_BATCH = 1000;
const ESXI = 'com.hpe.greenlake.vm.esxi.cu';

interface Run {
  id: string;
  status: string;
  progressPercent: number;
  result: { daysTotal: number; daysRated: number };
}

function batch(b: number, now: number): unknown[] {
  return Array.from({ length: PER_BATCH }, (_, i) => ({
    specversion: '1.0',
    id: `crash-${b}-${i}`,
    source: 'urn:e2e:collector',
    type: ESXI,
    subject: `foo.org-vm-0000${(i % 5) + 1}`,
    // Spread over the last three days, so the automatic rating has several days to redo.
    time: new Date(now - ((b * PER_BATCH + i) % 72) * 3_600_000 - 60_000).toISOString(),
    data: { cu: `0.${String(1 + ((b + i) % 9))}` },
  }));
}

async function send(url: string, token: string, events: unknown[]): Promise<{ status: number; accepted?: number; duplicates?: number }> {
  const res = await fetch(`${url}/metering/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/cloudevents-batch+json' },
    body: JSON.stringify(events),
  });
  return { status: res.status, ...((res.status === 202 ? await res.json() : {}) as object) };
}

/** Each crash batch's stored event count (a batch stored whole has PER_BATCH). */
async function storedPerBatch(db: Db, workspaceId: string): Promise<Map<number, number>> {
  const rows = await sql<{ b: number; n: number }>`
    select split_part(id, '-', 2)::int as b, count(*)::int as n from usage_events
    where workspace_id = ${workspaceId} and id like 'crash-%' group by 1`.execute(db);
  return new Map(rows.rows.map((r) => [r.b, r.n]));
}

/** Per day: consumed quantity in the records against the events' sum, for one meter. */
async function reconcile(db: Db, workspaceId: string) {
  const rows = await sql<{ day: string; usage: string; rated: string | null }>`
    select u.day::text as day, u.total::text as usage, r.total::text as rated from
      (select date_trunc('day', time) as day, sum(value) as total from usage_events
        where workspace_id = ${workspaceId} and meter_id = 'esxi-cu' group by 1) u
      left join (select charge_period_start as day, sum(consumed_quantity) as total from cost_records
        where workspace_id = ${workspaceId} and x_meter_id = 'esxi-cu' group by 1) r on r.day = u.day
    order by 1`.execute(db);
  return rows.rows;
}

describe.concurrent('metering survives kill -9 of the server', () => {
  for (const engine of e2eEngines()) {
    it(`${engine}: ingest stores batches whole; a rating run resumes; nothing is lost or doubled`, async ({ expect }) => {
      const database = await e2eDatabase(engine);
      const boot = fixedBootstrap();
      const env = {
        DATABASE_URL: database.url,
        CONSUMO_DEMO: '1',
        CONSUMO_RATE_LIMIT_MULTIPLIER: '1000',
        CONSUMO_JOB_LEASE_MS: '3000',
        CONSUMO_RATING_DELAY_MS: '200',
        ...boot.env,
      };
      const now = Date.now();
      const batches = Array.from({ length: BATCHES }, (_, b) => batch(b, now));
      let server: ServerProcess | undefined;
      try {
        // 1. SIGKILL while batches arrive, four at a time.
        server = await startServerProcess(env, database.dir);
        let token = await fetchToken(server.url, boot);
        const acknowledged = new Set<number>();
        let next = 0;
        let killed = false;
        const sender = async () => {
          while (next < BATCHES && !killed) {
            const b = next++;
            try {
              const res = await send(server!.url, token, batches[b]!);
              if (res.status === 202) acknowledged.add(b);
            } catch {
              // The server died under this request: it may or may not have stored the batch.
            }
          }
        };
        const senders = Promise.all([sender(), sender(), sender(), sender()]);
        await waitFor('a third of the batches acknowledged', async () => (acknowledged.size >= BATCHES / 3 ? true : undefined), 60_000);
        killed = true;
        expect(await server.stop('SIGKILL')).toBeNull();
        await senders;
        expect(acknowledged.size).toBeLessThan(BATCHES);

        const atCrash = await inspect(engine, database, (db) => storedPerBatch(db, boot.workspaceId));
        for (const [b, n] of atCrash) expect(n, `batch ${b} stored whole or not at all`).toBe(PER_BATCH);
        for (const b of acknowledged) expect(atCrash.get(b), `acknowledged batch ${b}`).toBe(PER_BATCH);

        // The client sends everything again: what was stored counts as duplicates.
        server = await startServerProcess(env, database.dir);
        token = await fetchToken(server.url, boot);
        let accepted = 0;
        let duplicates = 0;
        for (let b = 0; b < BATCHES; b++) {
          const res = await send(server.url, token, batches[b]!);
          expect(res.status).toBe(202);
          accepted += res.accepted!;
          duplicates += res.duplicates!;
          if (atCrash.has(b)) expect(res.duplicates).toBe(PER_BATCH);
        }
        expect(duplicates).toBe(atCrash.size * PER_BATCH);
        expect(accepted + duplicates).toBe(BATCHES * PER_BATCH);

        // 2. A rating run over the demo's 90 days, killed halfway; each day is one transaction.
        await waitFor('automatic rating to settle', async () => {
          const runs = await api<{ items: Run[] }>(server!.url, token, '/metering/v1/rating-runs?limit=100');
          return runs.items.every((r) => ['SUCCEEDED', 'FAILED'].includes(r.status)) ? true : undefined;
        }, 60_000);
        expect(await server.stop('SIGTERM')).toBe(0);
        server = await startServerProcess({ ...env, CONSUMO_ASYNC_STEP_DELAY_MS: '150' }, database.dir);
        token = await fetchToken(server.url, boot);
        const today = new Date(now).toISOString().slice(0, 10);
        const from = new Date(now - 89 * DAY_MS).toISOString().slice(0, 10);
        const to = new Date(now + DAY_MS).toISOString().slice(0, 10);
        const { transactionId: runId } = await api<{ transactionId: string }>(server.url, token, '/metering/v1/rating-runs', {
          method: 'POST',
          body: JSON.stringify({ from, to }),
        });
        const caught = await waitFor('the run half done', async () => {
          const run = await api<Run>(server!.url, token, `/metering/v1/rating-runs/${runId}`);
          if (run.status === 'SUCCEEDED') throw new Error('the run ended before it was seen half done');
          return run.result.daysRated >= 10 && run.result.daysRated <= 70 ? run : undefined;
        }, 60_000);
        expect(await server.stop('SIGKILL')).toBeNull();

        const halfway = await inspect(engine, database, async (db) => ({
          run: await db.selectFrom('rating_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow(),
          mixedDays: (
            await sql<{ day: string }>`select charge_period_start::text as day from cost_records where workspace_id = ${boot.workspaceId}
              group by 1 having count(distinct coalesce(x_rating_run_id::text, '')) > 1`.execute(db)
          ).rows,
        }));
        expect(halfway.run.status).toBe('RUNNING');
        expect(halfway.run.days_done).toBeGreaterThanOrEqual(caught.result.daysRated);
        expect(halfway.run.days_done).toBeLessThan(halfway.run.days_total);
        expect(halfway.mixedDays, 'no day is half replaced').toEqual([]);

        server = await startServerProcess(env, database.dir);
        token = await fetchToken(server.url, boot);
        const done = await waitFor('the run to resume and end', async () => {
          const run = await api<Run>(server!.url, token, `/metering/v1/rating-runs/${runId}`);
          return ['SUCCEEDED', 'FAILED', 'TIMEDOUT'].includes(run.status) ? run : undefined;
        }, 90_000);
        expect(done).toMatchObject({ status: 'SUCCEEDED', progressPercent: 100, result: { daysTotal: 90, daysRated: 90 } });
        expect(await server.stop('SIGTERM')).toBe(0);

        const after = await inspect(engine, database, async (db) => ({
          perBatch: await storedPerBatch(db, boot.workspaceId),
          days: await reconcile(db, boot.workspaceId),
          notFromRun: (
            await sql<{ n: number }>`select count(*)::int as n from cost_records where workspace_id = ${boot.workspaceId}
              and charge_period_start >= ${from}::date and (x_rating_run_id is null or x_rating_run_id <> ${runId}::uuid)`.execute(db)
          ).rows[0]!.n,
        }));
        expect([...after.perBatch.values()]).toEqual(Array.from({ length: BATCHES }, () => PER_BATCH));
        expect(after.days.length).toBeGreaterThanOrEqual(90);
        for (const d of after.days) expect(d.rated, `records of ${d.day} carry all its usage`).toBe(d.usage);
        expect(after.notFromRun).toBe(0);
        expect(after.days.at(-1)!.day.slice(0, 10)).toBe(today);
      } catch (err) {
        if (server) console.error(`[${engine}] server output:\n${server.output()}`);
        throw err;
      } finally {
        await server?.stop('SIGKILL');
        await database.drop();
      }
    }, 360_000);
  }
});
