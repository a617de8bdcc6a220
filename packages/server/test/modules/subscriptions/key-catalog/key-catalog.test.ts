/** The provider's key catalog (`/admin/v1/subscription-keys`): issue in bulk, idempotent re-runs, conflicts, validation, listing. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../../src/storage/database.js';
import {
  PRODUCT_TYPES, PROVIDER_STATUSES, SUBSCRIPTION_STATUSES, SUBSCRIPTION_TYPES, TIERS,
} from '../../../../src/modules/subscriptions/subscriptions.enums.js';
import { type TestApp, startTestApp } from '../../../support/test-app.js';
import { issuesOf, withQuery } from '../../../support/api-responses.js';
import { testEngines } from '../../../support/test-databases.js';

const URL_ = '/admin/v1/subscription-keys';

type Input = Record<string, unknown>;

function keyInput(key: string, overrides: Input = {}): Input {
  return {
    key,
    sku: 'Q9Y58AAE',
    skuDescription: 'Aruba Central AP Foundation 3 Year Subscription E-STU',
    subscriptionType: 'CENTRAL_AP',
    tier: 'FOUNDATION_AP',
    productType: 'DEVICE',
    quantity: 50,
    startTime: '2026-01-01T00:00:00Z',
    endTime: '2029-01-01T00:00:00Z',
    ...overrides,
  };
}

/** Claims a catalog key for a workspace the way the subscriptions module does: the catalog names the holder, a row copies the catalog columns. */
async function claim(db: Db, workspaceId: string, key: string): Promise<void> {
  await sql`update subscription_keys set claimed_by = ${workspaceId} where key = ${key} and claimed_by is null`.execute(db);
  await sql`
    insert into subscriptions (workspace_id, id, key, created_at, updated_at, sku, sku_description, subscription_type, tier,
      tier_description, product_type, quantity, available_quantity, is_eval, start_time, end_time, provider_status,
      contract, quote, po, reseller_po, end_user_name, order_class)
    select ${workspaceId}, gen_random_uuid(), key, now(), now(), sku, sku_description, subscription_type, tier,
      tier_description, product_type, quantity, quantity, is_eval, start_time, end_time, provider_status,
      contract, quote, po, reseller_po, end_user_name, order_class
    from subscription_keys where key = ${key}`.execute(db);
}

/** Expands `{A,B}_X_{1,2}` the way the reference writes its tier list. */
function expand(pattern: string): string[] {
  const m = /\{([^}]*)\}/.exec(pattern);
  if (!m) return [pattern];
  return m[1]!.split(',').flatMap((alt) => expand(pattern.slice(0, m.index) + alt + pattern.slice(m.index + m[0].length)));
}

