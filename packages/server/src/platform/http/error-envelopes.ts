/**
 * Which error envelope a URL's family answers in (ADR 0022). The families' own error handlers
 * render what their routes throw; this registry serves the places that have no route to ask —
 * the root error handler, Fastify's framework errors (a bad or overlong URL) and errors on the raw
 * socket (431, 408, malformed HTTP) — so that every status Consumo sends reads as its family's.
 */
import type { FastifyInstance } from 'fastify';

export interface RenderedError {
  status: number;
  headers: Record<string, string>;
  contentType: string;
  body: string;
  /** A fault of ours, to be logged as one. */
  serverFault: boolean;
}

/** Renders anything thrown (an ApiError, a Fastify error, a family's own) as a family's error response. */
export type ErrorEnvelope = (err: unknown, requestId: string) => RenderedError;

interface Entry {
  prefix: string;
  render: ErrorEnvelope;
}

export class ErrorEnvelopes {
  private readonly entries: Entry[] = [];

  constructor(private readonly fallback: ErrorEnvelope) {}

  /** A family's envelope for every path equal to, or under, one of the prefixes (`/rest/v1` covers `/rest/v1/budgets`). */
  register(prefixes: readonly string[], render: ErrorEnvelope): void {
    for (const prefix of prefixes) this.entries.push({ prefix: prefix.replace(/\/$/, ''), render });
    // The longest prefix wins.
    this.entries.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  forUrl(url: string | undefined): ErrorEnvelope {
    const path = (url ?? '/').split('?')[0] ?? '/';
    for (const entry of this.entries) {
      if (path === entry.prefix || path.startsWith(`${entry.prefix}/`)) return entry.render;
    }
    return this.fallback;
  }
}

export function installErrorEnvelopes(app: FastifyInstance, fallback: ErrorEnvelope): ErrorEnvelopes {
  const envelopes = new ErrorEnvelopes(fallback);
  app.decorate('errorEnvelopes', envelopes);
  return envelopes;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The error envelope of each family's URL prefix (see platform/http/error-envelopes.ts). */
    errorEnvelopes: ErrorEnvelopes;
  }
}
