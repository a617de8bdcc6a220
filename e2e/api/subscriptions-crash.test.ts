/**
 * Durability of subscription operations, on real processes: a server killed with SIGKILL while an
 * add operation is half done leaves each key either claimed and recorded or untouched. A new
 * process on the same database runs the queued operations at once and takes the interrupted one
 * up when its job lease (30 s) runs out; in the end every operation is SUCCEEDED or FAILED as its
 * keys decide, each result names each of its keys exactly once, every issued key is claimed
 * exactly once, and no subscription exists that no result names.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'vitest';
import { e2eDatabase, e2eEngines } from '../support/e2e-databases.js';
import { inspect } from '../support/inspect-database.js';
import { type ServerProcess, startServerProcess } from '../support/server-process.js';
import {
  type Operation, TERMINAL, fetchToken, fixedBootstrap, getOperation, issueKeys, keyPrefix, postAdd, waitForTerminal,
} from '../support/subscription-e2e.js';

const ACTIVE = ['INITIALIZED', 'RUNNING'];

const keysOf = (items: { key?: string }[]) => items.map((i) => i.key ?? '').sort();

describe.concurrent('subscription operations survive kill -9 of the server', () => {
  for (const engine of e2eEngines()) {
    it(`${engine}: an interrupted operation resumes after restart; every key is claimed exactly once`, async ({ expect }) => {
      const started = Date.now();
      const database = await e2eDatabase(engine);
      const boot = fixedBootstrap();
      // A short lease: the restarted process takes the orphaned job up after 5 s instead of 30 s.
      const env = { DATABASE_URL: database.url, CONSUMO_DEMO: '0', CONSUMO_RATE_LIMIT_MULTIPLIER: '1000', CONSUMO_JOB_LEASE_MS: '5000', ...boot.env };
      let server: ServerProcess | undefined;
      try {
        server = await startServerProcess({ ...env, CONSUMO_ASYNC_STEP_DELAY_MS: '400' }, database.dir);
        let token = await fetchToken(server.url, boot);
        const prefix = keyPrefix(engine.toUpperCase());
        const issued = Array.from({ length: 26 }, (_, i) => `${prefix}-${String(i + 1).padStart(2, '0')}`);
        const unknown = [`${prefix}-NEVER-ISSUED-1`, `${prefix}-NEVER-ISSUED-2`];
        await issueKeys(server.url, token, issued);
        const requests = [
          ...[0, 5, 10, 15, 20].map((i) => issued.slice(i, i + 5)),
          // A key the first operation claims (it runs first), a key never issued, a fresh key.
          [issued[0]!, unknown[0]!, issued[25]!],
          // Nothing claimable: the operation FAILS.
          [unknown[1]!],
        ];
        const ids: string[] = [];
        for (const keys of requests) ids.push(await postAdd(server.url, token, keys));

        // Catch an operation half done, then kill the process without warning.
        let caught: Operation | undefined;
        const deadline = Date.now() + 30_000;
        while (!caught) {
          const ops = await Promise.all(ids.map((id) => getOperation(server!.url, token, id)));
          caught = ops.find((op) => op.status === 'RUNNING' && op.progressPercent >= 1 && op.progressPercent <= 99);
          if (caught) break;
          if (ops.every((op) => TERMINAL.includes(op.status))) throw new Error('every operation ended before one was seen half done');
          if (Date.now() > deadline) throw new Error(`no operation seen half done: ${ops.map((o) => `${o.status} ${o.progressPercent}%`).join(', ')}`);
          await sleep(20);
        }
        expect(await server.stop('SIGKILL')).toBeNull();
        expect(server.child.signalCode).toBe('SIGKILL');
        const killedAt = Date.now();

        // The database as the killed process left it: the caught operation is half recorded, and its job still leased.
        const atCrash = await inspect(engine, database, async (db) => ({
          ops: await db.selectFrom('async_operations').select(['id', 'status', 'result']).where('workspace_id', '=', boot.workspaceId).execute(),
          jobs: await db.selectFrom('jobs').select(['id', 'status', 'attempts']).execute(),
        }));
        expect(atCrash.ops.filter((op) => ACTIVE.includes(op.status)).length).toBeGreaterThan(0);
        const interrupted = atCrash.ops.find((op) => op.id === caught.id)!;
        const recorded = interrupted.result.succeeded.length + interrupted.result.failed.length;
        const requested = requests[ids.indexOf(caught.id)]!.length;
        expect(interrupted.status).toBe('RUNNING');
        expect(recorded).toBeGreaterThanOrEqual(1);
        expect(recorded).toBeLessThan(requested);
        expect(atCrash.jobs.find((j) => j.id === caught.id)).toMatchObject({ status: 'running', attempts: 1 });

        // A new process on the same database finishes everything.
        server = await startServerProcess({ ...env, CONSUMO_ASYNC_STEP_DELAY_MS: '50' }, database.dir);
        const restartedAt = Date.now();
        token = await fetchToken(server.url, boot);
        const ops = await waitForTerminal(server.url, token, ids, 75_000);
        const finishedAt = Date.now();

        expect(ops.map((op) => op.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'FAILED']);
        ops.forEach((op, i) => {
          // Each result names each key of its request exactly once: nothing lost, nothing done twice.
          expect(keysOf([...op.result.succeededSubscriptions, ...op.result.failedSubscriptions]), `operation ${i + 1}`).toEqual([...requests[i]!].sort());
        });
        for (const op of ops.slice(0, 5)) {
          expect(op.result.failedSubscriptions).toEqual([]);
          expect(op.result.succeededSubscriptions.every((s) => /^[0-9a-f-]{36}$/.test(s.id ?? ''))).toBe(true);
        }
        expect(ops[5]!.result.succeededSubscriptions.map((s) => s.key)).toEqual([issued[25]]);
        expect(ops[5]!.result.failedSubscriptions).toEqual([
          expect.objectContaining({ key: issued[0], reason: 'KEY_ALREADY_IN_WORKSPACE' }),
          expect.objectContaining({ key: unknown[0], reason: 'KEY_NOT_FOUND' }),
        ]);
        expect(ops[6]!.result.failedSubscriptions).toEqual([expect.objectContaining({ key: unknown[1], reason: 'KEY_NOT_FOUND' })]);
        expect(ops[6]!.error?.message).toBeTruthy();

        expect(await server.stop('SIGTERM')).toBe(0);
        const after = await inspect(engine, database, async (db) => ({
          rows: await db.selectFrom('subscriptions').select(['key', 'id']).where('workspace_id', '=', boot.workspaceId).execute(),
          jobs: await db.selectFrom('jobs').select(['id', 'status', 'attempts']).execute(),
        }));
        const succeeded = ops.flatMap((op) => op.result.succeededSubscriptions).map((s) => `${s.key} ${s.id}`).sort();
        // Every issued key claimed exactly once, under the id its result names; no row no result names.
        expect(after.rows.map((r) => `${r.key} ${r.id}`).sort()).toEqual(succeeded);
        expect(after.rows.map((r) => r.key).sort()).toEqual([...issued].sort());
        expect(after.rows.filter((r) => unknown.includes(r.key))).toEqual([]);
        // The interrupted operation's job ran a second time; every job is done.
        expect(after.jobs.find((j) => j.id === caught.id)).toMatchObject({ status: 'succeeded', attempts: 2 });
        expect(after.jobs.filter((j) => ids.includes(j.id)).map((j) => j.status)).toEqual(ids.map(() => 'succeeded'));

        console.log(
          `[${engine}] crash e2e: killed at ${((killedAt - started) / 1000).toFixed(1)} s with operation ${ids.indexOf(caught.id) + 1} at ${caught.progressPercent}%; ` +
            `restarted in ${((restartedAt - killedAt) / 1000).toFixed(1)} s; all terminal ${((finishedAt - restartedAt) / 1000).toFixed(1)} s later; ` +
            `total ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
      } catch (err) {
        if (server) console.error(`[${engine}] server output:\n${server.output()}`);
        throw err;
      } finally {
        await server?.stop('SIGKILL');
        await database.drop();
      }
    }, 150_000);
  }
});
