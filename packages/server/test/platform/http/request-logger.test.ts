/**
 * request.log is made when a request first logs (ADR 0036): no pino child for a request that logs
 * nothing at an enabled level, and the lines a request does write are exactly the child's — its
 * request id, the route's own level, redaction — as with Fastify's default factory.
 */
import { Writable } from 'node:stream';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from '../../../src/platform/http/log-redaction.js';
import { requestLoggerFactory } from '../../../src/platform/http/request-logger.js';

function captured(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

/** A Fastify app with our factory, counting the pino children it makes. */
function appAt(level: string) {
  const log = captured();
  let children = 0;
  const app = Fastify({
    logger: { ...(loggerOptions(level) as object), stream: log.stream } as never,
    disableRequestLogging: true,
    childLoggerFactory: requestLoggerFactory,
  });
  // Children of the app's logger are counted (pino's children inherit from their parent: `this` tells them apart).
  const parent = app.log;
  const child = parent.child;
  (parent as { child: FastifyBaseLogger['child'] }).child = function (this: FastifyBaseLogger, ...args: Parameters<FastifyBaseLogger['child']>) {
    if (this === parent) children += 1;
    return child.apply(this, args);
  };
  return { app, log, children: () => children };
}

describe('request logger', () => {
  it('makes no child for a request that logs nothing at an enabled level', async () => {
    const { app, log, children } = appAt('warn');
    app.get('/quiet', async (request) => {
      request.log.info('below the level');
      request.log.debug({ detail: 1 }, 'further below');
      const log = request.log as FastifyBaseLogger & { isLevelEnabled(level: string): boolean };
      expect(log.isLevelEnabled('info')).toBe(false);
      expect(log.isLevelEnabled('warn')).toBe(true);
      expect(request.log.level).toBe('warn');
      return { ok: true };
    });
    for (let i = 0; i < 3; i++) expect((await app.inject({ method: 'GET', url: '/quiet' })).statusCode).toBe(200);
    await app.close();
    expect(children()).toBe(0);
    expect(log.lines()).toEqual([]);
  });

  it('writes a line at an enabled level through one child bound to the request id, as Fastify would', async () => {
    const { app, log, children } = appAt('warn');
    app.get('/loud', async (request) => {
      request.log.warn({ step: 1 }, 'first');
      request.log.error('second');
      return { id: request.id };
    });
    const res = await app.inject({ method: 'GET', url: '/loud' });
    await app.close();
    const id = (res.json() as { id: string }).id;
    expect(children()).toBe(1);
    expect(log.lines().map(({ level, msg, reqId, step }) => ({ level, msg, reqId, step }))).toEqual([
      { level: 40, msg: 'first', reqId: id, step: 1 },
      { level: 50, msg: 'second', reqId: id, step: undefined },
    ]);
  });

  it("takes a route's own log level (a child made at once) and a level set on the request", async () => {
    const { app, log } = appAt('warn');
    app.get('/verbose', { logLevel: 'debug' }, async (request) => {
      request.log.debug('route level');
      return { ok: true };
    });
    app.get('/raised', async (request) => {
      request.log.level = 'info';
      request.log.info('request level');
      return { ok: true };
    });
    await app.inject({ method: 'GET', url: '/verbose' });
    await app.inject({ method: 'GET', url: '/raised' });
    await app.close();
    expect(log.lines().map((l) => l.msg)).toEqual(['route level', 'request level']);
  });

  it('gives child loggers of the request its bindings and redaction', async () => {
    const { app, log } = appAt('info');
    app.get('/child', async (request) => {
      request.log.child({ part: 'inner' }).info({ headers: { authorization: 'Bearer SECRET-1' } }, 'inner line');
      return { id: request.id };
    });
    const res = await app.inject({ method: 'GET', url: '/child' });
    await app.close();
    const [line] = log.lines();
    expect(line).toMatchObject({ msg: 'inner line', part: 'inner', reqId: (res.json() as { id: string }).id });
    expect(JSON.stringify(line)).not.toContain('SECRET-1');
  });
});
