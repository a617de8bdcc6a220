/** The token exchanges' 400s, in CSP's words: `invalid_request` for a body without a token, `invalid_grant` for a token refused. */
import { CspError, cspInvalidGrant } from '../csp-errors.js';

export function invalidRequest(message: string): CspError {
  return new CspError(400, message, { module: 'navigator.auth' });
}

export const invalidGrant = cspInvalidGrant;
