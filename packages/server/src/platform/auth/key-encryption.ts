/**
 * Private signing keys at rest: when CONSUMO_KEY_ENCRYPTION_KEY names one or more 256-bit keys,
 * each private JWK is stored as a compact JWE (`dir`, A256GCM) under the first of them; the others
 * only decrypt, so the encryption key can be changed without invalidating issued tokens. Without
 * a configured key, private JWKs are stored as they are (the embedded default) — and a database
 * whose keys are encrypted refuses to start without the key that opens them.
 */
import { CompactEncrypt, type JWK, compactDecrypt } from 'jose';
import { ConfigError } from '../../config.js';

/** How an encrypted private key sits in `signing_keys.private_jwk`. */
interface SealedJwk {
  jwe: string;
}

function isSealed(stored: Record<string, unknown>): stored is Record<string, unknown> & SealedJwk {
  return typeof stored.jwe === 'string';
}

/** True when the stored private key is sealed and `key` opens it. */
export async function isSealedUnder(stored: Record<string, unknown>, key: Uint8Array): Promise<boolean> {
  if (!isSealed(stored)) return false;
  try {
    await compactDecrypt(stored.jwe, key);
    return true;
  } catch {
    return false;
  }
}

/** The value to store for a private JWK: sealed under the first key, or the JWK itself without keys. */
export async function sealPrivateJwk(jwk: JWK, keys: readonly Uint8Array[]): Promise<Record<string, unknown>> {
  const [current] = keys;
  if (!current) return { ...jwk };
  const plaintext = new TextEncoder().encode(JSON.stringify(jwk));
  const jwe = await new CompactEncrypt(plaintext).setProtectedHeader({ alg: 'dir', enc: 'A256GCM', cty: 'jwk+json' }).encrypt(current);
  return { jwe } satisfies SealedJwk;
}

/** The private JWK of a stored value; a ConfigError when it is sealed and no configured key opens it. */
export async function openPrivateJwk(stored: Record<string, unknown>, keys: readonly Uint8Array[], kid: string): Promise<JWK> {
  if (!isSealed(stored)) return stored as JWK;
  if (keys.length === 0) {
    throw new ConfigError(`signing key ${kid} is encrypted at rest: set CONSUMO_KEY_ENCRYPTION_KEY to the key it was encrypted with`);
  }
  for (const key of keys) {
    try {
      const { plaintext } = await compactDecrypt(stored.jwe, key);
      return JSON.parse(new TextDecoder().decode(plaintext)) as JWK;
    } catch {
      // Not this key: try the next one.
    }
  }
  throw new ConfigError(`no key in CONSUMO_KEY_ENCRYPTION_KEY decrypts signing key ${kid}`);
}
