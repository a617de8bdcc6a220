/**
 * Two app instances on one database, as two processes would share it: on PostgreSQL two
 * connection pools to one scratch database; on PGlite (one connection by nature) the same open
 * database twice. For tests of what one instance's write does to the other's next request.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../../src/config.js';
import { bootstrap } from '../../src/platform/bootstrap.js';
import { type OpenDatabase, createDb } from '../../src/storage/create-db.js';
import { scratchPostgresDatabase, testEngines } from './test-databases.js';

export interface TwoDatabases {
  first: OpenDatabase;
  second: OpenDatabase;
  close(): Promise<void>;
}

async function onePGlite(): Promise<TwoDatabases> {
  const opened = await createDb('memory://');
  return { first: opened, second: opened, close: () => opened.db.destroy() };
}

async function onePostgres(): Promise<TwoDatabases> {
  const scratch = await scratchPostgresDatabase();
  const first = await createDb(scratch.url, { poolSize: 3 });
  const second = await createDb(scratch.url, { poolSize: 3 });
  return {
    first,
    second,
    close: async () => {
      await first.db.destroy();
      await second.db.destroy();
      await scratch.drop();
    },
  };
}

/** `[engine name, open]` for each engine this run tests. */
export function twoDatabaseVariants(): [string, () => Promise<TwoDatabases>][] {
  const engines = testEngines();
  const variants: [string, () => Promise<TwoDatabases>][] = [];
  if (engines.includes('pglite')) variants.push(['PGlite', onePGlite]);
  if (engines.includes('postgres')) variants.push(['PostgreSQL', onePostgres]);
  return variants;
}

/** A client-credentials access token from `app`. */
export async function clientToken(app: FastifyInstance, clientId: string, clientSecret: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/as/token.oauth2', payload: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret } });
  if (res.statusCode !== 200) throw new Error(`token: ${res.statusCode} ${res.body}`);
  return (res.json() as { access_token: string }).access_token;
}

export interface TwoApps {
  dbs: TwoDatabases;
  /** The instance on the first database (connection pool), and the one on the second. */
  one: FastifyInstance;
  two: FastifyInstance;
  /** An access token of the bootstrap (operator) client. */
  operator: string;
  close(): Promise<void>;
}

/** Two app instances on one database (see TwoDatabases), bootstrapped, with the operator's token. */
export async function twoApps(open: () => Promise<TwoDatabases>): Promise<TwoApps> {
  const dbs = await open();
  const config = testConfig({ rateLimitMultiplier: 1000 });
  const one = (await buildApp(config, { db: dbs.first, keepDbOpen: true })).app;
  const two = (await buildApp(config, { db: dbs.second, keepDbOpen: true })).app;
  const admin = (await bootstrap(dbs.first.db, config))!;
  const operator = await clientToken(one, admin.clientId, admin.clientSecret);
  return {
    dbs,
    one,
    two,
    operator,
    close: async () => {
      await one.close();
      await two.close();
      await dbs.close();
    },
  };
}

/**
 * twoApps for a `describe` block: opened before its tests (`use` takes what the tests read), closed
 * after them.
 */
export function withTwoApps(open: () => Promise<TwoDatabases>, use: (apps: TwoApps) => void): void {
  let apps: TwoApps | undefined;
  beforeAll(async () => {
    apps = await twoApps(open);
    use(apps);
  }, 240_000);
  afterAll(() => apps?.close());
}
