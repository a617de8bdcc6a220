/**
 * Exchanging a workspace API token for an access token, both ways VMware offers: Navigator's
 * `{"refreshToken"}` → `{accessToken, …}` and CSP's `api_token=` → the OAuth2-like answer. The
 * token is looked up by its SHA-256 only (a NUL or a 10,000-character string never reaches SQL as
 * text); the access token names the API token as its subject, so revoking or the expiry of the API
 * token ends it too (the guard checks, through the credential cache).
 */
import { API_TOKEN_ACCESS_TTL_SECONDS, type ApiTokenRefusal, hashApiToken, verifyApiToken } from '../../../platform/auth/api-tokens.js';
import type { ApiTokenRow } from '../../../platform/tenancy/api-tokens.repository.js';
import type { NavigatorDeps } from '../navigator-deps.js';
import { ExchangeThrottledError, invalidGrant, invalidRequest } from './token-exchange.errors.js';

const REFUSALS: Record<ApiTokenRefusal, string> = {
  unknown: 'invalid_grant: The API token is not valid.',
  revoked: 'invalid_grant: The API token has been revoked.',
  expired: 'invalid_grant: The API token has expired.',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field that must hold one non-empty string when given; undefined when absent. */
function tokenField(fields: Record<string, unknown>, name: string, where: string): string | undefined {
  const value = fields[name];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw invalidRequest(`${where} ${name} takes one value; it was given ${value.length}.`);
  if (typeof value !== 'string' || value === '') throw invalidRequest(`${where} ${name} must be the API token, a non-empty string.`);
  return value;
}

/** The API token of Navigator's exchange: `{"refreshToken": "<API token>"}`. */
export function readNavigatorBody(body: unknown): string {
  if (!isRecord(body)) throw invalidRequest('The body must be a JSON object: {"refreshToken": "<API token>"}.');
  const token = tokenField(body, 'refreshToken', 'Field');
  if (token === undefined) throw invalidRequest('Field refreshToken is required: the API token.');
  return token;
}

/** The API token of CSP's exchange: form field api_token, else form field refresh_token, else query parameter refresh_token. */
export function readCspRequest(body: unknown, query: unknown): string {
  if (body !== undefined && body !== null && !isRecord(body)) throw invalidRequest('The body must be a form: api_token=<API token>.');
  const fields = body ?? {};
  const token =
    tokenField(fields, 'api_token', 'Field') ??
    tokenField(fields, 'refresh_token', 'Field') ??
    (isRecord(query) ? tokenField(query, 'refresh_token', 'Query parameter') : undefined);
  if (token === undefined) throw invalidRequest('Field api_token is required: the API token (form field api_token or refresh_token, or query parameter refresh_token).');
  return token;
}

/** The API token's row; refused ones count against the source address (issue 15 point 11), valid ones do not. */
async function grant(deps: NavigatorDeps, apiToken: string, address: string): Promise<ApiTokenRow> {
  const admission = await deps.tokenThrottle?.admit(address, `api-token:${hashApiToken(apiToken).slice(0, 32)}`);
  if (admission && !admission.admitted) throw new ExchangeThrottledError(admission.retryAfterSeconds);
  const verified = await verifyApiToken(deps.db, apiToken, deps.now());
  if (verified.refusal) throw invalidGrant(REFUSALS[verified.refusal]);
  if (admission?.admitted) await deps.tokenThrottle?.forgive(admission.attempt);
  return verified.row;
}

const ISSUE = { subject: 'api-token', ttlSeconds: API_TOKEN_ACCESS_TTL_SECONDS } as const;

/** Navigator's answer: the access token first; `expiresIn` and `tokenType` are Consumo's additions. */
export async function navigatorAccessToken(deps: NavigatorDeps, body: unknown, address: string) {
  const row = await grant(deps, readNavigatorBody(body), address);
  const { token, expiresIn } = await deps.tokens.issue(row.workspace_id, row.id, ISSUE);
  return { accessToken: token, expiresIn, tokenType: 'bearer' as const };
}

/** CSP's answer, its keys in CSP's order. */
export async function cspAuthorize(deps: NavigatorDeps, body: unknown, query: unknown, address: string) {
  const apiToken = readCspRequest(body, query);
  const row = await grant(deps, apiToken, address);
  const [access, idToken] = await Promise.all([
    deps.tokens.issue(row.workspace_id, row.id, ISSUE),
    deps.tokens.issueIdToken(row.workspace_id, row.id, ISSUE),
  ]);
  return {
    access_token: access.token,
    expires_in: access.expiresIn,
    id_token: idToken,
    refresh_token: apiToken,
    scope: row.roles.join(' '),
    token_type: 'bearer' as const,
  };
}
