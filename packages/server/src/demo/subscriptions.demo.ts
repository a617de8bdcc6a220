/**
 * Demo subscription keys for one workspace — claimed, free and expired — generated batch by batch
 * from a seed, so 100,000 of them never sit in memory at once and the same seed gives the same keys.
 */
import type { NewCatalogKey } from '../modules/subscriptions/key-catalog/key-catalog.repository.js';
import type { ProductType, SubscriptionType, Tier } from '../modules/subscriptions/subscriptions.enums.js';
import { DAY_MS, utcMs } from '../platform/formats/index.js';
import { Permutation, Prng, hash128 } from './prng.js';
import { checkBatchSize } from './seeding.js';

export const DEFAULT_DEMO_CLAIMED = 24;
export const DEFAULT_DEMO_FREE = 12;
export const DEFAULT_DEMO_EXPIRED = 6;
/** Per kind; bounded only to catch a mistyped count before it runs for hours. */
export const MAX_DEMO_SUBSCRIPTION_KEYS = 10_000_000;
/** The order class of every demo key: with the workspace's key prefix, what re-seeding deletes. */
export const DEMO_ORDER_CLASS = 'DEMO';
export const DEMO_KEY_LENGTH = 15;
const PREFIX_LENGTH = 5;

export type DemoKeyKind = 'claimed' | 'free' | 'expired';

/** A demo key is issued as an imported one is: a row of the key catalog (`created_at`: when the provider issued it). */
export interface DemoSubscriptionKey extends NewCatalogKey {
  subscription_type: SubscriptionType;
  tier: Tier;
  product_type: ProductType;
  provider_status: 'STARTED' | 'SUSPENDED';
}

/** A claimed key: the workspace's subscription row. */
export interface DemoSubscription {
  id: string;
  key: DemoSubscriptionKey;
  generation: number;
  /** When the workspace claimed the key. */
  createdAt: Date;
  updatedAt: Date;
  availableQuantity: number;
  tags: Record<string, string>;
}

interface Product {
  subscriptionType: SubscriptionType;
  tier: Tier;
  tierDescription: string;
  productType: ProductType;
  /** The SKU of the 1-, 3- and 5-year term, shaped like HPE part numbers (made up). */
  skus: readonly [string, string, string];
  description: (years: number) => string;
  quantity: readonly [number, number];
  weight: number;
}

const YEARS = [1, 3, 5] as const;
const TERM_WEIGHTS: readonly (readonly [number, number])[] = [[0, 30], [1, 50], [2, 20]];

