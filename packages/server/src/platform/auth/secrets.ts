/** Client secrets: generated at random, stored only as salted scrypt hashes, compared in constant time. */
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';

const N = 16_384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function scrypt(secret: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(secret, salt, KEY_LENGTH, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export function generateSecret(): string {
  return randomBytes(24).toString('base64url');
}

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(secret, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(secret, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let throwawayHash: Promise<string> | undefined;

/**
 * Checks a secret against a client's stored hash or, when there is no such client, against a
 * throwaway hash of the same cost: an unknown client id takes as long to refuse as a known one
 * with a wrong secret, so timing does not tell valid ids apart (issue 15 point 7).
 */
export async function verifySecretOrThrowaway(secret: string, stored: string | undefined): Promise<boolean> {
  throwawayHash ??= hashSecret(generateSecret());
  const valid = await verifySecret(secret, stored ?? (await throwawayHash));
  return stored !== undefined && valid;
}
