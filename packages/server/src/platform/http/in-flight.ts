/**
 * The requests whose handlers may still be at work, so that closing waits for them before the
 * database goes. Fastify's close waits for connections, not handlers: a request whose client has
 * gone is still in its handler, and the `onClose` hook that destroyed the database failed its next
 * statement (`driver has already been destroyed`; bench/flex-list on PGlite, 2026-12-08).
 *
 * A request is done when its response is closed (finished, or its connection gone) and its
 * handler has answered (Fastify's `onSend`, which runs even when the client has gone), or when
 * its reply was hijacked (a download that writes the response itself: done when it closes).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';

/** How long closing waits for handlers whose clients have gone, before it closes the database anyway. */
export const IN_FLIGHT_GRACE_MS = 10_000;

export class InFlightRequests {
  #open = 0;
  #waiters: (() => void)[] = [];

  get open(): number {
    return this.#open;
  }

  /** One more request; call the returned function once it is done (later calls do nothing). */
  enter(): () => void {
    this.#open += 1;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.#open -= 1;
      if (this.#open === 0) for (const wake of this.#waiters.splice(0)) wake();
    };
  }

  /** Resolves true once no request is open, or false after `timeoutMs` with some still open. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.#open === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== wake);
        resolve(false);
      }, timeoutMs);
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.#waiters.push(wake);
    });
  }
}

/** Per request: whether its handler has answered, and how to say it is done. */
interface Tracked {
  answered: boolean;
  closed: boolean;
  leave: () => void;
}

declare module 'fastify' {
  interface FastifyRequest {
    inFlight: Tracked | null;
  }
}

/** Tracks every request in `inFlight`; install first, so the earliest hook's refusal is tracked too. */
export function installInFlight(app: FastifyInstance, inFlight: InFlightRequests): void {
  app.decorateRequest('inFlight', null);
  // Callback hooks, not async ones: they run on every request, and a promise each costs more than the work.
  app.addHook('onRequest', (request, reply, done) => {
    const tracked: Tracked = { answered: false, closed: false, leave: inFlight.enter() };
    request.inFlight = tracked;
    reply.raw.once('close', () => onClosed(tracked, reply));
    done();
  });
  app.addHook('onSend', (request, _reply, payload, done) => {
    const tracked = request.inFlight;
    if (tracked) {
      tracked.answered = true;
      if (tracked.closed) tracked.leave();
    }
    done(null, payload);
  });
}

function onClosed(tracked: Tracked, reply: FastifyReply): void {
  tracked.closed = true;
  // `sent` is also true for a hijacked reply, whose handler wrote the response itself.
  if (tracked.answered || reply.sent) tracked.leave();
}
