/**
 * The token signing keys: RS256 key pairs kept in the database so every process signs and
 * verifies with the same keys, rotated by age; old public keys stay in the JWKS until the
 * last token they signed has expired.
 */
import { randomUUID } from 'node:crypto';
import { type CryptoKey, type JWK, exportJWK, generateKeyPair, importJWK } from 'jose';
import type { Db } from '../../storage/database.js';
import { isSealedUnder, openPrivateJwk, sealPrivateJwk } from './key-encryption.js';

export const TOKEN_ALGORITHM = 'RS256';

interface LoadedKey {
  kid: string;
  createdAt: Date;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

export interface SigningKeyOptions {
  /** A key older than this signs no new tokens. */
  rotateAfterMs: number;
  /** Tokens live this long, so a retired key is published this much longer. */
  tokenTtlMs: number;
  now?: () => number;
  /** Keys that encrypt private keys at rest (key-encryption.ts): the first seals, all open. None: stored in clear. */
  encryptionKeys?: readonly Uint8Array[];
}

export class SigningKeys {
  #keys = new Map<string, LoadedKey>();
  #current: LoadedKey | undefined;
  #lastReload = 0;

  constructor(
    private readonly db: Db,
    private readonly options: SigningKeyOptions,
  ) {}

  #now(): number {
    return this.options.now?.() ?? Date.now();
  }

  get #encryptionKeys(): readonly Uint8Array[] {
    return this.options.encryptionKeys ?? [];
  }

  /**
   * Loads the keys, creating or rotating the signing key when it is missing or too old; with an
   * encryption key configured, first seals any private key still stored in clear (or under an
   * older encryption key).
   */
  async init(): Promise<void> {
    await this.#sealStoredKeys();
    await this.reload();
    if (!this.#current || this.#now() - this.#current.createdAt.getTime() > this.options.rotateAfterMs) {
      await this.rotate();
    }
  }

  async rotate(): Promise<void> {
    const { privateKey, publicKey } = await generateKeyPair(TOKEN_ALGORITHM, { extractable: true });
    const kid = randomUUID();
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: TOKEN_ALGORITHM, use: 'sig' };
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: TOKEN_ALGORITHM };
    await this.db
      .insertInto('signing_keys')
      .values({
        kid,
        algorithm: TOKEN_ALGORITHM,
        private_jwk: JSON.stringify(await sealPrivateJwk(privateJwk, this.#encryptionKeys)),
        public_jwk: JSON.stringify(publicJwk),
        created_at: new Date(this.#now()),
      })
      .execute();
    const retiredBefore = new Date(this.#now() - this.options.rotateAfterMs - this.options.tokenTtlMs);
    await this.db.deleteFrom('signing_keys').where('created_at', '<', retiredBefore).execute();
    await this.reload();
  }

  async reload(): Promise<void> {
    const rows = await this.db.selectFrom('signing_keys').selectAll().orderBy('created_at', 'desc').execute();
    const keys = new Map<string, LoadedKey>();
    for (const row of rows) {
      const existing = this.#keys.get(row.kid);
      keys.set(
        row.kid,
        existing ?? {
          kid: row.kid,
          createdAt: row.created_at,
          privateKey: (await importJWK(await openPrivateJwk(row.private_jwk, this.#encryptionKeys, row.kid), row.algorithm)) as CryptoKey,
          publicKey: (await importJWK(row.public_jwk as JWK, row.algorithm)) as CryptoKey,
          publicJwk: row.public_jwk as JWK,
        },
      );
    }
    this.#keys = keys;
    this.#current = keys.values().next().value;
    this.#lastReload = this.#now();
  }

  /** Re-stores each private key sealed under the first encryption key; several processes may do it at once, harmlessly. */
  async #sealStoredKeys(): Promise<void> {
    const keys = this.#encryptionKeys;
    if (keys.length === 0) return;
    const rows = await this.db.selectFrom('signing_keys').select(['kid', 'private_jwk']).execute();
    for (const row of rows) {
      if (await isSealedUnder(row.private_jwk, keys[0]!)) continue;
      const jwk = await openPrivateJwk(row.private_jwk, keys, row.kid);
      await this.db
        .updateTable('signing_keys')
        .set({ private_jwk: JSON.stringify(await sealPrivateJwk(jwk, keys)) })
        .where('kid', '=', row.kid)
        .execute();
    }
  }

  get current(): { kid: string; privateKey: CryptoKey } {
    if (!this.#current) throw new Error('signing keys are not initialised');
    return this.#current;
  }

  /**
   * The public key for a token's kid. Another process may have rotated, so an unknown kid
   * triggers one reload — at most every few seconds, so forged kids cannot hammer the database.
   */
  async publicKey(kid: string): Promise<CryptoKey | undefined> {
    const known = this.#keys.get(kid);
    if (known) return known.publicKey;
    if (this.#now() - this.#lastReload < 5_000) return undefined;
    await this.reload();
    return this.#keys.get(kid)?.publicKey;
  }

  jwks(): { keys: JWK[] } {
    return { keys: [...this.#keys.values()].map((k) => k.publicJwk) };
  }
}
