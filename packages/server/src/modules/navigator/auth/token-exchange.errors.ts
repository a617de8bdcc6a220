/** The token exchanges' 400s, in CSP's words: `invalid_request` for a body without a token, `invalid_grant` for a token refused. */
import { CspError, cspInvalidGrant } from '../csp-errors.js';

export function invalidRequest(message: string): CspError {
  return new CspError(400, message, { module: 'navigator.auth' });
}

export const invalidGrant = cspInvalidGrant;

/** Too many refused exchanges from one address: a 429 with Retry-After (ADR 0002). */
export class ExchangeThrottledError extends CspError {
  readonly headers: Record<string, string>;
  constructor(retryAfterSeconds: string) {
    super(429, `Too many failed token exchanges; retry after ${retryAfterSeconds} s.`, { module: 'navigator.auth' });
    this.headers = { 'Retry-After': retryAfterSeconds };
  }
}