// Subscription type, tier and product type as they go together on GreenLake.
const PRODUCTS: readonly Product[] = [
  { subscriptionType: 'CENTRAL_AP', tier: 'FOUNDATION_AP', tierDescription: 'Foundation AP', productType: 'DEVICE', skus: ['Q9Y58AAE', 'Q9Y59AAE', 'Q9Y60AAE'], description: (y) => `Aruba Central AP Foundation ${y} Year Subscription E-STU`, quantity: [10, 500], weight: 20 },
  { subscriptionType: 'CENTRAL_AP', tier: 'ADVANCED_AP', tierDescription: 'Advanced AP', productType: 'DEVICE', skus: ['Q9Y61AAE', 'Q9Y62AAE', 'Q9Y63AAE'], description: (y) => `Aruba Central AP Advanced ${y} Year Subscription E-STU`, quantity: [10, 300], weight: 10 },
  { subscriptionType: 'CENTRAL_SWITCH', tier: 'FOUNDATION_SWITCH_6200', tierDescription: 'Foundation Switch 6200', productType: 'DEVICE', skus: ['R3K00AAE', 'R3K01AAE', 'R3K02AAE'], description: (y) => `Aruba Central 62xx/29xx Switch Foundation ${y} Year Subscription E-STU`, quantity: [4, 120], weight: 10 },
  { subscriptionType: 'CENTRAL_SWITCH', tier: 'ADVANCED_SWITCH_6300', tierDescription: 'Advanced Switch 6300', productType: 'DEVICE', skus: ['R3K06AAE', 'R3K07AAE', 'R3K08AAE'], description: (y) => `Aruba Central 63xx/38xx Switch Advanced ${y} Year Subscription E-STU`, quantity: [2, 60], weight: 6 },
  { subscriptionType: 'CENTRAL_SWITCH', tier: 'FOUNDATION_SWITCH_8XXX_9XXX_10XXX', tierDescription: 'Foundation Switch 8xxx/9xxx/10xxx', productType: 'DEVICE', skus: ['R8V44AAE', 'R8V45AAE', 'R8V46AAE'], description: (y) => `Aruba Central 8xxx/9xxx/10xxx Switch Foundation ${y} Year Subscription E-STU`, quantity: [1, 16], weight: 3 },
  { subscriptionType: 'CENTRAL_GW', tier: 'FOUNDATION_72XX', tierDescription: 'Foundation 72xx Gateway', productType: 'DEVICE', skus: ['R2V91AAE', 'R2V92AAE', 'R2V93AAE'], description: (y) => `Aruba Central 72xx Gateway Foundation ${y} Year Subscription E-STU`, quantity: [1, 8], weight: 4 },
  { subscriptionType: 'CENTRAL_GW', tier: 'ADVANCE_70XX', tierDescription: 'Advanced 70xx Gateway', productType: 'DEVICE', skus: ['R2V85AAE', 'R2V86AAE', 'R2V87AAE'], description: (y) => `Aruba Central 70xx Gateway Advanced ${y} Year Subscription E-STU`, quantity: [1, 10], weight: 3 },
  { subscriptionType: 'CENTRAL_CONTROLLER', tier: 'FOUNDATION_90XX_SEC', tierDescription: 'Foundation 90xx with Security', productType: 'DEVICE', skus: ['S0B49AAE', 'S0B50AAE', 'S0B51AAE'], description: (y) => `Aruba Central 90xx Gateway Foundation with Security ${y} Year Subscription E-STU`, quantity: [1, 10], weight: 2 },
  { subscriptionType: 'CENTRAL_STORAGE', tier: 'FOUNDATION_ALLETRA', tierDescription: 'Foundation Alletra', productType: 'DEVICE', skus: ['S1R35AAE', 'S1R36AAE', 'S1R37AAE'], description: (y) => `HPE GreenLake for Block Storage Alletra Foundation ${y}-year Subscription E-STU`, quantity: [1, 8], weight: 6 },
  { subscriptionType: 'CENTRAL_STORAGE', tier: 'STANDARD_ALLETRA_4K', tierDescription: 'Standard Alletra 4000', productType: 'DEVICE', skus: ['S3F12AAE', 'S3F13AAE', 'S3F14AAE'], description: (y) => `HPE Alletra Storage Server 4000 Standard ${y}-year Subscription E-STU`, quantity: [1, 6], weight: 3 },
  { subscriptionType: 'CENTRAL_COMPUTE', tier: 'STANDARD_PROLIANT', tierDescription: 'Standard ProLiant', productType: 'DEVICE', skus: ['R7A07AAE', 'R7A08AAE', 'R7A09AAE'], description: (y) => `HPE GreenLake for Compute Ops Management Standard ${y}-year Subscription per Server E-STU`, quantity: [4, 200], weight: 12 },
  { subscriptionType: 'CENTRAL_COMPUTE', tier: 'ENHANCED_PROLIANT', tierDescription: 'Enhanced ProLiant', productType: 'DEVICE', skus: ['S0X60AAE', 'S0X61AAE', 'S0X62AAE'], description: (y) => `HPE GreenLake for Compute Ops Management Enhanced ${y}-year Subscription per Server E-STU`, quantity: [2, 100], weight: 5 },
  { subscriptionType: 'SERVICE', tier: 'FOUNDATION_VM_BACKUP', tierDescription: 'Foundation VM Backup', productType: 'SERVICE', skus: ['S2C30AAE', 'S2C31AAE', 'S2C32AAE'], description: (y) => `HPE GreenLake for Backup and Recovery ${y}-year Subscription per 10 TB E-STU`, quantity: [1, 50], weight: 4 },
  { subscriptionType: 'UXI_SENSOR_CLOUD', tier: 'FOUNDATION_SENSOR_CLOUD', tierDescription: 'Foundation Sensor Cloud', productType: 'DEVICE', skus: ['R9M11AAE', 'R9M12AAE', 'R9M13AAE'], description: (y) => `HPE Aruba Networking UXI Sensor Cloud Foundation ${y} Year Subscription E-STU`, quantity: [2, 40], weight: 3 },
  { subscriptionType: 'OPSRAMP', tier: 'CENTRAL_OPSRAMP_EXTENSION', tierDescription: 'OpsRamp Central Extension', productType: 'SERVICE', skus: ['S4Q20AAE', 'S4Q21AAE', 'S4Q22AAE'], description: (y) => `HPE OpsRamp Central Extension ${y}-year Subscription per 10 Resources E-STU`, quantity: [10, 500], weight: 2 },
  { subscriptionType: 'SUPPORT', tier: 'FOUNDATION_CARE_EMBEDDED', tierDescription: 'Foundation Care Embedded', productType: 'SUPPORT', skus: ['H8QP7E', 'H8QP8E', 'H8QP9E'], description: (y) => `HPE ${y}-year Foundation Care 24x7 Embedded Service`, quantity: [1, 50], weight: 3 },
  { subscriptionType: 'CENTRAL_NW_THIRD_PARTY', tier: 'FOUNDATION_NW_THIRD_PARTY', tierDescription: 'Foundation Third-Party Network Device', productType: 'DEVICE', skus: ['S5J70AAE', 'S5J71AAE', 'S5J72AAE'], description: (y) => `HPE Aruba Networking Central Third-Party Device Foundation ${y} Year Subscription E-STU`, quantity: [5, 100], weight: 2 },
  { subscriptionType: 'PRIVATE_CLOUD_ENTERPRISE', tier: 'PRIVATE_CLOUD_ENTERPRISE', tierDescription: 'Private Cloud Enterprise', productType: 'ON_PREM', skus: ['S6P01AAE', 'S6P02AAE', 'S6P03AAE'], description: (y) => `HPE GreenLake for Private Cloud Enterprise ${y}-year Subscription`, quantity: [1, 4], weight: 1 },
];
const PRODUCT_WEIGHTS = PRODUCTS.map((p) => [p, p.weight] as const);

