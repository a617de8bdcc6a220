/** An app on a test database with a bootstrap client holding every role, and helpers to call it as a client would. */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../src/app.js';
import { type Config, testConfig } from '../../src/config.js';
import { bootstrap, type BootstrapCredentials } from '../../src/platform/bootstrap.js';
import type { Engine } from '../../src/storage/create-db.js';
import type { Db } from '../../src/storage/database.js';
import type { RowStreams } from '../../src/storage/engines/database-engine.js';
import type { RateLimitStore } from '../../src/platform/rate-limit/index.js';
import type { JobQueue } from '../../src/platform/jobs/index.js';
import { openTestDatabase } from './test-databases.js';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  engine: Engine;
  /** The engine's large reads (rows in chunks, CSV by COPY or lines), as the app's services get them. */
  streams: RowStreams;
  /** The app's durable job queue; tests run due jobs with `jobs.drain()` (no worker loop runs). */
  jobs: JobQueue;
  /** The injected clock, as epoch milliseconds. */
  now(): number;
  admin: BootstrapCredentials;
  /** A token for the given client (default: the bootstrap client, every role). */
  token(clientId?: string, clientSecret?: string): Promise<string>;
  /** A request with the bootstrap client's bearer token unless headers say otherwise. */
  call(options: InjectOptions & { token?: string | null }): Promise<LightMyRequestResponse>;
  /** Creates a workspace and a client in it with the given roles; returns its id, credentials and a token. */
  tenant(roles: string[], name?: string): Promise<{ workspaceId: string; clientId: string; clientSecret: string; token: string }>;
  /** Moves the injected clock. */
  advance(ms: number): void;
  close(): Promise<void>;
}

export async function startTestApp(
  engine: Engine,
  options: { config?: Partial<Config>; rateLimitStore?: RateLimitStore } = {},
): Promise<TestApp> {
  const database = await openTestDatabase(engine);
  let offset = 0;
  const now = () => Date.now() + offset;
  const config = testConfig(options.config);
  const { app, db, jobs } = await buildApp(config, {
    db: database,
    keepDbOpen: true,
    now,
    ...(options.rateLimitStore && { rateLimitStore: options.rateLimitStore }),
  });
  const admin = (await bootstrap(db, config))!;
  // Tokens are reused until the injected clock says they expired (tests move it by hours).
  const tokens = new Map<string, { value: string; expiresAt: number }>();

  const token = async (clientId = admin.clientId, clientSecret = admin.clientSecret) => {
    const cached = tokens.get(clientId);
    if (cached && clientId === admin.clientId && cached.expiresAt > now()) return cached.value;
    const res = await app.inject({
      method: 'POST',
      url: '/as/token.oauth2',
      payload: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
    });
    if (res.statusCode !== 200) throw new Error(`token request failed: ${res.statusCode} ${res.body}`);
    const { access_token: value, expires_in: ttl } = res.json() as { access_token: string; expires_in: number };
    tokens.set(clientId, { value, expiresAt: now() + ttl * 1000 - 1000 });
    return value;
  };

  const call: TestApp['call'] = async ({ token: explicit, headers, ...rest }) => {
    const bearer = explicit === undefined ? await token() : explicit;
    return app.inject({ ...rest, headers: { ...(bearer !== null && { authorization: `Bearer ${bearer}` }), ...headers } });
  };

  const tenant: TestApp['tenant'] = async (roles, name = 'tenant') => {
    const ws = await call({ method: 'POST', url: '/admin/v1/workspaces', payload: { name } });
    if (ws.statusCode !== 201) throw new Error(`workspace: ${ws.body}`);
    const workspaceId = (ws.json() as { id: string }).id;
    const cl = await call({ method: 'POST', url: `/admin/v1/workspaces/${workspaceId}/api-clients`, payload: { name, roles } });
    if (cl.statusCode !== 201) throw new Error(`client: ${cl.body}`);
    const { clientId, clientSecret } = cl.json() as { clientId: string; clientSecret: string };
    return { workspaceId, clientId, clientSecret, token: await token(clientId, clientSecret) };
  };

  return {
    app,
    db,
    engine,
    streams: database,
    jobs,
    now,
    admin,
    token,
    call,
    tenant,
    advance: (ms) => {
      offset += ms;
    },
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

export interface UseTestAppOptions {
  /** Merged over the rate limits lifted (×1000): these suites test behaviour, not budgets. */
  config?: Partial<Config>;
  /** The set-up's time-out, for a large seed. */
  timeout?: number;
}

/**
 * Starts an app before the enclosing suite's tests and closes it after them. `ready` gets the app
 * first, to keep it (and what it seeds) for the tests.
 */
export function useTestApp(engine: Engine, ready: (t: TestApp) => unknown, options: UseTestAppOptions = {}): void {
  let started: TestApp | undefined;
  beforeAll(async () => {
    started = await startTestApp(engine, { config: { rateLimitMultiplier: 1000, ...options.config } });
    await ready(started);
  }, options.timeout);
  afterAll(() => started?.close());
}
