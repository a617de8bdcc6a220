/**
 * A clean stop in the middle of a slow subscription operation: SIGTERM lets the current item
 * finish, hands the job back to the queue and exits 0; the next start resumes the operation at once
 * (no lease to wait out) and claims every key exactly once.
 */
import { describe, expect, it } from 'vitest';
import { e2eDatabase, e2eEngines } from '../support/e2e-databases.js';
import { type ServerProcess, startServerProcess } from '../support/server-process.js';
import { fetchToken, fixedBootstrap, getOperation, issueKeys, keyPrefix, postAdd, waitForTerminal } from '../support/subscription-e2e.js';

describe.each(e2eEngines())('SIGTERM during a subscription operation on %s', (engine) => {
  it('exits 0 after the current item; a restart resumes the operation and claims each key once', async () => {
    const database = await e2eDatabase(engine);
    const boot = fixedBootstrap();
    // The lease is long on purpose: only a released job can be resumed within the wait below.
    const env = { DATABASE_URL: database.url, CONSUMO_DEMO: '0', CONSUMO_JOB_LEASE_MS: '600000', CONSUMO_RATE_LIMIT_MULTIPLIER: '1000', ...boot.env };
    let server: ServerProcess | undefined = await startServerProcess({ ...env, CONSUMO_ASYNC_STEP_DELAY_MS: '3000' }, database.dir);
    try {
      let token = await fetchToken(server.url, boot);
      const keys = Array.from({ length: 5 }, (_, i) => `${keyPrefix('TERM')}-${i}`);
      await issueKeys(server.url, token, keys);
      const id = await postAdd(server.url, token, keys);
      while ((await getOperation(server.url, token, id)).progressPercent < 20) await new Promise((r) => setTimeout(r, 50));

      const code = await server.stop('SIGTERM');
      expect({ code, output: server.output() }).toEqual({ code: 0, output: expect.not.stringContaining('AVV_ERR_READY_TIMEOUT') });
      server = undefined;

      server = await startServerProcess({ ...env, CONSUMO_ASYNC_STEP_DELAY_MS: '0' }, database.dir);
      token = await fetchToken(server.url, boot);
      const [op] = await waitForTerminal(server.url, token, [id], 20_000);
      expect(op!.status).toBe('SUCCEEDED');
      expect(op!.result.succeededSubscriptions.map((s) => s.key)).toEqual(keys);
      expect(op!.result.failedSubscriptions).toEqual([]);
    } finally {
      await server?.stop('SIGKILL');
      await database.drop();
    }
  }, 90_000);
});
