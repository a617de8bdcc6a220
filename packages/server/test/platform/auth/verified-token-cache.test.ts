/** AccessTokens remembers verified tokens until they expire: each token answers its own claims, and a remembered token still expires. */
import { generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { AccessTokens, InvalidTokenError } from '../../../src/platform/auth/access-tokens.js';
import { type SigningKeys, TOKEN_ALGORITHM } from '../../../src/platform/auth/signing-keys.js';

async function fakeKeys(): Promise<SigningKeys> {
  const { privateKey, publicKey } = await generateKeyPair(TOKEN_ALGORITHM);
  return { current: { kid: 'k1', privateKey }, publicKey: async (kid: string) => (kid === 'k1' ? publicKey : undefined) } as unknown as SigningKeys;
}

describe('verified-token cache', () => {
  it('answers each token with its own claims, however they alternate', async () => {
    let now = Date.UTC(2026, 0, 1);
    const tokens = new AccessTokens(await fakeKeys(), 900, () => now);
    const a = (await tokens.issue('ws-a', 'client-a')).token;
    const b = (await tokens.issue('ws-b', 'client-b', { subject: 'api-token' })).token;
    for (const token of [a, b, a, a, b, b, a]) {
      const claims = await tokens.verify(token);
      expect(claims).toMatchObject(token === a ? { workspaceId: 'ws-a', clientId: 'client-a', subject: 'client' } : { workspaceId: 'ws-b', clientId: 'client-b', subject: 'api-token' });
      now += 1000;
    }
  });

  it('refuses a remembered token once it has expired, the one just verified included', async () => {
    let now = Date.UTC(2026, 0, 1);
    const tokens = new AccessTokens(await fakeKeys(), 900, () => now);
    const a = (await tokens.issue('ws-a', 'client-a')).token;
    now += 500_000;
    const b = (await tokens.issue('ws-b', 'client-b')).token;
    await tokens.verify(a);
    await tokens.verify(b);
    await tokens.verify(a);
    now += 400_000; // a is 900 s old: expired; b is not
    await expect(tokens.verify(a)).rejects.toThrow(InvalidTokenError);
    expect((await tokens.verify(b)).clientId).toBe('client-b');
    now += 500_000;
    await expect(tokens.verify(b)).rejects.toThrow('token expired');
    await expect(tokens.verify(b)).rejects.toThrow(InvalidTokenError);
  });

  it('answers at once only for a token it has verified, and refuses it there too once expired', async () => {
    let now = Date.UTC(2026, 0, 1);
    const tokens = new AccessTokens(await fakeKeys(), 900, () => now);
    const a = (await tokens.issue('ws-a', 'client-a')).token;
    const b = (await tokens.issue('ws-b', 'client-b')).token;
    expect(tokens.verifiedClaims(a)).toBeUndefined();
    expect(tokens.verifiedClaims('not.a.token')).toBeUndefined();
    await tokens.verify(a);
    await tokens.verify(b);
    expect(tokens.verifiedClaims(a)).toMatchObject({ workspaceId: 'ws-a', clientId: 'client-a' });
    expect(tokens.verifiedClaims(b)).toMatchObject({ workspaceId: 'ws-b', clientId: 'client-b' });
    now += 900_000;
    expect(() => tokens.verifiedClaims(a)).toThrow('token expired');
    // Forgotten once refused: the next call is a full verification, which refuses it in turn.
    expect(tokens.verifiedClaims(a)).toBeUndefined();
    await expect(tokens.verify(a)).rejects.toThrow(InvalidTokenError);
  });
});