const END_USERS = [
  'Acme Corporation', 'Globex Industries', 'Initech Systems', 'Umbrella Health', 'Stark Logistics',
  'Wayne Enterprises', 'Cyberdyne Research', 'Soylent Foods', 'Tyrell Manufacturing', 'Hooli Retail',
];

/** Tag concepts, each with the spellings workspaces use (GreenLake keeps the case, compares without it). */
const TAG_CONCEPTS: readonly { spellings: readonly (readonly [string, number])[]; values: readonly string[]; weight: number }[] = [
  { spellings: [['Location', 6], ['location', 3], ['LOCATION', 1]], values: ['San Jose', 'Houston', 'London', 'Frankfurt', 'Singapore', 'Bangalore', 'Sao Paulo', 'Sydney'], weight: 10 },
  { spellings: [['CostCenter', 6], ['costcenter', 2], ['COSTCENTER', 1], ['Cost Center', 1]], values: ['CC-1042', 'CC-2210', 'CC-3307', 'CC-4415', 'CC-5120'], weight: 8 },
  { spellings: [['Environment', 5], ['environment', 4], ['ENV', 1]], values: ['production', 'Production', 'staging', 'lab', 'DR'], weight: 6 },
  { spellings: [['Owner', 5], ['owner', 5]], values: ['network-team', 'storage-ops', 'it.infra@example.com', 'compute-platform'], weight: 5 },
  { spellings: [['Project', 6], ['project', 3], ['PROJECT', 1]], values: ['Campus Refresh 2026', 'DC Migration', 'Branch Rollout', 'Edge Pilot'], weight: 4 },
  { spellings: [['purchase month', 1], ['Purchase Month', 1]], values: ['January 2026', 'April 2026', 'September 2025', 'November 2025'], weight: 2 },
];
const TAG_COUNTS: readonly (readonly [number, number])[] = [[0, 15], [1, 25], [2, 30], [3, 20], [4, 10]];

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford's base 32: no I, L, O or U
const YEAR_DAYS = 365;
const EVAL_DAYS = 90;
/** Each kind draws its keys from its own part of the 50-bit index space, so kinds never collide. */
const KIND_OFFSET: Record<DemoKeyKind, number> = { claimed: 0, free: 2 ** 48, expired: 2 ** 49 };

function base32(value: number, digits: number): string {
  let out = '';
  let n = value;
  for (let i = 0; i < digits; i++) {
    out = ALPHABET[n % 32]! + out;
    n = Math.floor(n / 32);
  }
  return out;
}

/**
 * The first five characters of every demo key of a workspace: a function of the workspace id
 * alone (not of the seed), so re-seeding with another seed still finds the keys to replace.
 */
export function demoKeyPrefix(workspaceId: string): string {
  return base32(hash128(`consumo-subscriptions-demo:${workspaceId}`)[0] >>> 7, PREFIX_LENGTH);
}

const floorDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;
const addYears = (ms: number, years: number) => {
  const d = new Date(ms);
  return utcMs(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate());
};
const digits = (prng: Prng, n: number) => Array.from({ length: n }, () => prng.int(0, 9)).join('');