describe('Subscription Management enums', () => {
  it('hold the tiers HPE documents, brace expressions expanded', () => {
    // The reference's text, verbatim.
    const reference = [
      'BASIC_AP, BASIC_SWITCH, SPECIAL, FOUNDATION_70XX, ADVANCE_70XX, FOUNDATION_7005, ADVANCE_7005, FOUNDATION_72XX, ADVANCE_72XX, ADVANCE_90XX_SEC, FOUNDATION_BASE_90XX_SEC, FOUNDATION_90XX_SEC, SDWAN_SECURITY, DEVICE_PROFILING, VGW_500M, VGW_2G, VGW_4G, ANALYTICS, NETWORK_ACCESS_CONTROL, FOUNDATION_AP, ADVANCED_AP, BRIDGE, FOUNDATION_BRIDGE, FOUNDATION_WLAN_GW, {FOUNDATION,ADVANCED}_SWITCH_{6100,6200,6300,6400,8400,8XXX_9XXX_10XXX}',
      '{ADVANCED,FOUNDATION,STANDARD,ENHANCED}_PROLIANT, {FOUNDATION,STANDARD,ENHANCED}_{SDFLEX,EDGELINE}',
      '{FOUNDATION,STANDARD,ENHANCED}_VM_BACKUP, FOUNDATION_ZERTO, FOUNDATION_ZERTO_LEGACY, NO_TIER_ZERTO, FOUNDATION_SFM, STANDARD_OVOPSMGMT, ENHANCED_OVOPSMGMT, {FOUNDATION,STANDARD,ENHANCED}_ALLETRA, {ADVANCED,STANDARD,ENHANCED}_ALLETRA_4K, {MCP,MCV,MCB,BCP,BCV,BCB,GPP,GPV,GPB}_BAAS, {GPP,GPB,GPV,EVP,EVB,EPP,EPB,BCP,BCV,BCB,AFP,AFB,AFV,HFP,HFB,HFV}_HCIAAS, FOUNDATION_BLOCK_STORAGE, FOUNDATION_HCI_MANAGER, FOUNDATION_CARE_EMBEDDED, FOUNDATION_CARE_PLUS_EMBEDDED',
      'FOUNDATION_NW_THIRD_PARTY, ADVANCED_NW_THIRD_PARTY, WLAN_ADVANCED_90XX_SEC, WLAN_ADVANCED_92XX_SEC, FOUNDATION_92XX_SEC, ADVANCED_92XX_SEC, WLAN_ADVANCED_90XX_70XX, WLAN_ADVANCED_92XX_72XX, WLAN_ADVANCED_91XX, WLAN_ADVANCED_91XX_SEC, FOUNDATION_91XX, FOUNDATION_91XX_SEC, ADVANCED_91XX, ADVANCED_91XX_SEC',
      '{SMALL,MEDIUM,LARGE,XLARGE}_VM_BACKUP, PRIVATE_CLOUD_ENTERPRISE, STA, STB, STC, ES, PR, ET, ST, FOUNDATION_MLDE, FOUNDATION_SENSOR_CLOUD, FOUNDATION_SENSOR_LTE, FOUNDATION_ZEBRA_AGENT_CLOUD, FOUNDATION_AGENT_CLOUD, SDWAN_FO_EC_HUB, SDWAN_AD_EC_HUB, FOUNDATION_STORAGE, FOUNDATION_EZMERAL_K8S, ONPREM_SERVICE, FOUNDATION_SUPER_COMPUTING, HPE_ALLETRA_STORAGE_MP_B10000_SOFTWARE_AND_SUPPORT_SAAS, CENTRAL_OPSRAMP_EXTENSION, UNKNOWN',
    ];
    // Split on the commas outside braces, then expand each term.
    const expanded = reference.flatMap((group) => group.split(/,\s*(?![^{]*\})/).flatMap(expand));
    expect(TIERS).toHaveLength(130);
    expect(new Set(TIERS).size).toBe(TIERS.length);
    expect([...TIERS]).toEqual(expanded);
    for (const tier of ['FOUNDATION_SWITCH_6100', 'ADVANCED_SWITCH_8XXX_9XXX_10XXX', 'EVB_HCIAAS', 'STANDARD_EDGELINE', 'XLARGE_VM_BACKUP', 'UNKNOWN']) {
      expect(TIERS).toContain(tier);
    }
  });

  it('hold the subscription types, statuses, product types and provider statuses', () => {
    expect(SUBSCRIPTION_TYPES).toHaveLength(16);
    expect(SUBSCRIPTION_TYPES).toContain('UXI_AGENT_ANDROID');
    expect(SUBSCRIPTION_STATUSES).toEqual(['STARTED', 'ENDED', 'SUSPENDED', 'CANCELLED', 'LOCKED', 'NONE']);
    expect(PRODUCT_TYPES).toEqual(['DEVICE', 'SERVICE', 'MANDATORY_ATTACHED', 'ON_PREM', 'SUPPORT']);
    // Those the catalog stores: ENDED and NONE follow from the dates.
    expect(PROVIDER_STATUSES).toEqual(SUBSCRIPTION_STATUSES.filter((s) => s !== 'ENDED' && s !== 'NONE'));
  });
});

