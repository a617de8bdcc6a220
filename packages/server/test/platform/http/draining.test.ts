/**
 * ADR 0022: a request that reaches a draining server (pipelined behind one in flight when SIGTERM
 * came) is a 503 in its family's envelope, with Retry-After and Connection: close — not Fastify's
 * own body.
 */
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(testEngines())('draining on %s', (engine) => {
  it.each([
    ['/flex/v1beta1/devices', (body: Record<string, unknown>) => expect(body).toMatchObject({ httpStatusCode: 503, errorCode: 'HPE_GL_ERROR_SERVICE_UNAVAILABLE' })],
    ['/cphub/api/auth/v1/loggedinuser/orgs', (body: Record<string, unknown>) => expect(body).toMatchObject({ statusCode: 503, errorCode: 'service_unavailable' })],
  ])('answers %s, pipelined behind an in-flight request, with a 503 in its envelope', async (path, inEnvelope) => {
    const t = await startTestApp(engine);
    const token = await t.token();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => (text += chunk));
    const ended = new Promise((resolve) => socket.on('close', resolve));
    await new Promise((resolve) => socket.on('connect', resolve));
    const body = '{"name":"drain"}';
    // The first request's headers, not yet its body: it is in flight when the close begins.
    socket.write(`POST /admin/v1/workspaces HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n{`);
    await sleep(100);
    const closed = t.close();
    await sleep(200);
    socket.write(`${body.slice(1)}GET ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n\r\n`);
    await Promise.race([ended, sleep(5000)]);
    socket.destroy();
    await closed;
    const second = text.slice(text.indexOf('HTTP/1.1', 1));
    const [head = '', rest = ''] = second.split('\r\n\r\n');
    expect(head, text.slice(0, 500)).toMatch(/^HTTP\/1\.1 503 /);
    expect(head).toMatch(/\r\nretry-after: 1\r\n/i);
    expect(head).toMatch(/\r\nconnection: close/i);
    inEnvelope(JSON.parse(rest) as Record<string, unknown>);
  });
});
