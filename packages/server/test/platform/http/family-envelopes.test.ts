/**
 * Issue 15 point 6 (ADR 0022): every status Consumo sends reads as its family's — GreenLake JSON,
 * VMware's JSON under /cphub and /csp, Cloud Cruiser's plain text under /rest/v1, RFC 6749 on the
 * token endpoints — also the ones Fastify and Node produce before any route: 414 for an overlong
 * id, 400 for a URL that does not decode, 431 and malformed HTTP on the raw socket, and 404/405,
 * 413, 415 under each prefix.
 */
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { type TestApp, useTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';
import { onClientError } from '../../../src/platform/http/framework-errors.js';

type Res = { statusCode: number; body: string; headers: Record<string, string | string[] | number | undefined> };
type Family = 'greenlake' | 'csp' | 'cloud-cruiser' | 'oauth';

/** Asserts the response is `status` in the family's envelope. */
function inEnvelope(res: Res, family: Family, status: number): void {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
  const type = String(res.headers['content-type']);
  if (family === 'cloud-cruiser') {
    expect(type).toMatch(/^text\/plain/);
    expect(res.body).not.toMatch(/^\s*[{<]/);
    expect(res.body.length).toBeGreaterThan(0);
    return;
  }
  expect(type).toMatch(/^application\/json/);
  const body = JSON.parse(res.body) as Record<string, unknown>;
  if (family === 'greenlake') {
    expect(body).toMatchObject({ httpStatusCode: status, errorCode: expect.stringMatching(/^HPE_GL_/), message: expect.any(String), debugId: res.headers['x-request-id'] });
  } else if (family === 'csp') {
    expect(body).toMatchObject({ statusCode: status, errorCode: expect.any(String), message: expect.any(String), requestId: expect.any(String), cspErrorCode: expect.stringMatching(new RegExp(`^${status}\\.`)) });
  } else {
    expect(Object.keys(body).sort()).toEqual(['error', 'error_description']);
    expect(res.headers['cache-control']).toBe('no-store');
  }
}

const LONG = 'a'.repeat(1100);
const BAD = '%E0%A4%A';

/** One raw HTTP exchange on a socket: what Node's parser refuses never reaches inject(). */
function raw(port: number, request: string): Promise<Res> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => (text += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers: Res['headers'] = {};
      for (const line of lines) headers[line.slice(0, line.indexOf(':')).toLowerCase()] = line.slice(line.indexOf(':') + 1).trim();
      resolve({ statusCode: Number(statusLine.split(' ')[1]), headers, body });
    });
    socket.setTimeout(5000, () => reject(new Error(`no answer to ${request.slice(0, 60)}`)));
    socket.write(request);
  });
}

