/**
 * Private signing keys at rest: sealed under CONSUMO_KEY_ENCRYPTION_KEY when it is set, opened by
 * any listed key and re-sealed under the first, refused (a ConfigError) without a key that opens
 * them — and tokens signed before a change of encryption key still verify.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { AccessTokens } from '../../../src/platform/auth/access-tokens.js';
import { SigningKeys } from '../../../src/platform/auth/signing-keys.js';
import { DAY_MS } from '../../../src/platform/formats/index.js';
import { type TestDatabase, openTestDatabase, testEngines } from '../../support/test-databases.js';

const key = () => new Uint8Array(randomBytes(32));

describe.each(testEngines())('signing keys at rest on %s', (engine) => {
  let database: TestDatabase;
  const now = () => Date.UTC(2026, 0, 1);
  const signingKeys = (encryptionKeys?: Uint8Array[]) =>
    new SigningKeys(database.db, { rotateAfterMs: 30 * DAY_MS, tokenTtlMs: 3600_000, now, ...(encryptionKeys && { encryptionKeys }) });
  const storedPrivateKeys = async () => (await database.db.selectFrom('signing_keys').select(['kid', 'private_jwk']).execute()).map((r) => r.private_jwk);

  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.drop());
  beforeEach(async () => {
    await database.db.deleteFrom('signing_keys').execute();
  });

  it('stores the private key as a JWE, never its private parameters, when a key is configured', async () => {
    await signingKeys([key()]).init();
    const [stored] = await storedPrivateKeys();
    expect(Object.keys(stored!)).toEqual(['jwe']);
    expect(JSON.stringify(stored)).not.toMatch(/"d"|"p"|"q"|"dp"|"dq"|"qi"/);
    expect(String(stored!.jwe).split('.')).toHaveLength(5);
  });

  it('seals a key stored in clear at the first start with a key, and keeps its tokens valid', async () => {
    const clear = signingKeys();
    await clear.init();
    expect(Object.keys((await storedPrivateKeys())[0]!)).toContain('d');
    const token = (await new AccessTokens(clear, 900, now).issue('a'.repeat(32), 'c1')).token;

    const kek = key();
    const sealed = signingKeys([kek]);
    await sealed.init();
    expect(Object.keys((await storedPrivateKeys())[0]!)).toEqual(['jwe']);
    await expect(new AccessTokens(sealed, 900, now).verify(token)).resolves.toMatchObject({ clientId: 'c1' });
  });

  it('refuses to start without the key, or with a key that does not open it', async () => {
    await signingKeys([key()]).init();
    await expect(signingKeys().init()).rejects.toThrow(ConfigError);
    await expect(signingKeys().init()).rejects.toThrow(/encrypted at rest: set CONSUMO_KEY_ENCRYPTION_KEY/);
    await expect(signingKeys([key()]).init()).rejects.toThrow(/no key in CONSUMO_KEY_ENCRYPTION_KEY decrypts/);
  });

  it('changes the encryption key: the old one listed second opens, and the key is re-sealed under the new one', async () => {
    const oldKey = key();
    const first = signingKeys([oldKey]);
    await first.init();
    const token = (await new AccessTokens(first, 900, now).issue('a'.repeat(32), 'c2')).token;
    const before = (await storedPrivateKeys())[0]!.jwe;

    const newKey = key();
    const rotated = signingKeys([newKey, oldKey]);
    await rotated.init();
    expect((await storedPrivateKeys())[0]!.jwe).not.toBe(before);
    await expect(new AccessTokens(rotated, 900, now).verify(token)).resolves.toMatchObject({ clientId: 'c2' });
    // The old key alone no longer opens it: it was re-sealed, not merely read.
    await expect(signingKeys([oldKey]).init()).rejects.toThrow(ConfigError);
    await signingKeys([newKey]).init();
  });
});

describe('CONSUMO_KEY_ENCRYPTION_KEY', () => {
  it('takes comma-separated 32-byte keys in base64 or base64url', () => {
    const a = randomBytes(32);
    const b = randomBytes(32);
    const config = loadConfig({ CONSUMO_KEY_ENCRYPTION_KEY: `${a.toString('base64')}, ${b.toString('base64url')}` });
    expect(config.keyEncryptionKeys.map((k) => Buffer.from(k).toString('hex'))).toEqual([a.toString('hex'), b.toString('hex')]);
    expect(loadConfig({}).keyEncryptionKeys).toEqual([]);
  });

  it('refuses a key of the wrong length or encoding, naming it', () => {
    expect(() => loadConfig({ CONSUMO_KEY_ENCRYPTION_KEY: randomBytes(16).toString('base64') })).toThrow(/key 1 must be 32 bytes.*got 16 bytes/);
    expect(() => loadConfig({ CONSUMO_KEY_ENCRYPTION_KEY: `${randomBytes(32).toString('base64')},not base64!` })).toThrow(/key 2 must be 32 bytes/);
  });
});