/** What the keys of one order share: its numbers, its term and (claimed and free keys) its start. */
interface DemoOrder {
  keysLeft: number;
  years: number;
  isEval: boolean;
  startMs: number;
  endMs: number;
  issuedMs: number;
  contract: string;
  quote: string;
  po: string;
  resellerPo: string | null;
}

/** An endless, deterministic stream of one kind of key (and, for claimed keys, their subscriptions). */
class KeyStream {
  readonly #prng: Prng;
  readonly #keys: Permutation;
  #index = 0;
  #order: DemoOrder | undefined;

  constructor(
    readonly kind: DemoKeyKind,
    readonly context: { prefix: string; nowMs: number; endUserName: string; seedStream: Prng },
  ) {
    this.#prng = context.seedStream.derive(kind);
    // Shared by the kinds (each reads its own offset), so their keys are distinct by construction.
    this.#keys = new Permutation(50, context.seedStream.derive('keys'));
  }

  #newOrder(): DemoOrder {
    const p = this.#prng;
    const now = this.context.nowMs;
    const isEval = p.chance(0.04);
    const years = YEARS[p.weightedPick(TERM_WEIGHTS)]!;
    const termDays = isEval ? EVAL_DAYS : years * YEAR_DAYS;
    const end = (start: number) => (isEval ? start + EVAL_DAYS * DAY_MS : addYears(start, years));
    let startMs: number;
    let endMs: number;
    if (this.kind === 'expired') {
      endMs = floorDay(now - p.int(1, 400) * DAY_MS);
      startMs = isEval ? endMs - EVAL_DAYS * DAY_MS : addYears(endMs, -years);
    } else {
      // Started at most a year (claimed) or four months (free) ago, and still running for a day or more.
      const maxAgeDays = Math.min(this.kind === 'claimed' ? 420 : 120, termDays - 2);
      startMs = floorDay(now - p.int(0, maxAgeDays) * DAY_MS);
      endMs = end(startMs);
    }
    const year = new Date(startMs).getUTCFullYear();
    return {
      keysLeft: p.weightedPick([[1, 40], [2, 25], [3, 20], [4, 15]]),
      years,
      isEval,
      startMs,
      endMs,
      issuedMs: startMs - p.int(0, 14 * 24) * 3_600_000,
      contract: `53${digits(p, 8)}`,
      quote: `QUO-${digits(p, 8)}`,
      po: `PO-${year}-${digits(p, 5)}`,
      resellerPo: p.chance(0.5) ? `RPO-${digits(p, 6)}` : null,
    };
  }

  next(): { key: DemoSubscriptionKey; claim: DemoSubscription | undefined } {
    const p = this.#prng;
    if (!this.#order || this.#order.keysLeft === 0) this.#order = this.#newOrder();
    const order = this.#order;
    order.keysLeft--;
    const product = p.weightedPick(PRODUCT_WEIGHTS);
    const termIndex = YEARS.indexOf(order.years as (typeof YEARS)[number]);
    const quantity = order.isEval ? p.int(1, 10) : p.int(product.quantity[0], product.quantity[1]);
    const key: DemoSubscriptionKey = {
      key: this.context.prefix + base32(this.#keys.apply(KIND_OFFSET[this.kind] + this.#index++), DEMO_KEY_LENGTH - PREFIX_LENGTH),
      sku: order.isEval ? `${product.skus[0]}-EVAL` : product.skus[termIndex]!,
      sku_description: order.isEval ? `${product.description(1).replace(/\b1(-| )(Y|y)ear\b/, '90-day')} Evaluation` : product.description(order.years),
      subscription_type: product.subscriptionType,
      tier: product.tier,
      tier_description: product.tierDescription,
      product_type: product.productType,
      quantity,
      is_eval: order.isEval,
      start_time: new Date(order.startMs),
      end_time: new Date(order.endMs),
      provider_status: this.kind === 'claimed' && p.chance(0.03) ? 'SUSPENDED' : 'STARTED',
      contract: order.contract,
      quote: order.quote,
      po: order.po,
      reseller_po: order.resellerPo,
      end_user_name: this.context.endUserName,
      order_class: DEMO_ORDER_CLASS,
      created_at: new Date(order.issuedMs),
    };
    return { key, claim: this.kind === 'claimed' ? this.#claim(key) : undefined };
  }

  #claim(key: DemoSubscriptionKey): DemoSubscription {
    const p = this.#prng;
    const now = this.context.nowMs;
    // Claimed at some moment of the past year, once the term had started.
    const from = Math.max(key.start_time.getTime(), now - YEAR_DAYS * DAY_MS);
    const createdMs = from + Math.floor(p.float() * (now - from));
    const edited = p.chance(0.3);
    const updatedMs = edited ? createdMs + Math.floor(p.float() * (now - createdMs)) : createdMs;
    const tags: Record<string, string> = {};
    const concepts = [...TAG_CONCEPTS];
    for (let n = p.weightedPick(TAG_COUNTS); n > 0; n--) {
      const concept = p.weightedPick(concepts.map((c) => [c, c.weight] as const));
      concepts.splice(concepts.indexOf(concept), 1);
      tags[p.weightedPick(concept.spellings)] = p.pick(concept.values);
    }
    return {
      id: p.uuid(),
      key,
      generation: edited ? 2 : 1,
      createdAt: new Date(createdMs),
      updatedAt: new Date(updatedMs),
      availableQuantity: p.int(0, key.quantity),
      tags,
    };
  }
}

export interface SubscriptionsDemoOptions {
  seed?: string;
  /** The instant the data is relative to; default: today, 00:00 UTC. */
  now?: Date;
  claimed?: number;
  free?: number;
  expired?: number;
}

export interface SubscriptionsDemoData {
  seed: string;
  now: Date;
  prefix: string;
  counts: Record<DemoKeyKind, number>;
  /** Every key — claimed, then free, then expired — in batches; each pass yields the same keys. */
  keys(batchSize: number, skip?: ReadonlySet<string>): Generator<DemoSubscriptionKey[], void, undefined>;
  /** The subscriptions of the claimed keys, in the order `keys` yields those keys. */
  subscriptions(batchSize: number, skip?: ReadonlySet<string>): Generator<DemoSubscription[], void, undefined>;
}

export const DEFAULT_SUBSCRIPTIONS_DEMO_SEED = 'consumo-demo';

/** Today at 00:00 UTC: demo terms then line up on days, and stay the same all day. */
export function startOfToday(): Date {
  return new Date(floorDay(Date.now()));
}

function checkCount(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_DEMO_SUBSCRIPTION_KEYS) {
    throw new RangeError(`${name} must be a whole number in 0..${MAX_DEMO_SUBSCRIPTION_KEYS}, got ${value}`);
  }
  return value;
}

