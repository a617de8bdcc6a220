/**
 * No credential reaches a log line: request URLs lose credential-like query values, credential
 * headers are censored, and database errors lose the row values PostgreSQL quotes in `detail`.
 */
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../../src/platform/auth/secrets.js';
import { REDACTED, loggerOptions, redactDatabaseDetail, redactUrl } from '../../../src/platform/http/log-redaction.js';
import { type TestDatabase, openTestDatabase, testEngines } from '../../support/test-databases.js';

function captured(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('request log lines', () => {
  it('replace credential-like query values and keep the rest of the URL', () => {
    expect(redactUrl('/csp/gateway/am/api/auth/api-tokens/authorize?refresh_token=abc123&x=1')).toBe(
      `/csp/gateway/am/api/auth/api-tokens/authorize?refresh_token=${REDACTED}&x=1`,
    );
    expect(redactUrl('/a?client_secret=s&api_token=t&password=p&access_token=q&limit=5')).toBe(
      `/a?client_secret=${REDACTED}&api_token=${REDACTED}&password=${REDACTED}&access_token=${REDACTED}&limit=5`,
    );
    expect(redactUrl('/a?%72efresh_token=abc')).toBe(`/a?%72efresh_token=${REDACTED}`);
    expect(redactUrl('/flex/v1beta1/devices?filter=name%20eq%20%27x%27')).toBe('/flex/v1beta1/devices?filter=name%20eq%20%27x%27');
  });

  it('as Fastify writes them: no token from the query string or the headers', async () => {
    const log = captured();
    const app = Fastify({ logger: { ...(loggerOptions('info') as object), stream: log.stream } as never });
    app.get('/probe', async (request) => {
      request.log.info({ req: request, headers: request.headers }, 'probe');
      return { ok: true };
    });
    await app.inject({
      method: 'GET',
      url: '/probe?refresh_token=REFRESH-SECRET-1&limit=3',
      headers: { authorization: 'Bearer HEADER-SECRET-2', 'csp-auth-token': 'CSP-SECRET-3', cookie: 'sid=COOKIE-SECRET-4' },
    });
    await app.close();
    const text = log.text();
    expect(text).toContain('/probe?refresh_token=');
    expect(text).toContain('limit=3');
    for (const secret of ['REFRESH-SECRET-1', 'HEADER-SECRET-2', 'CSP-SECRET-3', 'COOKIE-SECRET-4']) expect(text).not.toContain(secret);
  });
});

describe.each(testEngines())('database errors in log lines on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.drop());

  it('lose the row values of a failing row and of a duplicate key, keeping the rest', async () => {
    const hash = await hashSecret('correct horse battery staple');
    const { sql } = await import('kysely');
    await sql`create temporary table log_probe (id text primary key, secret_hash text check (length(secret_hash) < 10))`.execute(database.db);
    const failures: unknown[] = [];
    await sql`insert into log_probe values ('one', ${hash})`.execute(database.db).catch((e: unknown) => failures.push(e));
    await sql`insert into log_probe values (${hash}, 'x')`.execute(database.db);
    await sql`insert into log_probe values (${hash}, 'y')`.execute(database.db).catch((e: unknown) => failures.push(e));
    expect(failures).toHaveLength(2);
    // PostgreSQL quotes each value of a failing row up to 64 bytes: enough of a hash to matter.
    const quoted = hash.slice(0, 40);
    expect(String((failures[0] as { detail?: string }).detail)).toContain(quoted);
    expect(String((failures[1] as { detail?: string }).detail)).toContain(quoted);

    const log = captured();
    const logger = pino({ ...(loggerOptions('info') as object) } as never, log.stream);
    for (const err of failures) logger.error({ err }, 'request failed');
    const text = log.text();
    expect(text).not.toContain(quoted);
    expect(text).not.toContain('scrypt$');
    expect(text).toContain('Failing row contains');
    expect(text).toMatch(/Key \(id\)=\(\[redacted\]\) already exists/);
    expect(text).toContain('"message":"new row for relation');
    // PGlite's errors also carry the statement and its parameters: the statement stays (placeholders only), the parameters do not.
    if (engine === 'pglite') {
      expect(text).toContain('insert into log_probe values');
      expect(text).toContain('[1 parameters redacted]');
    }
  });

  it('redacts detail text of both shapes', () => {
    expect(redactDatabaseDetail('Failing row contains (a, scrypt$1$2, null).')).toBe(`Failing row contains (${REDACTED}).`);
    expect(redactDatabaseDetail('Key (workspace_id, name)=(w1, secret) already exists.')).toBe(`Key (workspace_id, name)=(${REDACTED}) already exists.`);
    expect(redactDatabaseDetail('Key (id)=(x) is not present in table "workspaces".')).toBe(`Key (id)=(${REDACTED}) is not present in table "workspaces".`);
  });
});
