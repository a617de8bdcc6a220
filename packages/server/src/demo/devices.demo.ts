/** Demo Flex devices, generated batch by batch so a million of them never sit in memory at once. */
import { DAY_MS } from '../platform/formats/index.js';
import { COUNTRIES, type CountryProfile, type DemoBillingAccount } from './billing-accounts.demo.js';
import { DEVICE_TYPES, SERIAL_COUNTRIES, type FlexDeviceType } from './device-catalog.demo.js';
import type { DemoOrder } from './orders.demo.js';
import { Permutation, Prng } from './prng.js';
import { checkBatchSize } from './seeding.js';

export interface DemoDeviceTag {
  name: string;
  value: string;
}

export interface DemoDevice {
  id: string;
  /** Always equal to `id`: HPE's samples show them equal, and Consumo looks devices up by it. */
  resourceId: string;
  generation: number;
  createdAt: Date;
  updatedAt: Date;
  macAddress: string;
  serialNumber: string;
  partNumber: string;
  name: string | null;
  deviceType: FlexDeviceType;
  model: string;
  make: string;
  billingAccountId: string;
  billingAccountName: string;
  billingTier: string | null;
  orderId: string;
  tags: DemoDeviceTag[];
}

export const BILLING_TIERS = ['Foundation', 'Standard', 'Enhanced', 'Premium', 'HPE Distributions'] as const;
const TIER_WEIGHTS: readonly (readonly [string | null, number])[] = [
  ['Foundation', 25], ['Standard', 35], ['Enhanced', 20], ['Premium', 10], ['HPE Distributions', 10], [null, 3],
];
const ENVIRONMENTS: readonly (readonly [string, number])[] = [['prod', 50], ['staging', 15], ['dev', 15], ['test', 10], ['dr', 10]];
const OWNERS = ['platform-team', 'network-ops', 'storage-team', 'data-eng', 'sre', 'it-infra', 'finance-it'];
const APPLICATIONS = ['erp', 'crm', 'vdi', 'analytics', 'web', 'backup', 'payments', 'mes'];
const TAG_COUNTS: readonly (readonly [number, number])[] = [[0, 15], [1, 25], [2, 30], [3, 20], [4, 10]];
const GENERATIONS: readonly (readonly [number, number])[] = [[1, 75], [2, 18], [3, 7]];
const NETWORK_TYPES = new Set<string>(['SWITCH', 'AP', 'GATEWAY', 'CONTROLLER', 'IAP', 'SD_WAN_GW', 'MC', 'BRIDGES', 'NW_THIRD_PARTY', 'LTE_MODEM']);
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));

/** Serial payloads and MACs come from index permutations; this bounds the fleet per workspace. */
export const MAX_DEMO_DEVICES = 2 ** 26;

/** What devices of one order share: share of the fleet, usual tier, sites and cost centres. */
interface OrderProfile {
  order: DemoOrder;
  tier: string | null;
  sites: readonly string[];
  costCenters: readonly string[];
  fromMs: number;
  toMs: number;
}

const TAG_NAMES = ['category', 'env', 'site', 'owner', 'cost-center', 'application'] as const;
type TagName = (typeof TAG_NAMES)[number];

function tagValue(name: TagName, prng: Prng, type: FlexDeviceType, env: string, site: string, profile: OrderProfile): string {
  switch (name) {
    case 'category':
      return categoryOf(type);
    case 'env':
      return env;
    case 'site':
      return site;
    case 'owner':
      return prng.pick(OWNERS);
    case 'cost-center':
      return prng.pick(profile.costCenters);
    case 'application':
      return prng.pick(APPLICATIONS);
  }
}

function categoryOf(type: FlexDeviceType): string {
  if (type === 'COMPUTE' || type === 'DHCI_COMPUTE' || type === 'PCE') return 'compute';
  if (type === 'STORAGE' || type === 'DHCI_STORAGE') return 'storage';
  if (NETWORK_TYPES.has(type)) return 'network';
  return type.endsWith('SAAS') ? 'saas' : 'edge';
}

/** `CN134FD36`: three digits, two letters, two digits — 67.6 million values, more than 2^26. */
function serialPayload(x: number): string {
  const tail = x % 100;
  x = Math.floor(x / 100);
  const letters = x % 676;
  const head = Math.floor(x / 676);
  return `${String(head).padStart(3, '0')}${UPPER[Math.floor(letters / 26)]}${UPPER[letters % 26]}${String(tail).padStart(2, '0')}`;
}

/** 46 permuted bits behind a first byte marked locally administered and unicast, like the sample's CA:…. */
function macAddress(x: number): string {
  const high = Math.floor(x / 2 ** 40); // top 6 bits
  const low = x % 2 ** 40;
  const first = ((high << 2) | 0x02) & 0xff;
  const b1 = Math.floor(low / 2 ** 32) & 0xff;
  const rest = low % 2 ** 32;
  return `${HEX[first]}:${HEX[b1]}:${HEX[rest >>> 24]}:${HEX[(rest >>> 16) & 0xff]}:${HEX[(rest >>> 8) & 0xff]}:${HEX[rest & 0xff]}`;
}