describe.each(testEngines())('subscription key catalog on %s', (engine) => {
  let t: TestApp;
  const post = (payload: unknown, token?: string) =>
    t.call({ method: 'POST', url: URL_, payload: payload as Record<string, unknown>, ...(token && { token }) });
  const list = (params: Record<string, string | number> = {}, token?: string) =>
    t.call({ method: 'GET', url: withQuery(URL_, params), ...(token && { token }) });
  const count = async (filter: string) => (await list({ filter, limit: 0 })).json().total as number;

  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t.close());

  it('issues keys and lists them in the documented shape', async () => {
    // Given as listed but for the quantity (a string in, a number out) and the start (UTC out).
    const given = {
      isEval: true,
      status: 'SUSPENDED',
      tierDescription: 'AP Foundation',
      contract: 'C-1001',
      quote: 'Q-2001',
      po: 'PO-3001',
      resellerPo: 'RPO-4001',
      endUserName: 'Acme Corp',
      orderClass: 'STANDARD',
    };
    const res = await post({
      keys: [keyInput('CREATE0000000001'), keyInput('CREATE0000000002', { ...given, quantity: '25', startTime: '2026-01-01T09:30:00.250+02:00' })],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 2, unchanged: 0 });

    const page = (await list({ filter: "key in ('CREATE0000000001', 'CREATE0000000002')" })).json();
    expect(page).toMatchObject({ count: 2, offset: 0, total: 2 });
    expect(page.items[0]).toEqual({
      key: 'CREATE0000000001',
      sku: 'Q9Y58AAE',
      skuDescription: 'Aruba Central AP Foundation 3 Year Subscription E-STU',
      subscriptionType: 'CENTRAL_AP',
      tier: 'FOUNDATION_AP',
      tierDescription: null,
      productType: 'DEVICE',
      quantity: 50,
      isEval: false,
      startTime: '2026-01-01T00:00:00Z',
      endTime: '2029-01-01T00:00:00Z',
      status: 'STARTED',
      contract: null,
      quote: null,
      po: null,
      resellerPo: null,
      endUserName: null,
      orderClass: null,
      claimedBy: null,
      claimable: true,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(page.items[1]).toMatchObject({ key: 'CREATE0000000002', ...given, quantity: 25, startTime: '2026-01-01T07:30:00.250Z' });
  });

  it('counts an identical resubmission as unchanged, alone or next to new keys', async () => {
    const keys = [keyInput('SAME000000000001'), keyInput('SAME000000000002', { quantity: '7', contract: '' })];
    expect((await post({ keys })).json()).toEqual({ created: 2, unchanged: 0 });
    // The same data spelled differently (7 vs "7", "" vs absent, another offset for the same instant) is the same key.
    const again = [keyInput('SAME000000000001', { startTime: '2026-01-01T01:00:00+01:00', isEval: false }), keyInput('SAME000000000002', { quantity: 7 })];
    const res = await post({ keys: again });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 0, unchanged: 2 });
    expect((await post({ keys: [...again, keyInput('SAME000000000003')] })).json()).toEqual({ created: 1, unchanged: 2 });
  });

  it('refuses a key already issued with different data with 409, naming the keys and fields, and writes nothing', async () => {
    await post({ keys: [keyInput('CONFLICT00000001'), keyInput('CONFLICT00000002')] });
    const res = await post({
      keys: [
        keyInput('CONFLICTNEW00001'),
        keyInput('CONFLICT00000001', { quantity: 51 }),
        keyInput('CONFLICT00000002'),
        keyInput('CONFLICTNEW00002'),
      ],
    });
    expect(res.statusCode, res.body).toBe(409);
    const body = res.json();
    expect(body.errorCode).toBe('HPE_GL_ERROR_CONFLICT');
    expect(body.message).toContain('CONFLICT00000001');
    expect(body.errorDetails[0].metadata.conflicts).toEqual([{ key: 'CONFLICT00000001', index: 1, fields: ['quantity'] }]);
    expect(await count("key in ('CONFLICTNEW00001', 'CONFLICTNEW00002')")).toBe(0);

    const several = await post({ keys: [keyInput('CONFLICT00000002', { tier: 'ADVANCED_AP', status: 'LOCKED', endTime: '2030-01-01T00:00:00Z' })] });
    expect(several.statusCode).toBe(409);
    expect(several.json().errorDetails[0].metadata.conflicts[0].fields).toEqual(['tier', 'endTime', 'status']);
  });

  it('lists every problem of a request at once, each naming its field as keys[i].field, and writes nothing', async () => {
    const res = await post({
      keys: [
        keyInput('VALID00000000001'),
        keyInput(''),
        keyInput('has space'),
        keyInput('K'.repeat(129)),
        keyInput('ENUMS0000000001', { subscriptionType: 'CENTRAL_TOASTER', tier: 'PLATINUM', productType: 'GADGET', status: 'ENDED' }),
        keyInput('TIMES0000000001', { startTime: '2026-02-30T00:00:00Z', endTime: 'tomorrow' }),
        keyInput('TIMES0000000002', { startTime: '2026-06-01T00:00:00Z', endTime: '2026-06-01T00:00:00Z' }),
        keyInput('VALID00000000001'),
        { ...keyInput('MISSING00000001', { quantity: -1, isEval: 'yes', colour: 'blue' }), sku: undefined, skuDescription: ' ' },
        keyInput('QTY000000000001', { quantity: '1.5' }),
        'not an object',
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errorCode).toBe('HPE_GL_ERROR_BAD_REQUEST');
    const found = issuesOf(res);
    expect(found.every((i) => i.source === 'field')).toBe(true);
    expect(found.map((i) => i.subject)).toEqual([
      'keys[1].key',
      'keys[2].key',
      'keys[3].key',
      'keys[4].subscriptionType',
      'keys[4].tier',
      'keys[4].productType',
      'keys[4].status',
      'keys[5].startTime',
      'keys[5].endTime',
      'keys[6].endTime',
      'keys[7].key',
      'keys[8].sku',
      'keys[8].skuDescription',
      'keys[8].quantity',
      'keys[8].isEval',
      'keys[8].colour',
      'keys[9].quantity',
      'keys[10]',
    ]);
    const about = (subject: string) => found.find((i) => i.subject === subject)!.description;
    expect(about('keys[1].key')).toBe('Parameter key is empty.');
    expect(about('keys[2].key')).toContain('" "');
    expect(about('keys[3].key')).toBe('Must be at most 128 characters.');
    expect(about('keys[4].subscriptionType')).toContain("Unknown value 'CENTRAL_TOASTER'; one of: CENTRAL_AP");
    expect(about('keys[4].status')).toContain('one of: STARTED, SUSPENDED, CANCELLED, LOCKED');
    expect(about('keys[5].startTime')).toContain('RFC 3339');
    expect(about('keys[6].endTime')).toBe('Must be after startTime.');
    expect(about('keys[7].key')).toBe('Duplicate of keys[0].key.');
    expect(about('keys[8].sku')).toBe('Required parameter is missing.');
    expect(about('keys[8].colour')).toBe('Unknown property.');
    expect(await count("key eq 'VALID00000000001'")).toBe(0);
  });

  it('refuses a body without 1..1000 keys, naming keys', async () => {
    for (const [payload, description] of [
      [{}, 'Required parameter is missing.'],
      [{ keys: [] }, 'Must hold at least 1 key.'],
      [{ keys: 'K1' }, 'Must be an array.'],
      [{ keys: Array.from({ length: 1001 }, (_, i) => keyInput(`MANY${i}`)) }, 'Must hold at most 1000 keys; send the rest in another request.'],
    ] as const) {
      const res = await post(payload);
      expect(res.statusCode, JSON.stringify(payload).slice(0, 60)).toBe(400);
      expect(issuesOf(res)).toEqual([{ source: 'field', subject: 'keys', description }]);
    }
    const array = await post([keyInput('ARRAY')]);
    expect(array.statusCode).toBe(400);
    expect(issuesOf(array)[0]!.subject).toBe('body');
  });

  it('issues 1000 keys in one request', async () => {
    const keys = Array.from({ length: 1000 }, (_, i) => keyInput(`BULK${String(i).padStart(11, '0')}`, { sku: 'BULK-SKU', quantity: i }));
    const res = await post({ keys });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 1000, unchanged: 0 });
    expect(await count("sku eq 'BULK-SKU'")).toBe(1000);
    expect((await post({ keys })).json()).toEqual({ created: 0, unchanged: 1000 });
  });

  it('requires platform.subscription-keys.manage (403) and a token (401)', async () => {
    const viewer = await t.tenant(['flex-viewer', 'subscriptions-editor'], 'not-admin');
    const refused = await post({ keys: [keyInput('FORBIDDEN0000001')] }, viewer.token);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().errorCode).toBe('HPE_GL_ERROR_FORBIDDEN');
    expect((await list({}, viewer.token)).statusCode).toBe(403);
    expect((await t.call({ method: 'GET', url: URL_, token: null })).statusCode).toBe(401);
    expect(await count("key eq 'FORBIDDEN0000001'")).toBe(0);
  });

  describe('listing', () => {
    const L = (n: number) => `LIST00000000000${n}`;
    const scope = "sku eq 'LIST-SKU'";
    const keys = async (params: Record<string, string | number>) =>
      (await list({ ...params, filter: params.filter ? `${scope} and (${params.filter})` : scope })).json().items.map((k: { key: string }) => k.key);
    let other: { workspaceId: string };

    beforeAll(async () => {
      const res = await post({
        keys: [
          keyInput(L(1), { sku: 'LIST-SKU', quantity: 10, endTime: '2027-01-01T00:00:00Z', contract: 'C-1' }),
          keyInput(L(2), { sku: 'LIST-SKU', quantity: 30, isEval: true, subscriptionType: 'CENTRAL_STORAGE', tier: 'FOUNDATION_ALLETRA' }),
          keyInput(L(3), { sku: 'LIST-SKU', quantity: 20, status: 'CANCELLED', endTime: '2031-01-01T00:00:00Z', contract: 'C-3' }),
          keyInput(L(4), { sku: 'LIST-SKU', quantity: 20, productType: 'SERVICE', subscriptionType: 'SERVICE', tier: 'FOUNDATION_VM_BACKUP' }),
        ],
      });
      expect(res.statusCode, res.body).toBe(200);
      other = await t.tenant(['subscriptions-viewer'], 'holder');
      await claim(t.db, t.admin.workspaceId, L(2));
      await claim(t.db, other.workspaceId, L(3));
    });

    it('filters on the catalog fields', async () => {
      const cases: [string, number[]][] = [
        ["subscriptionType eq 'CENTRAL_STORAGE'", [2]],
        ["tier in ('FOUNDATION_AP', 'FOUNDATION_VM_BACKUP')", [1, 3, 4]],
        ["productType eq 'SERVICE'", [4]],
        ['quantity ge 20', [2, 3, 4]],
        ["quantity eq '10'", [1]],
        ['isEval eq true', [2]],
        ["status eq 'CANCELLED'", [3]],
        ["status ne 'STARTED'", [3]],
        ["endTime lt '2028-01-01T00:00:00Z'", [1]],
        ["startTime eq '2026-01-01T00:00:00Z'", [1, 2, 3, 4]],
        ['contract eq null', [2, 4]],
        ["contract ne 'C-1'", [2, 3, 4]],
        [`key eq '${L(4)}' or skuDescription eq 'nothing'`, [4]],
      ];
      for (const [filter, expected] of cases) expect(await keys({ filter }), filter).toEqual(expected.map(L));
    });

    it('tells claimed keys and who holds them', async () => {
      expect(await keys({ filter: 'claimed eq true' })).toEqual([L(2), L(3)]);
      expect(await keys({ filter: 'claimed eq false' })).toEqual([L(1), L(4)]);
      expect(await keys({ filter: 'not claimed eq true' })).toEqual([L(1), L(4)]);
      expect(await keys({ filter: `claimedBy eq '${other.workspaceId}'` })).toEqual([L(3)]);
      expect(await keys({ filter: 'claimedBy eq null' })).toEqual([L(1), L(4)]);
      expect(await keys({ filter: `claimedBy ne '${other.workspaceId}'` })).toEqual([L(1), L(2), L(4)]);
      const page = (await list({ filter: `${scope} and claimed eq true` })).json();
      expect(page.items.map((k: { claimedBy: string }) => k.claimedBy)).toEqual([t.admin.workspaceId, other.workspaceId]);
    });

    it('tells which keys an add would claim now, by the server clock: unclaimed, not ended, STARTED', async () => {
      expect(await keys({ filter: 'claimable eq true' })).toEqual([L(1), L(4)]);
      expect(await keys({ filter: 'claimable eq false' })).toEqual([L(2), L(3)]);
      const flags = (await list({ filter: scope })).json().items.map((k: { key: string; claimable: boolean }) => [k.key, k.claimable]);
      expect(flags).toEqual([[L(1), true], [L(2), false], [L(3), false], [L(4), true]]);
      // L(1)'s term ends on 2027-01-01: from then on it is free but no longer claimable.
      const shift = Date.parse('2027-01-01T00:00:01Z') - t.now();
      t.advance(shift);
      try {
        expect(await keys({ filter: 'claimable eq true' })).toEqual([L(4)]);
        expect(await keys({ filter: 'claimed eq false and not claimable eq true' })).toEqual([L(1)]);
        const l1 = (await list({ filter: `key eq '${L(1)}'` })).json().items[0];
        expect(l1).toMatchObject({ claimedBy: null, claimable: false });
      } finally {
        t.advance(-shift);
      }
    });

    it('sorts by a comma list of fields, the key breaking ties', async () => {
      expect(await keys({ sort: 'quantity desc' })).toEqual([L(2), L(3), L(4), L(1)]);
      expect(await keys({ sort: 'quantity desc, key desc' })).toEqual([L(2), L(4), L(3), L(1)]);
      expect(await keys({ sort: 'endTime desc' })).toEqual([L(3), L(2), L(4), L(1)]);
      expect(await keys({ sort: 'claimedBy asc', filter: 'claimed eq true' })).toEqual(
        [[t.admin.workspaceId, L(2)], [other.workspaceId, L(3)]].sort().map(([, k]) => k),
      );
      for (const sort of ['secret', 'key up', 'claimed']) {
        const res = await list({ sort });
        expect(res.statusCode, sort).toBe(400);
        expect(issuesOf(res)[0]).toMatchObject({ source: 'query.parameter', subject: 'sort' });
      }
    });

    it('pages with limit (0..1000, default 100) and offset', async () => {
      const page = (await list({ filter: scope, limit: 2, offset: 1 })).json();
      expect(page).toMatchObject({ count: 2, offset: 1, total: 4 });
      expect(page.items.map((k: { key: string }) => k.key)).toEqual([L(2), L(3)]);
      expect((await list({ filter: scope, limit: 0 })).json()).toEqual({ items: [], count: 0, offset: 0, total: 4 });
      const all = (await list()).json();
      expect(all.count).toBe(100);
      expect(all.total).toBeGreaterThan(1000);
      expect((await list({ limit: 1000 })).json().count).toBe(1000);
      for (const [name, value] of [['limit', 1001], ['limit', -1], ['offset', -1]] as const) {
        const res = await list({ [name]: value });
        expect(res.statusCode).toBe(400);
        expect(issuesOf(res)[0]).toMatchObject({ source: 'query.parameter', subject: name });
      }
    });

    it('refuses a filter on an unknown field or with a mistyped value, naming filter', async () => {
      for (const filter of ["workspaceId eq 'x'", "quantity eq 'ten'", "claimed eq 'maybe'", "endTime gt 'soon'"]) {
        const res = await list({ filter });
        expect(res.statusCode, filter).toBe(400);
        expect(issuesOf(res)[0], filter).toMatchObject({ source: 'query.parameter', subject: 'filter' });
      }
    });
  });
});