describe.each(testEngines())('family envelopes on %s', (engine) => {
  let t: TestApp;
  let basic: string;
  useTestApp(engine, (app) => {
    t = app;
    basic = `Basic ${Buffer.from(`${app.admin.clientId}:${app.admin.clientSecret}`).toString('base64')}`;
  }, { config: { bodyLimit: 2048 } });

  describe('an overlong path id is a 414', () => {
    it('in each family', async () => {
      const res = await t.call({ method: 'GET', url: `/flex/v1beta1/devices/${LONG}` });
      inEnvelope(res, 'greenlake', 414);
      expect(res.json()).toMatchObject({ errorCode: 'HPE_GL_ERROR_URI_TOO_LONG' });
      inEnvelope(await t.call({ method: 'GET', url: `/cphub/api/core/v1/mgmt/orgs/${LONG}/tenants` }), 'csp', 414);
      inEnvelope(await t.app.inject({ method: 'GET', url: `/rest/v1/budgets/budget/${LONG}`, headers: { authorization: basic } }), 'cloud-cruiser', 414);
      inEnvelope(await t.app.inject({ method: 'POST', url: `/authorization/v2/oauth2/${LONG}/token`, payload: {} }), 'oauth', 414);
    });
  });

  it('a path that does not decode is a 400 in each family', async () => {
    inEnvelope(await t.call({ method: 'GET', url: `/flex/v1beta1/devices/${BAD}` }), 'greenlake', 400);
    inEnvelope(await t.call({ method: 'GET', url: `/cphub/api/core/v1/mgmt/orgs/${BAD}/tenants` }), 'csp', 400);
    inEnvelope(await t.app.inject({ method: 'GET', url: `/rest/v1/budgets/budget/${BAD}`, headers: { authorization: basic } }), 'cloud-cruiser', 400);
    inEnvelope(await t.app.inject({ method: 'POST', url: `/authorization/v2/oauth2/${BAD}/token`, payload: {} }), 'oauth', 400);
  });

  it('404 and 405 under each prefix', async () => {
    inEnvelope(await t.call({ method: 'GET', url: '/flex/v1beta1/nothing' }), 'greenlake', 404);
    inEnvelope(await t.call({ method: 'GET', url: '/cphub/nothing' }), 'csp', 404);
    const csp405 = await t.app.inject({ method: 'GET', url: '/cphub/api/auth/v1/authn/accesstoken' });
    inEnvelope(csp405, 'csp', 405);
    expect(csp405.headers.allow).toBe('POST');
    inEnvelope(await t.app.inject({ method: 'GET', url: '/rest/v1/nothing', headers: { authorization: basic } }), 'cloud-cruiser', 404);
    const cc405 = await t.app.inject({ method: 'DELETE', url: '/rest/v1/customers', headers: { authorization: basic } });
    inEnvelope(cc405, 'cloud-cruiser', 405);
    expect(cc405.headers.allow).toBe('GET, HEAD');
    inEnvelope(await t.app.inject({ method: 'POST', url: `/authorization/v2/oauth2/${t.admin.workspaceId}/nothing` }), 'oauth', 404);
    const oauth405 = await t.app.inject({ method: 'GET', url: '/as/token.oauth2' });
    inEnvelope(oauth405, 'oauth', 405);
    expect(oauth405.headers.allow).toBe('POST');
  });

  it('413 and 415 on the token endpoints are RFC 6749 bodies', async () => {
    const tooLarge = await t.app.inject({ method: 'POST', url: '/as/token.oauth2', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `grant_type=${'x'.repeat(4096)}` });
    inEnvelope(tooLarge, 'oauth', 413);
    const wrongType = await t.app.inject({ method: 'POST', url: '/as/token.oauth2', headers: { 'content-type': 'text/plain' }, payload: 'grant_type=client_credentials' });
    inEnvelope(wrongType, 'oauth', 415);
    expect(wrongType.json()).toMatchObject({ error: 'invalid_request' });
    const badJson = await t.app.inject({ method: 'POST', url: `/authorization/v2/oauth2/${t.admin.workspaceId}/token`, headers: { 'content-type': 'application/json' }, payload: '{"grant_type":' });
    inEnvelope(badJson, 'oauth', 400);
  });

  describe('on the raw socket', () => {
    let port: number;
    it('listens', async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      port = (t.app.server.address() as AddressInfo).port;
    });

    const bigHeader = `X-Big: ${'b'.repeat(20_000)}\r\n`;
    it.each([
      ['/flex/v1beta1/devices', 'greenlake'],
      ['/cphub/api/auth/v1/loggedinuser/orgs', 'csp'],
      ['/rest/v1/customers', 'cloud-cruiser'],
      ['/as/token.oauth2', 'oauth'],
    ] as const)('headers too large for %s are a 431 in its envelope', async (path, family) => {
      const res = await raw(port, `GET ${path} HTTP/1.1\r\nHost: x\r\n${bigHeader}\r\n`);
      inEnvelope(res, family, 431);
      expect(res.headers.connection).toBe('close');
    });

    it('a request that timed out is a 408 in the envelope of the path read so far', () => {
      let written = '';
      let destroyed = false;
      const socket = { destroyed: false, writable: true, write: (s: string) => (written += s), destroy: () => (destroyed = true) };
      const err = Object.assign(new Error('timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT', rawPacket: Buffer.from('POST /csp/gateway/am/api/auth/api-tokens/authorize HTTP/1.1\r\nHost: x\r\n') });
      onClientError.call(t.app, err, socket as never);
      const [head = '', body = ''] = written.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
      expect(head).toMatch(/\r\nConnection: close(\r\n|$)/);
      expect(JSON.parse(body)).toMatchObject({ statusCode: 408, cspErrorCode: expect.stringMatching(/^408\./) });
      expect(destroyed).toBe(true);
      // A reset connection has nothing to answer.
      written = '';
      onClientError.call(t.app, Object.assign(new Error('reset'), { code: 'ECONNRESET' }), socket as never);
      expect(written).toBe('');
    });

    it('HTTP that does not parse is a 400 in the envelope of the path it names', async () => {
      inEnvelope(await raw(port, 'GET /flex/v1beta1/devices HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n'), 'greenlake', 400);
      inEnvelope(await raw(port, 'GET /rest/v1/customers HTTP/1.1\r\nHost: x\r\nX-Nul: a\u0000b\r\n\r\n'), 'cloud-cruiser', 400);
      // Nothing to tell the family by: GreenLake's, the default.
      inEnvelope(await raw(port, 'NOT HTTP AT ALL\r\n\r\n'), 'greenlake', 400);
    });
  });
});
