/**
 * Closing waits for handlers, not only for connections: a request whose client has gone is still
 * in its handler, and what closes after the server (the database) must wait for it.
 */
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { InFlightRequests, installInFlight } from '../../../src/platform/http/in-flight.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A server whose `/slow` handler waits for `release()`; `events` records what happened in order. */
async function slowServer() {
  const app: FastifyInstance = Fastify();
  const inFlight = new InFlightRequests();
  installInFlight(app, inFlight);
  const events: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  app.get('/slow', async () => {
    events.push('handler started');
    await gate;
    events.push('handler answered');
    return { ok: true };
  });
  app.get('/fast', async () => ({ ok: true }));
  app.get('/hijacked', (_request, reply) => {
    reply.hijack();
    reply.raw.end('written by hand');
  });
  app.addHook('onClose', async () => {
    events.push(`closing with ${inFlight.open} open`);
    events.push((await inFlight.idle(5_000)) ? 'idle' : 'gave up');
    events.push('database closed');
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { app, inFlight, events, release, port };
}

/** A GET whose client hangs up after `afterMs`, before any answer. */
function abandoned(port: number, path: string, afterMs: number): Promise<void> {
  return new Promise((resolve) => {
    const req = httpRequest({ host: '127.0.0.1', port, path });
    req.on('error', () => undefined);
    req.end();
    setTimeout(() => {
      req.destroy();
      resolve();
    }, afterMs);
  });
}

describe('requests in flight', () => {
  it('closing waits for a handler whose client has gone before what closes after the server', async () => {
    const s = await slowServer();
    await abandoned(s.port, '/slow', 100);
    expect(s.events).toEqual(['handler started']);
    expect(s.inFlight.open).toBe(1);
    const closed = s.app.close();
    await sleep(200);
    // The connection is gone, so the server has closed; the handler still holds the database.
    expect(s.events).toEqual(['handler started', 'closing with 1 open']);
    s.release();
    await closed;
    expect(s.events).toEqual(['handler started', 'closing with 1 open', 'handler answered', 'idle', 'database closed']);
    expect(s.inFlight.open).toBe(0);
  });

  it('counts answered, hijacked, refused and injected requests as done', async () => {
    const s = await slowServer();
    const base = `http://127.0.0.1:${s.port}`;
    expect((await fetch(`${base}/fast`)).status).toBe(200);
    expect(await (await fetch(`${base}/hijacked`)).text()).toBe('written by hand');
    expect((await fetch(`${base}/no-such-route`)).status).toBe(404);
    expect((await s.app.inject({ url: '/fast' })).statusCode).toBe(200);
    await sleep(50);
    expect(s.inFlight.open).toBe(0);
    s.release();
    await s.app.close();
    expect(s.events).toEqual(['closing with 0 open', 'idle', 'database closed']);
  });

  it('gives up after its limit when a handler never answers', async () => {
    const inFlight = new InFlightRequests();
    const leave = inFlight.enter();
    expect(await inFlight.idle(50)).toBe(false);
    leave();
    leave();
    expect(inFlight.open).toBe(0);
    expect(await inFlight.idle(50)).toBe(true);
  });
});
