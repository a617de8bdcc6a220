/** Two server processes on one Redis share one rate-limit budget per workspace and endpoint. */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eDatabase, e2eDatabase, e2eEngines } from '../support/e2e-databases.js';
import { type ServerProcess, startServerProcess } from '../support/server-process.js';
import { redisReachable, testRedisUrl } from '../../packages/server/test/support/test-redis.js';

const redisUrl = testRedisUrl;

const reachable = await redisReachable(redisUrl);
if (!reachable) console.warn(`[skip] shared rate-limit e2e: no Redis at ${redisUrl}`);
// Both processes need one database: PostgreSQL when the matrix has it, else each its own PGlite with the same bootstrap ids.
const engine = e2eEngines().includes('postgres') ? 'postgres' : 'pglite';

describe.runIf(reachable && e2eEngines().length > 0)(`two servers on one Redis (${engine})`, () => {
  const workspaceId = randomBytes(16).toString('hex');
  const clientId = randomUUID();
  const clientSecret = randomBytes(18).toString('base64url');
  const databases: E2eDatabase[] = [];
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    const env = {
      REDIS_URL: redisUrl,
      CONSUMO_DEMO: '0',
      CONSUMO_BOOTSTRAP_WORKSPACE_ID: workspaceId,
      CONSUMO_BOOTSTRAP_CLIENT_ID: clientId,
      CONSUMO_BOOTSTRAP_CLIENT_SECRET: clientSecret,
    };
    const first = await e2eDatabase(engine);
    databases.push(first);
    const second = engine === 'postgres' ? first : await e2eDatabase(engine);
    if (second !== first) databases.push(second);
    servers.push(await startServerProcess({ ...env, DATABASE_URL: first.url }, first.dir));
    servers.push(await startServerProcess({ ...env, DATABASE_URL: second.url }, second.dir));
  }, 120_000);
  afterAll(async () => {
    for (const s of servers) await s.stop();
    for (const d of databases) await d.drop();
  });

  it('counts requests to either process against one budget of 100 per minute', async () => {
    const tokens = await Promise.all(
      servers.map(async (s) => {
        const res = await fetch(`${s.url}/as/token.oauth2`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
        });
        return ((await res.json()) as { access_token: string }).access_token;
      }),
    );
    const call = (i: number) =>
      fetch(`${servers[i % 2]!.url}/flex/v1beta1/orders?limit=0`, { headers: { authorization: `Bearer ${tokens[i % 2]}` } });
    // Stay clear of a window boundary, so all 101 requests fall into one minute.
    const intoWindow = Date.now() % 60_000;
    if (intoWindow > 50_000) await new Promise((r) => setTimeout(r, 60_000 - intoWindow + 100));
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) statuses.push((await call(i)).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const refused = await call(100);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    const other = await call(101);
    expect(other.status).toBe(429);
  }, 120_000);
});
