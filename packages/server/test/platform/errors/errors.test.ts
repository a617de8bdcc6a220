/** The error envelope for everything the HTTP layer can refuse: 404, 405, 415, 413, bad JSON, validation, and no 500 leaks. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';

describe.each(testEngines())('error envelope on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, { config: { bodyLimit: 2048 } });
  });
  afterAll(() => t.close());

  const envelope = (res: { statusCode: number; json(): Record<string, unknown>; headers: Record<string, unknown> }, status: number, errorCode: string) => {
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json();
    expect(body).toMatchObject({ httpStatusCode: status, errorCode, message: expect.any(String), debugId: res.headers['x-request-id'] });
    expect(Array.isArray(body.errorDetails)).toBe(true);
    return body;
  };

  it('answers an unknown path with 404', async () => {
    envelope(await t.call({ method: 'GET', url: '/flex/v1beta1/nothing-here' }), 404, 'HPE_GL_ERROR_NOT_FOUND');
  });

  it('answers a known path with the wrong method with 405 and Allow', async () => {
    const res = await t.call({ method: 'DELETE', url: '/flex/v1beta1/devices' });
    envelope(res, 405, 'HPE_GL_ERROR_METHOD_NOT_ALLOWED');
    expect(res.headers.allow).toBe('GET, HEAD');
    const param = await t.call({ method: 'PUT', url: '/flex/v1beta1/devices/3b741a59-a22b-432f-b2cf-b72cc1a04c2d' });
    envelope(param, 405, 'HPE_GL_ERROR_METHOD_NOT_ALLOWED');
  });

  it('answers an unsupported media type with 415', async () => {
    const res = await t.call({ method: 'POST', url: '/admin/v1/workspaces', headers: { 'content-type': 'text/plain' }, payload: 'name=x' });
    envelope(res, 415, 'HPE_GL_ERROR_UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers a body over the limit with 413', async () => {
    const res = await t.call({ method: 'POST', url: '/admin/v1/workspaces', payload: { name: 'x'.repeat(5000) } });
    envelope(res, 413, 'HPE_GL_ERROR_PAYLOAD_TOO_LARGE');
  });

  it('answers malformed JSON with a 400 naming the body', async () => {
    const res = await t.call({ method: 'POST', url: '/admin/v1/workspaces', headers: { 'content-type': 'application/json' }, payload: '{"name":' });
    const body = envelope(res, 400, 'HPE_GL_ERROR_BAD_REQUEST');
    expect(body.errorDetails).toEqual([{ type: 'hpe.greenlake.bad_request', issues: [expect.objectContaining({ source: 'field', subject: 'body' })] }]);
  });

  it('names every invalid field of a body', async () => {
    const res = await t.call({ method: 'POST', url: '/admin/v1/workspaces/0123456789abcdef0123456789abcdef/api-clients', payload: { roles: 'x', extra: 1 } });
    const body = envelope(res, 400, 'HPE_GL_ERROR_BAD_REQUEST');
    const subjects = (body.errorDetails as { issues: { subject: string; source: string }[] }[])[0]!.issues.map((i) => i.subject).sort();
    expect(subjects).toEqual(['extra', 'name', 'roles']);
  });

  it('uses the caller-supplied X-Request-ID as debugId', async () => {
    const res = await t.call({ method: 'GET', url: '/nowhere', headers: { 'x-request-id': 'trace-123' } });
    expect(res.json().debugId).toBe('trace-123');
  });
});
