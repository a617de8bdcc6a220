/** Demo billing accounts: the fixed test account plus one plausible account per HPE sales region and currency. */
import { DAY_MS } from '../platform/formats/index.js';
import { Prng } from './prng.js';

export interface DemoBillingAccount {
  id: string;
  name: string;
  currency: string;
  /** HPE sales region, the second part of the id (AMS, APJ, APUS, EMEA). */
  region: string;
  /** The id's country part; drives site codes, customers and partners of the account's orders. */
  country: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Always present, whatever the seed: integrators' tests look for it by id. */
export const TEST_BILLING_ACCOUNT = { id: 'HP-AMS-999-USA-99999', name: 'Test Company', currency: 'USD' } as const;

export interface CountryProfile {
  region: string;
  country: string;
  currency: string;
  /** Fictional companies: account holders and the customers on their orders. */
  companies: readonly string[];
  /** Site codes used in device names and `site` tags. */
  sites: readonly string[];
}

export const COUNTRIES: Readonly<Record<string, CountryProfile>> = {
  USA: {
    region: 'AMS', country: 'USA', currency: 'USD',
    companies: [
      'Summit Health Systems Inc.', 'Great Lakes Credit Union', 'Redwood Analytics Corp.', 'Lone Peak Energy LLC',
      'Harbor Freight Logistics Inc.', 'Bluebonnet Insurance Group', 'Cascade Biotech Inc.', 'Some Company Inc.',
    ],
    sites: ['nyc', 'chi', 'dfw', 'sfo', 'atl', 'hou', 'sea'],
  },
  CAN: {
    region: 'AMS', country: 'CAN', currency: 'USD',
    companies: ['Maple Leaf Telecom Ltd.', 'Northern Lights Mining Corp.', 'Laurentian Financial Inc.'],
    sites: ['tor', 'yvr', 'yul'],
  },
  JPN: {
    region: 'APJ', country: 'JPN', currency: 'JPY',
    companies: ['Sakura Denki K.K.', 'Hoshino Logistics Co., Ltd.', 'Kansai Precision Industries', 'Asahi Cloud Services K.K.'],
    sites: ['tyo', 'osa', 'ngo', 'fuk'],
  },
  AUS: {
    region: 'APJ', country: 'AUS', currency: 'USD',
    companies: ['Southern Cross Health Pty Ltd', 'Coral Coast Resources Ltd', 'Wattle Financial Group'],
    sites: ['syd', 'mel', 'bne', 'per'],
  },
  EN: {
    region: 'APUS', country: 'EN', currency: 'USD',
    companies: ['Pacific Crest Media Group', 'Keystone Retail Partners', 'Golden Gate Research Labs'],
    sites: ['sjc', 'lax', 'sin', 'hkg'],
  },
  GBR: {
    region: 'EMEA', country: 'GBR', currency: 'GBP',
    companies: ['Albion Retail plc', 'Thames Gateway Water Ltd', 'Pennine Building Society', 'Caledonia Energy plc'],
    sites: ['lon', 'man', 'edi', 'bhx'],
  },
  DEU: {
    region: 'EMEA', country: 'DEU', currency: 'EUR',
    companies: ['Rheinland Maschinenbau GmbH', 'Hanse Logistik AG', 'Bayerische Kliniken Verbund', 'Nordwind Energie GmbH'],
    sites: ['fra', 'muc', 'ham', 'ber'],
  },
  FRA: {
    region: 'EMEA', country: 'FRA', currency: 'EUR',
    companies: ['Lumière Santé SA', 'Banque du Rhône', 'Atlantique Transports SAS'],
    sites: ['par', 'lyo', 'mrs'],
  },
  NLD: {
    region: 'EMEA', country: 'NLD', currency: 'EUR',
    companies: ['Van der Berg Logistiek B.V.', 'Polder Data Centers B.V.'],
    sites: ['ams', 'rtm'],
  },
};

/** One account per slot: every region and every currency appears whatever the seed. */
const SLOTS: readonly (readonly string[])[] = [['JPN'], ['EN'], ['GBR'], ['DEU', 'FRA', 'NLD'], ['USA', 'CAN'], ['AUS'], ['DEU', 'FRA', 'NLD']];

/**
 * Billing accounts depend on the seed and `now` only — never on how many orders or devices are
 * asked for — so metering, rating and exports can regenerate the same accounts from the seed.
 */
export function generateBillingAccounts(seed: string, now: Date): DemoBillingAccount[] {
  const prng = new Prng(seed).derive('billing-accounts');
  const nowMs = Math.floor(now.getTime() / 1000) * 1000;
  // Whole seconds: the API renders times without fractions, as HPE's samples do.
  const since = (minDays: number, maxDays: number) =>
    new Date(nowMs - prng.int(minDays, maxDays) * DAY_MS - prng.int(0, 86_399) * 1000);
  const testCreated = since(3300, 3650);
  const accounts: DemoBillingAccount[] = [
    { ...TEST_BILLING_ACCOUNT, region: 'AMS', country: 'USA', createdAt: testCreated, updatedAt: testCreated },
  ];
  const usedIds = new Set<string>([TEST_BILLING_ACCOUNT.id]);
  const usedNames = new Set<string>([TEST_BILLING_ACCOUNT.name, 'Some Company Inc.']);
  for (const slot of SLOTS) {
    const profile = COUNTRIES[prng.pick(slot)] as CountryProfile;
    const names = profile.companies.filter((c) => !usedNames.has(c));
    const name = names.length > 0 ? prng.pick(names) : `${prng.pick(profile.companies)} ${accounts.length}`;
    usedNames.add(name);
    let id: string;
    do {
      const branch = String(prng.int(100, 999));
      id = `HP-${profile.region}-${branch}-${profile.country}-${String(prng.int(100, 99_999)).padStart(5, '0')}`;
    } while (usedIds.has(id));
    usedIds.add(id);
    // Accounts predate every order (orders start at most eight years back).
    const createdAt = since(3000, 3650);
    const updatedAt = prng.chance(0.5) ? createdAt : new Date(createdAt.getTime() + prng.int(1, 2900) * DAY_MS);
    accounts.push({ id, name, currency: profile.currency, region: profile.region, country: profile.country, createdAt, updatedAt });
  }
  return accounts;
}
