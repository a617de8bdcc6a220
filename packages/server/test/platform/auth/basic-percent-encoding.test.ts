/**
 * The token endpoint's HTTP Basic credentials are form-urlencoded (RFC 6749 §2.3.1): malformed
 * percent-encoding in the id or the secret is the OAuth2 401 invalid_client — it was a 500 (a
 * URIError), without any login (issue 15 point 3).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOAuthBasic } from '../../../src/platform/auth/basic-credentials.js';
import { type TestApp, startTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';

const basic = (pair: string) => `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;

describe('parseOAuthBasic', () => {
  it('decodes each part, and says malformed for percent-encoding that is not valid', () => {
    expect(parseOAuthBasic(basic('a%3Ab:s%25cret'))).toEqual({ clientId: 'a:b', secret: 's%cret' });
    for (const pair of ['%:secret', 'id:%', 'id:%E0%A4%A', 'id:%ZZ', '%C3%28:secret']) expect(parseOAuthBasic(basic(pair)), pair).toBe('malformed');
    expect(parseOAuthBasic(basic('no-colon'))).toBeUndefined();
    expect(parseOAuthBasic('Bearer x')).toBeUndefined();
    expect(parseOAuthBasic(undefined)).toBeUndefined();
  });
});

describe.each(testEngines())('token endpoint with malformed HTTP Basic on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t.close());

  it('answers the OAuth2 401 invalid_client, never a 500, on both token endpoints', async () => {
    const urls = ['/as/token.oauth2', `/authorization/v2/oauth2/${t.admin.workspaceId}/token`];
    for (const url of urls) {
      for (const pair of [`${t.admin.clientId}:%`, `${t.admin.clientId}:%E0%A4%A`, '%zz:secret', `%:${t.admin.clientSecret}`]) {
        const res = await t.app.inject({
          method: 'POST',
          url,
          headers: { authorization: basic(pair), 'content-type': 'application/x-www-form-urlencoded' },
          payload: 'grant_type=client_credentials',
        });
        expect(res.statusCode, `${url} ${pair}: ${res.body}`).toBe(401);
        expect(res.json()).toEqual({ error: 'invalid_client', error_description: expect.stringMatching(/percent-encoding/) });
        expect(res.headers['www-authenticate']).toBe('Basic realm="consumo"');
      }
    }
    // Well-formed Basic still works.
    const ok = await t.app.inject({
      method: 'POST',
      url: urls[0]!,
      headers: { authorization: basic(`${t.admin.clientId}:${encodeURIComponent(t.admin.clientSecret)}`), 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'grant_type=client_credentials',
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});
