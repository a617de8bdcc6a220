/**
 * Bounded resources under abuse, over real sockets: a request whose body never completes is a
 * 408 in its family's envelope and its socket is closed, within the configured request timeout;
 * request bodies held in memory at once are bounded by a process-wide budget, beyond which a
 * request is a 503 with Retry-After — and the budget is given back when a request ends or aborts.
 */
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';

const EVENTS = '/metering/v1/events';

/** Opens a socket and sends a request head (and the start of a body); resolves with the socket and what it will have received by its close. */
async function partialRequest(port: number, head: string, bodyStart: string): Promise<{ socket: Socket; closed: Promise<string> }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let received = '';
  socket.on('data', (d) => (received += d));
  socket.on('error', () => {});
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(received)));
  socket.write(head + bodyStart);
  return { socket, closed };
}

const head = (token: string, length: number) =>
  `POST ${EVENTS} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/cloudevents-batch+json\r\nContent-Length: ${length}\r\n\r\n`;

async function listen(t: TestApp): Promise<number> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

// HTTP behaviour, the same on either database: run with the embedded one.
describe.skipIf(!testEngines().includes('pglite'))('a request body that never completes', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await startTestApp('pglite', { config: { requestTimeoutMs: 1000 } });
    port = await listen(t);
  });
  afterAll(() => t.close());

  it('is answered 408 in the GreenLake envelope and its socket closed', async () => {
    const token = await t.token();
    const { socket, closed } = await partialRequest(port, head(token, 1000), '[');
    const guard = sleep(20_000).then(() => 'still open after 20 s');
    const received = await Promise.race([closed, guard]);
    socket.destroy();
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    const body = JSON.parse(received.slice(received.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;
    expect(body).toMatchObject({ httpStatusCode: 408 });
    expect(typeof body.errorCode).toBe('string');
  });
});

describe.skipIf(!testEngines().includes('pglite'))('the body memory budget', () => {
  const MIB = 1024 * 1024;
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await startTestApp('pglite', { config: { bodyMemoryLimit: 2 * MIB } });
    port = await listen(t);
  });
  afterAll(() => t.close());

  const post = async (token: string, bytes: number) => {
    const body = `[${' '.repeat(bytes - 2)}]`;
    const res = await fetch(`http://127.0.0.1:${port}${EVENTS}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/cloudevents-batch+json' },
      body,
    });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Record<string, unknown> };
  };

  it('refuses a body that does not fit beside one being read, with 503 and Retry-After, and gives the room back on abort', async () => {
    const token = await t.token();
    // A 1.5 MiB body that is still arriving holds its reservation.
    const slow = await partialRequest(port, head(token, Math.floor(1.5 * MIB)), '[');
    let refused: Awaited<ReturnType<typeof post>> | undefined;
    for (let i = 0; i < 50 && !refused; i++) {
      const res = await post(token, Math.floor(1.5 * MIB));
      if (res.status === 503) refused = res;
      else await sleep(100);
    }
    expect(refused, 'a second 1.5 MiB body beside the first was never refused').toBeDefined();
    expect(refused!.retryAfter).toBe('1');
    expect(refused!.body).toMatchObject({ httpStatusCode: 503, errorCode: 'HPE_GL_ERROR_SERVICE_UNAVAILABLE' });

    // A small body still fits beside it.
    const small = await post(token, 1000);
    expect(small.status).not.toBe(503);
    expect(small.status).toBeLessThan(500);

    // The client gives up: its reservation is released, and the next large body is read.
    slow.socket.destroy();
    let after = await post(token, Math.floor(1.5 * MIB));
    for (let i = 0; i < 50 && after.status === 503; i++) {
      await sleep(100);
      after = await post(token, Math.floor(1.5 * MIB));
    }
    expect(after.status).not.toBe(503);
    expect(after.status).toBeLessThan(500);
  });

  it('lets a body larger than the whole budget through when it is alone', async () => {
    const res = await post(await t.token(), Math.floor(2.5 * MIB));
    expect(res.status).not.toBe(503);
    expect(res.status).toBeLessThan(500);
  });
});
