/**
 * The harness's own SDK client. Its token's life is the stand-in's clock's to decide, not the test
 * process's: after `control.clock.advance('P1D')` the token it holds is expired on the server
 * though not by the test's watch, so a 401 (not a fault's) gets one fresh token and one retry.
 */
import createClient from 'openapi-fetch';
import { type ConsumoClient, type ConsumoClientOptions, type paths, TokenSource } from '@consumo/sdk';

/** Stand-in faults answer with this header: a 401 a test asked for is the answer, not a stale token. */
const FAULT_HEADER = 'x-consumo-fault';

export function harnessClient(options: Omit<ConsumoClientOptions, 'fetch'>): ConsumoClient {
  const tokens = new TokenSource(options);
  let current: Promise<string> | undefined;
  const renew = () => {
    const pending = tokens.fetchToken().then((t) => t.access_token);
    current = pending;
    // A failed token request is not kept: the next call asks again.
    pending.catch(() => {
      if (current === pending) current = undefined;
    });
    return pending;
  };
  const send = async (request: Request, token: string) => {
    request.headers.set('authorization', `Bearer ${token}`);
    return fetch(request);
  };

  const fetchWithRenewal = async (request: Request): Promise<Response> => {
    const spare = request.clone();
    const held = current ?? renew();
    const first = await send(request, await held);
    if (first.status !== 401 || first.headers.has(FAULT_HEADER)) return first;
    await first.body?.cancel();
    // Several calls may see the same stale token at once: they share one renewal.
    return send(spare, await (current === held ? renew() : current!));
  };

  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch: fetchWithRenewal });
  return Object.assign(client, { tokens });
}
