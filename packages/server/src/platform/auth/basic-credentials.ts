/**
 * HTTP Basic with an API client's id and secret (Cloud Cruiser's way: credentials on every request).
 * Checking a secret costs an scrypt (tens of milliseconds by design), so a secret once verified is
 * remembered (VerifiedSecrets, which the token endpoints use too) until the client's stored hash
 * changes or the entry ages out (five minutes). The client itself is looked up
 * on every request (PrincipalLookup, no cache), so a deleted client is refused at once, as a bearer
 * token of it would be.
 */
import { parseUuid } from '../formats/index.js';
import type { ClientPrincipal, PrincipalLookup } from './principal-lookup.js';
import { verifySecret } from './secrets.js';
import { VerifiedSecrets } from './verified-secrets.js';

export interface BasicCredentials {
  clientId: string;
  secret: string;
}

/** The id and secret of an `Authorization: Basic` header; undefined when it is not one or not well formed. */
export function parseBasic(header: string): BasicCredentials | undefined {
  const encoded = /^Basic +([A-Za-z0-9+/]+={0,2}) *$/i.exec(header)?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { clientId: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/**
 * The client id and secret of the token endpoint's `Authorization: Basic` header, each
 * form-urlencoded before base64 as RFC 6749 §2.3.1 says; undefined when the header is not Basic
 * with an `id:secret` pair (the endpoint then reads the form), 'malformed' when an id or secret
 * is not valid percent-encoding (a 401, never the URIError's 500).
 */
export function parseOAuthBasic(header: string | undefined): BasicCredentials | 'malformed' | undefined {
  const encoded = header && /^Basic +(.+)$/i.exec(header)?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  try {
    return { clientId: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch {
    return 'malformed';
  }
}

export class BasicAuthenticator {
  readonly #verified: VerifiedSecrets;

  constructor(
    private readonly credentials: PrincipalLookup,
    now: () => number = Date.now,
  ) {
    this.#verified = new VerifiedSecrets(now);
  }

  /** The client's principal when the id and secret are right; undefined otherwise. */
  async authenticate({ clientId, secret }: BasicCredentials): Promise<(ClientPrincipal & { clientId: string }) | undefined> {
    const id = parseUuid(clientId);
    if (!id) return undefined;
    const principal = await this.credentials.principal(id);
    if (!principal) return undefined;
    // A secret verified against the client's current hash lately needs no second scrypt.
    if (this.#verified.matched(id, secret) !== principal.secretHash) {
      if (!(await verifySecret(secret, principal.secretHash))) return undefined;
      this.#verified.remember(id, secret, principal.secretHash);
    }
    return { ...principal, clientId: id };
  }
}
