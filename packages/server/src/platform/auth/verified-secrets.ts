/**
 * Secrets recently verified with scrypt, remembered in this process as a SHA-256 of client id and
 * secret (never the secret) beside the stored hash they matched, until the entry ages out; a
 * remembered secret counts only while the client's stored hash is still that one. It needs no
 * second scrypt, so a legitimate client is answered at once even while others keep the scrypt
 * threads busy with wrong guesses.
 */
import { createHash } from 'node:crypto';

const TTL_MS = 5 * 60_000;
const LIMIT = 10_000;

export class VerifiedSecrets {
  readonly #entries = new Map<string, { storedHash: string; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  #key(clientId: string, secret: string): string {
    return createHash('sha256').update(`${clientId}\0${secret}`).digest('base64url');
  }

  /** The stored hash this id and secret were last verified against, if that was recent. */
  matched(clientId: string, secret: string): string | undefined {
    const entry = this.#entries.get(this.#key(clientId, secret));
    return entry !== undefined && this.now() - entry.at < TTL_MS ? entry.storedHash : undefined;
  }

  remember(clientId: string, secret: string, storedHash: string): void {
    if (this.#entries.size >= LIMIT) this.#entries.clear();
    this.#entries.set(this.#key(clientId, secret), { storedHash, at: this.now() });
  }
}
