/** A token whose issue time lies in the future (beyond a small clock skew) is refused, as if forged. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ISSUED_AT_SKEW_SECONDS } from '../../../src/platform/auth/access-tokens.js';
import { type TestApp, startTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';

describe.each(testEngines())('token issue time on %s', (engine) => {
  let t: TestApp;
  let client: { clientId: string; clientSecret: string };
  beforeAll(async () => {
    t = await startTestApp(engine, { config: { tokenTtlSeconds: 7200 } });
    client = await t.tenant(['flex-viewer'], 'clock-skew');
  });
  afterAll(() => t.close());

  /** A token signed by the server's own key while its clock was `aheadSeconds` ahead (a fresh one: the helper caches only the admin's). */
  async function tokenIssuedAhead(aheadSeconds: number): Promise<string> {
    t.advance(aheadSeconds * 1000);
    try {
      return await t.token(client.clientId, client.clientSecret);
    } finally {
      t.advance(-aheadSeconds * 1000);
    }
  }

  it('accepts a token issued within the allowed skew', async () => {
    const token = await tokenIssuedAhead(ISSUED_AT_SKEW_SECONDS - 5);
    expect((await t.call({ method: 'GET', url: '/flex/v1beta1/devices', token })).statusCode).toBe(200);
  });

  it('refuses a validly signed token issued an hour ahead with the GreenLake 401', async () => {
    const token = await tokenIssuedAhead(3600);
    const res = await t.call({ method: 'GET', url: '/flex/v1beta1/devices', token });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ httpStatusCode: 401, errorCode: 'HPE_GL_ERROR_UNAUTHORIZED' });
    // The same token is good once the clock reaches its issue time: it was refused for its iat alone.
    t.advance(3600_000);
    try {
      expect((await t.call({ method: 'GET', url: '/flex/v1beta1/devices', token })).statusCode).toBe(200);
    } finally {
      t.advance(-3600_000);
    }
  });
});
