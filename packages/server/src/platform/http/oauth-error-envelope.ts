/**
 * The token endpoints' error envelope (ADR 0003, extended by ADR 0022): RFC 6749 §5.2's
 * `{error, error_description}` for every status they send — a malformed, oversized or mistyped
 * body too, which OAuth2 client libraries otherwise fail to read.
 */
import { type ApiError, toApiError } from '../errors/index.js';
import type { RenderedError } from './error-envelopes.js';

/** The token endpoints' paths (the workspace-scoped one under its prefix). */
export const OAUTH_PREFIXES = ['/as/token.oauth2', '/authorization/v2/oauth2'] as const;

function errorOf(status: number): string {
  if (status === 401) return 'invalid_client';
  if (status === 429 || status === 503) return 'temporarily_unavailable';
  if (status >= 500) return 'server_error';
  return 'invalid_request';
}

function description(error: ApiError): string {
  for (const detail of error.details) {
    if (detail.type === 'hpe.greenlake.bad_request') return detail.issues.map((i) => `${i.subject}: ${i.description ?? 'is not valid'}`).join(' ');
  }
  return error.message;
}

export function renderOAuthError(err: unknown): RenderedError {
  const error = toApiError(err);
  const serverFault = error.status >= 500;
  const headers: Record<string, string> = { ...error.headers, 'Cache-Control': 'no-store' };
  if (error.status === 401) headers['WWW-Authenticate'] = 'Bearer realm="consumo"';
  const body = {
    error: errorOf(error.status),
    error_description: serverFault ? 'The server could not complete the request; it has been logged.' : description(error),
  };
  return { status: error.status, headers, contentType: 'application/json', body: JSON.stringify(body), serverFault };
}