function profilesOf(prng: Prng, orders: readonly DemoOrder[], accounts: readonly DemoBillingAccount[], nowMs: number) {
  const countryOf = new Map(accounts.map((a) => [a.id, a.country]));
  const profiles: OrderProfile[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const order of orders) {
    const country = COUNTRIES[countryOf.get(order.billingAccountId) ?? 'USA'] as CountryProfile;
    const sites = [prng.pick(country.sites), prng.pick(country.sites), prng.pick(country.sites)];
    const costCenters = [0, 1, 2].map(() => `CC-${prng.int(1000, 9899)}`);
    const ended = order.orderEndDate.getTime() <= nowMs;
    // A few large orders and many small ones; orders that ended keep a smaller leftover fleet.
    const weight = (1 + prng.int(0, 9) * prng.int(0, 3)) * (ended ? 0.3 : 1);
    total += weight;
    cumulative.push(total);
    const fromMs = Math.min(order.createdAt.getTime() + DAY_MS, nowMs);
    const toMs = Math.max(fromMs, Math.min(order.orderEndDate.getTime(), nowMs));
    profiles.push({ order, tier: prng.weightedPick(TIER_WEIGHTS), sites, costCenters, fromMs, toMs });
  }
  return { profiles, cumulative, total };
}

/** Binary search over cumulative order weights: orders may number in the thousands. */
function pickWeighted(r: number, cumulative: readonly number[]): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (r < (cumulative[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export interface GenerateDevicesOptions {
  /** Devices per yielded batch (default 5,000). */
  batchSize?: number;
}

/**
 * Yields `count` devices in batches. Device k is the same whatever `count` or the batch size, so
 * a small demo is a prefix of a large one. The first device of each order comes first (device k
 * belongs to order k while k < orders), so no order is left without a device. Serial numbers and
 * MACs are keyed permutations of k, hence unique without remembering the ones already issued.
 */
export function* generateDevices(
  seed: string,
  now: Date,
  accounts: readonly DemoBillingAccount[],
  orders: readonly DemoOrder[],
  count: number,
  options: GenerateDevicesOptions = {},
): Generator<DemoDevice[], void, undefined> {
  if (!Number.isInteger(count) || count < 0 || count > MAX_DEMO_DEVICES) {
    throw new RangeError(`devices must be a whole number in 0..${MAX_DEMO_DEVICES}, got ${count}`);
  }
  if (count > 0 && orders.length === 0) throw new RangeError('devices need at least one order');
  const batchSize = checkBatchSize(options.batchSize ?? 5000);
  const root = new Prng(seed);
  const prng = root.derive('devices');
  const serials = new Permutation(26, root.derive('serial-numbers'));
  const macs = new Permutation(46, root.derive('mac-addresses'));
  const nowMs = Math.floor(now.getTime() / 1000) * 1000;
  const { profiles, cumulative, total } = profilesOf(root.derive('order-profiles'), orders, accounts, nowMs);

  let batch: DemoDevice[] = [];
  for (let k = 0; k < count; k++) {
    const profile = profiles[k < profiles.length ? k : pickWeighted(prng.float() * total, cumulative)] as OrderProfile;
    const { order } = profile;
    const kind = prng.weightedPick(DEVICE_TYPES);
    const spec = prng.weightedPick(kind.models);
    const env = prng.weightedPick(ENVIRONMENTS);
    const site = prng.pick(profile.sites);
    const id = prng.uuid();
    const prefix = NETWORK_TYPES.has(kind.type) ? site : env;
    const name = prng.chance(0.8) ? `${prefix}-${prng.pick(kind.roles)}-${String(prng.int(1, 999)).padStart(3, '0')}` : null;
    const country = prng.weightedPick(SERIAL_COUNTRIES[spec.make] ?? SERIAL_COUNTRIES.default ?? []);
    const generation = prng.weightedPick(GENERATIONS);
    const createdMs = profile.fromMs + prng.int(0, (profile.toMs - profile.fromMs) / 1000) * 1000;
    const updatedMs =
      generation === 1 && prng.chance(0.5) ? createdMs : createdMs + prng.int(0, (nowMs - createdMs) / 1000) * 1000;
    const tagCount = prng.weightedPick(TAG_COUNTS);
    const tags: DemoDeviceTag[] = [];
    // A partial Fisher-Yates shuffle: tagCount distinct tag names in random order.
    const names = [...TAG_NAMES];
    for (let t = 0; t < tagCount; t++) {
      const j = prng.int(t, names.length - 1);
      const tagName = names[j] as TagName;
      names[j] = names[t] as TagName;
      tags.push({ name: tagName, value: tagValue(tagName, prng, kind.type, env, site, profile) });
    }
    batch.push({
      id,
      resourceId: id,
      generation,
      createdAt: new Date(createdMs),
      updatedAt: new Date(updatedMs),
      macAddress: macAddress(macs.apply(k)),
      serialNumber: country + serialPayload(serials.apply(k)),
      partNumber: prng.pick(spec.partNumbers),
      name,
      deviceType: kind.type,
      model: spec.model,
      make: spec.make,
      billingAccountId: order.billingAccountId,
      billingAccountName: order.billingAccountName,
      billingTier: prng.chance(0.85) ? profile.tier : prng.weightedPick(TIER_WEIGHTS),
      orderId: order.id,
      tags,
    });
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