/**
 * The demo data of one workspace for one seed. Keys start with the workspace's prefix
 * (`demoKeyPrefix`) and the rest comes from the seed; `skip` names keys that must not be issued
 * again (another workspace holds them), and the stream moves on to the next key instead.
 */
export function createSubscriptionsDemo(workspaceId: string, options: SubscriptionsDemoOptions = {}): SubscriptionsDemoData {
  const seed = options.seed ?? DEFAULT_SUBSCRIPTIONS_DEMO_SEED;
  const now = options.now ?? startOfToday();
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid date');
  const counts = {
    claimed: checkCount('claimed', options.claimed ?? DEFAULT_DEMO_CLAIMED),
    free: checkCount('free', options.free ?? DEFAULT_DEMO_FREE),
    expired: checkCount('expired', options.expired ?? DEFAULT_DEMO_EXPIRED),
  };
  const prefix = demoKeyPrefix(workspaceId);
  const root = new Prng(`${seed}/subscriptions/${workspaceId}`);
  const context = { prefix, nowMs: now.getTime(), endUserName: root.derive('end-user').pick(END_USERS), seedStream: root };

  function* records(kinds: readonly DemoKeyKind[], skip: ReadonlySet<string> | undefined) {
    for (const kind of kinds) {
      const stream = new KeyStream(kind, context);
      for (let made = 0; made < counts[kind]; ) {
        const record = stream.next();
        if (skip?.has(record.key.key)) continue;
        made++;
        yield record;
      }
    }
  }

  function* batches<T>(items: Iterable<T>, batchSize: number): Generator<T[], void, undefined> {
    checkBatchSize(batchSize);
    let batch: T[] = [];
    for (const item of items) {
      batch.push(item);
      if (batch.length === batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  function* keys(skip?: ReadonlySet<string>) {
    for (const r of records(['claimed', 'free', 'expired'], skip)) yield r.key;
  }
  function* subscriptions(skip?: ReadonlySet<string>) {
    for (const r of records(['claimed'], skip)) yield r.claim!;
  }

  return {
    seed,
    now,
    prefix,
    counts,
    keys: (batchSize, skip) => batches(keys(skip), batchSize),
    subscriptions: (batchSize, skip) => batches(subscriptions(skip), batchSize),
  };
}
