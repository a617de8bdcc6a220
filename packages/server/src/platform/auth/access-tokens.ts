/**
 * Issues and verifies the workspace-scoped access tokens (signed JWTs with an expiry). The subject
 * is an API client (client credentials) or, with the claim `api_token: true`, a workspace API token
 * the access token was exchanged for (VMware Cloud Partner Navigator); the guard looks each up in
 * its own table. ID tokens (the CSP exchange answers one) carry another audience, so none passes
 * for an access token.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT, decodeProtectedHeader, jwtVerify } from 'jose';
import { type SigningKeys, TOKEN_ALGORITHM } from './signing-keys.js';

export const TOKEN_ISSUER = 'consumo';
export const TOKEN_AUDIENCE = 'consumo-api';
/** The audience of ID tokens: never accepted where an access token is expected. */
export const ID_TOKEN_AUDIENCE = 'consumo-id';

/** What a token's subject names: an API client, or a workspace API token. */
export type TokenSubject = 'client' | 'api-token';

export interface TokenClaims {
  workspaceId: string;
  /** The subject: an API client's id, or the id of the API token when `subject` is `api-token`. */
  clientId: string;
  subject: TokenSubject;
  /** Seconds since the epoch. */
  expiresAt: number;
}

export interface IssueOptions {
  /** Lifetime in seconds; the configured one (CONSUMO_TOKEN_TTL) unless given. */
  ttlSeconds?: number;
  /** What the subject id names; `client` unless given. */
  subject?: TokenSubject;
}

export class InvalidTokenError extends Error {}

const CACHE_LIMIT = 10_000;
/**
 * How far a token's `iat` may lie ahead of this process's clock: the processes of one
 * installation sign with shared keys, so a little clock skew between them is normal, but a token
 * "issued" further in the future was not issued by a process with a sane clock.
 */
export const ISSUED_AT_SKEW_SECONDS = 60;

export class AccessTokens {
  // Verified tokens, so a hot client pays for the RSA check once per token rather than per request.
  #verified = new Map<string, TokenClaims>();
  // The last token verified or found: a hot client sends the same one request after request, and
  // comparing it is cheaper than hashing its ~800 characters for the map.
  #last: { token: string; claims: TokenClaims } | undefined;

  constructor(
    private readonly keys: SigningKeys,
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  async issue(workspaceId: string, clientId: string, options: IssueOptions = {}): Promise<{ token: string; expiresIn: number }> {
    const ttlSeconds = options.ttlSeconds ?? this.ttlSeconds;
    const claims = options.subject === 'api-token' ? { workspace_id: workspaceId, api_token: true } : { workspace_id: workspaceId };
    return { token: await this.#sign(claims, clientId, TOKEN_AUDIENCE, ttlSeconds), expiresIn: ttlSeconds };
  }

  /**
   * An ID token beside an access token: the same claims, signed by the same key, but for the
   * audience `consumo-id` with `token_use: "id"` — it says who the caller is and authorizes nothing.
   */
  async issueIdToken(workspaceId: string, subjectId: string, options: IssueOptions = {}): Promise<string> {
    const claims = { workspace_id: workspaceId, ...(options.subject === 'api-token' && { api_token: true }), token_use: 'id' };
    return this.#sign(claims, subjectId, ID_TOKEN_AUDIENCE, options.ttlSeconds ?? this.ttlSeconds);
  }

  async #sign(claims: Record<string, unknown>, subject: string, audience: string, ttlSeconds: number): Promise<string> {
    const { kid, privateKey } = this.keys.current;
    const issuedAt = Math.floor(this.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid, typ: 'JWT' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(audience)
      .setSubject(subject)
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ttlSeconds)
      .sign(privateKey);
  }

  /**
   * The claims of a token this process has verified and that has not expired, without waiting:
   * `undefined` when it has not verified it (call `verify`); throws InvalidTokenError when it has
   * expired since. The guard's hot path (ADR 0036).
   */
  verifiedClaims(token: string): TokenClaims | undefined {
    const last = this.#last;
    const cached = last !== undefined && last.token === token ? last.claims : this.#verified.get(token);
    if (!cached) return undefined;
    if (cached.expiresAt > Math.floor(this.now() / 1000)) {
      if (last?.claims !== cached) this.#last = { token, claims: cached };
      return cached;
    }
    this.#verified.delete(token);
    if (last?.token === token) this.#last = undefined;
    throw new InvalidTokenError('token expired');
  }

  async verify(token: string): Promise<TokenClaims> {
    const cached = this.verifiedClaims(token);
    if (cached) return cached;
    const nowSeconds = Math.floor(this.now() / 1000);
    let kid: string | undefined;
    try {
      const header = decodeProtectedHeader(token);
      if (header.alg !== TOKEN_ALGORITHM) throw new InvalidTokenError(`algorithm ${String(header.alg)} is not accepted`);
      kid = header.kid;
    } catch (err) {
      throw err instanceof InvalidTokenError ? err : new InvalidTokenError('token is malformed');
    }
    const key = kid ? await this.keys.publicKey(kid) : undefined;
    if (!key) throw new InvalidTokenError('token was not signed by a known key');
    let payload;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: [TOKEN_ALGORITHM],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        currentDate: new Date(this.now()),
        clockTolerance: 0,
      }));
    } catch (err) {
      const code = (err as { code?: string }).code;
      throw new InvalidTokenError(code === 'ERR_JWT_EXPIRED' ? 'token expired' : 'token signature or claims are invalid');
    }
    const workspaceId = payload.workspace_id;
    if (typeof workspaceId !== 'string' || typeof payload.sub !== 'string' || typeof payload.exp !== 'number') {
      throw new InvalidTokenError('token lacks workspace, subject or expiry');
    }
    if (typeof payload.iat !== 'number') throw new InvalidTokenError('token lacks its issue time');
    if (payload.iat > nowSeconds + ISSUED_AT_SKEW_SECONDS) throw new InvalidTokenError('token is issued in the future');
    if (payload.api_token !== undefined && payload.api_token !== true) throw new InvalidTokenError('token claim api_token is not true');
    const subject: TokenSubject = payload.api_token === true ? 'api-token' : 'client';
    const claims: TokenClaims = { workspaceId, clientId: payload.sub, subject, expiresAt: payload.exp };
    if (this.#verified.size >= CACHE_LIMIT) this.#verified.clear();
    this.#verified.set(token, claims);
    return claims;
  }
}
