/** API calls that wait out a 429 (X-RateLimit-Reset) and ride out a dropped connection; shared by the commands. */
import { setTimeout as sleep } from 'node:timers/promises';
import { unwrap } from '@consumo/sdk';
import { UsageError } from './connection.js';

/** How many 429 answers in a row one call waits out before it gives the last one back. */
export const RATE_LIMIT_RETRIES = 5;
/** How many times a call is repeated after the connection failed, with doubling pauses. */
export const CONNECTION_RETRIES = 5;
const FIRST_BACKOFF_MS = 500;

type Result = { response: Response };

/** Sends, and while the answer is 429, waits the X-RateLimit-Reset seconds and sends again (a few times). */
export async function waitOutRateLimit<R extends Result>(send: () => Promise<R>): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    const result = await send();
    if (result.response.status !== 429 || attempt > RATE_LIMIT_RETRIES) return result;
    const seconds = Math.max(1, Number(result.response.headers.get('x-ratelimit-reset')) || 1);
    console.error(`consumo: rate limited; retrying in ${seconds} s`);
    await sleep(seconds * 1000);
  }
}

/** Unwraps a call, waiting out a 429 (X-RateLimit-Reset seconds) a few times before giving up. */
export async function call<T>(send: () => Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  return unwrap(await waitOutRateLimit(send));
}

/** The server could not be reached, even after the retries; the CLI exits 2 (as for every UsageError). */
export class ConnectionLostError extends UsageError {}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/** The code of a network failure (`fetch failed` and its cause), or undefined when `err` is something else. */
export function connectionErrorCode(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: unknown } } | undefined)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (code && CONNECTION_CODES.has(code)) return code;
  if (err instanceof TypeError && err.message === 'fetch failed') return code ?? 'fetch failed';
  return undefined;
}

export interface ConnectionRetryOptions {
  retries?: number;
  firstBackoffMs?: number;
  /** What is being done, for the messages ("sending lines 1-1000"). */
  what?: string;
}

/**
 * Runs `attempt`; when it fails for want of a connection, waits (0.5 s, 1 s, 2 s, …) and runs it
 * again, up to `retries` times, then throws ConnectionLostError. Only for calls that are safe to
 * repeat: the request may have reached the server before the connection broke.
 */
export async function retryConnection<T>(attempt: () => Promise<T>, options: ConnectionRetryOptions = {}): Promise<T> {
  const retries = options.retries ?? CONNECTION_RETRIES;
  for (let failures = 0; ; failures++) {
    try {
      return await attempt();
    } catch (err) {
      const code = connectionErrorCode(err);
      if (code === undefined) throw err;
      const what = options.what ? ` ${options.what}` : '';
      if (failures >= retries) {
        throw new ConnectionLostError(`no connection to the server${what} (${code}), after ${retries} retries`, { cause: err });
      }
      const delay = (options.firstBackoffMs ?? FIRST_BACKOFF_MS) * 2 ** failures;
      console.error(`consumo: connection failed${what} (${code}); retry ${failures + 1} of ${retries} in ${delay / 1000} s`);
      await sleep(delay);
    }
  }
}
