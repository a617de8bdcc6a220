/** Demo Flex orders: SOW ids, customers, channel partners and multi-year terms spread over the billing accounts. */
import { DAY_MS, utcDate } from '../platform/formats/index.js';
import { COUNTRIES, type CountryProfile, type DemoBillingAccount } from './billing-accounts.demo.js';
import { Prng } from './prng.js';

export interface DemoOrder {
  id: string;
  generation: number;
  createdAt: Date;
  updatedAt: Date;
  billingAccountId: string;
  billingAccountName: string;
  sowId: string;
  orderStartDate: Date;
  orderEndDate: Date;
  customerName: string;
  resellerName: string | null;
  distributorName: string | null;
  partnerName: string | null;
  isFlexPartner: boolean | null;
}

const GLOBAL_RESELLERS = ['1st Street Resellers', 'Friendly Reseller LLC'];
const RESELLERS: Readonly<Record<string, readonly string[]>> = {
  AMS: ['Lone Star IT Partners', 'Bayside Systems Group', 'Keystone Datacenter Solutions'],
  APJ: ['Shinsei Systems Integration K.K.', 'Southern Cross Technology Pty Ltd'],
  APUS: ['Golden State Integrators', 'Pacific Rim IT Services'],
  EMEA: ['Nordlicht IT GmbH', 'Thames Valley Solutions Ltd', 'Rive Gauche Informatique SAS'],
};
const DISTRIBUTORS: Readonly<Record<string, readonly string[]>> = {
  AMS: ['Meridian Tech Distribution'],
  APJ: ['Pacific Rim Distribution'],
  APUS: ['Meridian Tech Distribution'],
  EMEA: ['EuroChannel Distribution B.V.'],
};

type Channel = 'direct' | 'reseller' | 'two-tier' | 'distributor';
const CHANNELS: readonly (readonly [Channel, number])[] = [['direct', 20], ['reseller', 30], ['two-tier', 40], ['distributor', 10]];
/** Flex terms in years; three and five dominate. */
const TERMS: readonly (readonly [number, number])[] = [[3, 30], [4, 15], [5, 30], [6, 5], [7, 8], [10, 5]];
const GENERATIONS: readonly (readonly [number, number])[] = [[1, 70], [2, 20], [3, 10]];

/** Orders start at most this many months back, so they never predate their billing account. */
const OLDEST_START_MONTHS = 96;

function firstOfMonth(monthIndex: number): Date {
  return utcDate(Math.floor(monthIndex / 12), monthIndex % 12, 1);
}

function customersOf(account: DemoBillingAccount): string[] {
  if (account.name === 'Test Company') return ['Test Company', 'Some Company Inc.'];
  const others = (COUNTRIES[account.country] as CountryProfile).companies.filter((c) => c !== account.name);
  // Mostly the account holder itself; sometimes a sister company billed to the same account.
  return [account.name, account.name, account.name, ...others.slice(0, 2)];
}

function channelPartners(prng: Prng, region: string, channel: Channel) {
  const resellers = [...GLOBAL_RESELLERS, ...(RESELLERS[region] ?? [])];
  const distributors = ['HPE Distributions', 'HPE Distributions', ...(DISTRIBUTORS[region] ?? [])];
  const reseller = channel === 'reseller' || channel === 'two-tier' ? prng.pick(resellers) : null;
  const distributor = channel === 'distributor' || channel === 'two-tier' ? prng.pick(distributors) : null;
  if (reseller === null && distributor === null) return { reseller, distributor, partner: null, isFlexPartner: prng.chance(0.8) ? false : null };
  // The partner of record is usually one of the channel, now and then another partner or none at all.
  let partner: string | null;
  const roll = prng.float();
  if (roll < 0.08) partner = null;
  else if (roll < 0.2) partner = prng.pick(resellers.filter((r) => r !== reseller));
  else if (reseller !== null && distributor !== null) partner = prng.chance(0.65) ? reseller : distributor;
  else partner = reseller ?? distributor;
  const flex = prng.float();
  return { reseller, distributor, partner, isFlexPartner: flex < 0.7 ? true : flex < 0.9 ? false : null };
}

/**
 * `count` orders over `accounts`. Each account gets at least one order while there are enough to
 * go round; the rest go to accounts at random, the test account favoured so it has a real fleet.
 */
export function generateOrders(seed: string, now: Date, accounts: readonly DemoBillingAccount[], count: number): DemoOrder[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`orders must be a whole number >= 0, got ${count}`);
  if (accounts.length === 0 && count > 0) throw new RangeError('orders need at least one billing account');
  const prng = new Prng(seed).derive('orders');
  const nowMs = Math.floor(now.getTime() / 1000) * 1000;
  const nowMonth = now.getUTCFullYear() * 12 + now.getUTCMonth();
  const accountWeights = accounts.map((a, i) => [a, i === 0 ? 3 : 1] as const);
  let sowNumber = prng.int(11_000_000, 11_500_000);
  const orders: DemoOrder[] = [];
  for (let i = 0; i < count; i++) {
    const account = i < accounts.length ? (accounts[i] as DemoBillingAccount) : prng.weightedPick(accountWeights);
    sowNumber += prng.int(37, 25_000);
    const termYears = prng.weightedPick(TERMS);
    // About one order in six has run its course; the rest are live or start within two months.
    const ended = termYears <= 5 && prng.chance(0.18);
    const startMonth = ended
      ? prng.int(nowMonth - OLDEST_START_MONTHS, nowMonth - termYears * 12 - 1)
      : prng.int(Math.max(nowMonth - termYears * 12 + 1, nowMonth - 72), nowMonth + 2);
    const orderStartDate = firstOfMonth(startMonth);
    const orderEndDate = firstOfMonth(startMonth + termYears * 12);
    const signed = orderStartDate.getTime() - prng.int(7, 90) * DAY_MS - prng.int(0, 86_399) * 1000;
    const createdMs = Math.min(signed, nowMs - prng.int(1, 30) * DAY_MS);
    const generation = prng.weightedPick(GENERATIONS);
    const updatedMs = generation === 1 && prng.chance(0.6) ? createdMs : prng.int(createdMs / 1000 + 1, nowMs / 1000) * 1000;
    const channel = prng.weightedPick(CHANNELS);
    const { reseller, distributor, partner, isFlexPartner } = channelPartners(prng, account.region, channel);
    orders.push({
      id: prng.uuid(),
      generation,
      createdAt: new Date(createdMs),
      updatedAt: new Date(updatedMs),
      billingAccountId: account.id,
      billingAccountName: account.name,
      sowId: `OPE-${String(sowNumber).padStart(10, '0')}`,
      orderStartDate,
      orderEndDate,
      customerName: prng.pick(customersOf(account)),
      resellerName: reseller,
      distributorName: distributor,
      partnerName: partner,
      isFlexPartner,
    });
  }
  return orders;
}
