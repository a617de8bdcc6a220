/** Issues and verifies the workspace-scoped access tokens (signed JWTs with an expiry). */
import { randomUUID } from 'node:crypto';
import { SignJWT, decodeProtectedHeader, jwtVerify } from 'jose';
import { type SigningKeys, TOKEN_ALGORITHM } from './signing-keys.js';

export const TOKEN_ISSUER = 'consumo';
export const TOKEN_AUDIENCE = 'consumo-api';

export interface TokenClaims {
  workspaceId: string;
  clientId: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

export class InvalidTokenError extends Error {}

const CACHE_LIMIT = 10_000;

export class AccessTokens {
  // Verified tokens, so a hot client pays for the RSA check once per token rather than per request.
  #verified = new Map<string, TokenClaims>();

  constructor(
    private readonly keys: SigningKeys,
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  async issue(workspaceId: string, clientId: string): Promise<{ token: string; expiresIn: number }> {
    const { kid, privateKey } = this.keys.current;
    const issuedAt = Math.floor(this.now() / 1000);
    const token = await new SignJWT({ workspace_id: workspaceId })
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid, typ: 'JWT' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject(clientId)
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.ttlSeconds)
      .sign(privateKey);
    return { token, expiresIn: this.ttlSeconds };
  }

  async verify(token: string): Promise<TokenClaims> {
    const nowSeconds = Math.floor(this.now() / 1000);
    const cached = this.#verified.get(token);
    if (cached) {
      if (cached.expiresAt > nowSeconds) return cached;
      this.#verified.delete(token);
      throw new InvalidTokenError('token expired');
    }
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
    const claims: TokenClaims = { workspaceId, clientId: payload.sub, expiresAt: payload.exp };
    if (this.#verified.size >= CACHE_LIMIT) this.#verified.clear();
    this.#verified.set(token, claims);
    return claims;
  }
}
