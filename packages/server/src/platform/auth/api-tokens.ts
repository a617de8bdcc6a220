/**
 * Workspace API tokens (VMware Cloud Partner Navigator's "API tokens"): long-lived secrets a client
 * exchanges for short-lived access tokens. A token is 32 random bytes as 64 lowercase hex digits
 * (safe in a form, a query string and JSON without escaping); only its SHA-256 is stored — 256
 * random bits need no salt or slow hash, and a lookup by hash needs a deterministic one.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../../storage/database.js';
import { type ApiTokenRow, findApiTokenByHash } from '../tenancy/api-tokens.repository.js';

/** How long an access token minted from an API token lives, whatever CONSUMO_TOKEN_TTL says (CSP's 30 minutes less a second). */
export const API_TOKEN_ACCESS_TTL_SECONDS = 1799;

export function generateApiToken(): string {
  return randomBytes(32).toString('hex');
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Why a token given for exchange is refused. */
export type ApiTokenRefusal = 'unknown' | 'revoked' | 'expired';

/** Whether a stored token is usable at `nowMs`: not revoked, not yet expired. */
export function apiTokenState(row: Pick<ApiTokenRow, 'revoked_at' | 'expires_at'>, nowMs: number): 'active' | 'revoked' | 'expired' {
  if (row.revoked_at !== null) return 'revoked';
  return row.expires_at.getTime() > nowMs ? 'active' : 'expired';
}

/** The stored token a client presents for exchange, or why it is refused. */
export async function verifyApiToken(
  db: Executor,
  token: string,
  nowMs: number,
): Promise<{ row: ApiTokenRow; refusal?: undefined } | { row?: undefined; refusal: ApiTokenRefusal }> {
  const row = await findApiTokenByHash(db, hashApiToken(token));
  if (!row) return { refusal: 'unknown' };
  const state = apiTokenState(row, nowMs);
  return state === 'active' ? { row } : { refusal: state };
}
