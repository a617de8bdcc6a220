/**
 * The metering demo: a catalog in the shape of the seed's GreenLake rows (CU-priced VM SKUs divided
 * by 30, HPE GreenLake as provider, publisher and invoice issuer), resources tied to demo devices,
 * and hourly usage for the days asked. Deterministic for a seed and an end day.
 */
import type { MeterAggregation } from '../modules/metering/catalog/meters.enums.js';
import type { PriceBand } from '../modules/metering/catalog/price-bands.js';
import type { StoredEvent } from '../modules/metering/ingest/ingest.repository.js';
import { DAY_MS, dayText, utcDate, utcMs } from '../platform/formats/index.js';
import { TEST_BILLING_ACCOUNT } from './billing-accounts.demo.js';
import { Prng } from './prng.js';

export const DEFAULT_USAGE_DAYS = 90;
export const DEFAULT_METERED_RESOURCES = 24;
export const MAX_METERED_RESOURCES = 100_000;
export const DEMO_EVENT_SOURCE = 'urn:consumo:demo';
export const DEMO_COMMITMENT_ID = 'FLEX-CAPACITY-0001';

const HOUR_MS = 3_600_000;

export interface DemoMeter {
  id: string;
  eventType: string;
  valueProperty: string | null;
  aggregation: MeterAggregation;
  consumedUnit: string;
}

export const DEMO_METERS: readonly DemoMeter[] = [
  { id: 'esxi-cu', eventType: 'com.hpe.greenlake.vm.esxi.cu', valueProperty: '$.cu', aggregation: 'SUM', consumedUnit: 'CUs' },
  { id: 'sql-cu', eventType: 'com.hpe.greenlake.vm.sql.cu', valueProperty: '$.cu', aggregation: 'SUM', consumedUnit: 'CUs' },
  { id: 'block-storage', eventType: 'com.hpe.greenlake.storage.used', valueProperty: '$.usedGiB', aggregation: 'TIME_WEIGHTED_SUM', consumedUnit: 'GiB-Hours' },
  { id: 'backup-jobs', eventType: 'com.hpe.greenlake.backup.job', valueProperty: null, aggregation: 'COUNT', consumedUnit: 'Count' },
];

export interface DemoPrice {
  skuId: string;
  meterId: string;
  chargeDescription: string;
  pricingUnit: string;
  pricingQuantityDivisor: string;
  listUnitPrice: string;
  effectiveFrom: Date;
  effectiveTo: Date | null;
  bands: PriceBand[] | null;
}

export interface DemoResource {
  id: string;
  kind: 'esxi' | 'sql' | 'volume' | 'backup';
  name: string;
  resourceType: string;
  serviceName: string;
  serviceCategory: string;
  serviceSubcategory: string;
  deviceId: string | null;
  tags: Record<string, string>;
}

/** A demo event is stored as any ingested one is. */
export type DemoEvent = StoredEvent;

export interface MeteringDemoOptions {
  seed?: string;
  usageDays?: number;
  resources?: number;
  /** Usage runs up to this instant (default: now); the last day is this instant's UTC day. */
  until?: Date;
  /** Demo devices to tie resources to, in order; resources beyond them have none. */
  deviceIds?: readonly string[];
}

export interface MeteringDemo {
  billingAccountId: string;
  meters: readonly DemoMeter[];
  prices: DemoPrice[];
  contractedPrices: { skuId: string; unitPrice: string; effectiveFrom: Date }[];
  commitment: { id: string; skuId: string; committedQuantity: string; minimumQuantity: string; effectiveFrom: Date };
  resources: DemoResource[];
  /** First day with usage and the day after the last, 'YYYY-MM-DD'. */
  from: string;
  to: string;
  eventCount: number;
  /** Usage one day at a time, so a large demo is never held in memory. */
  eventsByDay(): Generator<DemoEvent[], void, undefined>;
}

const KINDS: readonly DemoResource['kind'][] = ['esxi', 'esxi', 'esxi', 'esxi', 'esxi', 'sql', 'volume', 'backup'];
const TEAMS = ['core', 'data', 'web', 'platform'];
const BACKUP_HOURS: readonly number[] = [1, 13];
const ENVIRONMENTS = ['prod', 'prod', 'staging', 'dev'];

function pad(n: number): string {
  return String(n).padStart(5, '0');
}

function resourceOf(kind: DemoResource['kind'], index: number, deviceId: string | null, prng: Prng): DemoResource {
  const tags = { environment: ENVIRONMENTS[prng.int(0, ENVIRONMENTS.length - 1)]!, team: TEAMS[prng.int(0, TEAMS.length - 1)]! };
  const n = pad(index + 1);
  switch (kind) {
    case 'esxi':
      return { id: `foo.org-vm-${n}`, kind, name: `foo.org-vm-${n}`, resourceType: 'VM', serviceName: 'VM', serviceCategory: 'Compute', serviceSubcategory: 'Virtual Machines', deviceId, tags };
    case 'sql':
      return { id: `foo.org-sql-${n}`, kind, name: `foo.org-sql-${n}`, resourceType: 'VM', serviceName: 'VM', serviceCategory: 'Compute', serviceSubcategory: 'Virtual Machines', deviceId, tags };
    case 'volume':
      return { id: `foo.org-vol-${n}`, kind, name: `foo.org-vol-${n}`, resourceType: 'Volume', serviceName: 'Block Storage', serviceCategory: 'Storage', serviceSubcategory: 'Block Storage', deviceId, tags };
    case 'backup':
      return { id: `foo.org-backup-${n}`, kind, name: `foo.org-backup-${n}`, resourceType: 'Backup Policy', serviceName: 'Backup', serviceCategory: 'Storage', serviceSubcategory: 'Backup Storage', deviceId: null, tags };
  }
}

const meterOf: Record<DemoResource['kind'], string> = { esxi: 'esxi-cu', sql: 'sql-cu', volume: 'block-storage', backup: 'backup-jobs' };

/** Ten decimals, written as text: what a collector would send, and exact in `numeric`. */
function decimal(value: number): string {
  return value.toFixed(10);
}

export function createMeteringDemo(options: MeteringDemoOptions = {}): MeteringDemo {
  const seed = options.seed ?? 'consumo-demo';
  const usageDays = options.usageDays ?? DEFAULT_USAGE_DAYS;
  const count = options.resources ?? DEFAULT_METERED_RESOURCES;
  if (!Number.isInteger(usageDays) || usageDays < 1 || usageDays > 3650) throw new RangeError(`usageDays must be a whole number in 1..3650, got ${usageDays}`);
  if (!Number.isInteger(count) || count < 1 || count > MAX_METERED_RESOURCES) {
    throw new RangeError(`resources must be a whole number in 1..${MAX_METERED_RESOURCES}, got ${count}`);
  }
  const until = options.until ?? new Date();
  const lastDay = utcMs(until.getUTCFullYear(), until.getUTCMonth(), until.getUTCDate());
  const firstDay = lastDay - (usageDays - 1) * DAY_MS;
  const from = dayText(firstDay);
  const to = dayText(lastDay + DAY_MS);
  const base = new Prng(`${seed}:metering`);
  const tagPrng = base.derive('tags');
  const deviceIds = options.deviceIds ?? [];
  const resources = Array.from({ length: count }, (_, i) => resourceOf(KINDS[i % KINDS.length]!, i, deviceIds[i] ?? null, tagPrng));

  const catalogStart = utcDate(2025, 0, 1);
  // The storage price drops 60 days before the end: a second version, so re-rating shows both.
  const storageChange = new Date(lastDay - 60 * DAY_MS);
  const prices: DemoPrice[] = [
    { skuId: 'VM20_000000-0000-0000-0000-000000000012', meterId: 'esxi-cu', chargeDescription: '0.9 CUs Synergy 480 Gen10 #1 (ESXI Hosts)', pricingUnit: 'CUs', pricingQuantityDivisor: '30', listUnitPrice: '0.9', effectiveFrom: catalogStart, effectiveTo: null, bands: null },
    { skuId: 'VM20_000000-0000-0000-0000-000000000013', meterId: 'sql-cu', chargeDescription: '1.39 CUs SQL special configuration', pricingUnit: 'CUs', pricingQuantityDivisor: '30', listUnitPrice: '1.39', effectiveFrom: catalogStart, effectiveTo: null, bands: null },
    { skuId: 'STO10_BLOCK-GIB-HOUR', meterId: 'block-storage', chargeDescription: 'Block storage, GiB-hours (graduated)', pricingUnit: 'GiB-Hours', pricingQuantityDivisor: '1', listUnitPrice: '0.00014', effectiveFrom: catalogStart, effectiveTo: storageChange, bands: [{ upTo: '50000', unitPrice: '0.00014' }, { upTo: null, unitPrice: '0.0001' }] },
    { skuId: 'STO10_BLOCK-GIB-HOUR', meterId: 'block-storage', chargeDescription: 'Block storage, GiB-hours (graduated)', pricingUnit: 'GiB-Hours', pricingQuantityDivisor: '1', listUnitPrice: '0.00012', effectiveFrom: storageChange, effectiveTo: null, bands: [{ upTo: '50000', unitPrice: '0.00012' }, { upTo: null, unitPrice: '0.00009' }] },
    { skuId: 'BKP01_BACKUP-JOB', meterId: 'backup-jobs', chargeDescription: 'Backup job', pricingUnit: 'Count', pricingQuantityDivisor: '1', listUnitPrice: '0.05', effectiveFrom: catalogStart, effectiveTo: null, bands: null },
  ];
  const esxiPerDay = resources.filter((r) => r.kind === 'esxi').length * 14.4;

  const hourStarts = (hoursOfDay: readonly number[]) => {
    let n = 0;
    for (let d = 0; d < usageDays; d++) for (const h of hoursOfDay) if (firstDay + d * DAY_MS + h * HOUR_MS < until.getTime()) n++;
    return n;
  };
  const hourly = hourStarts(Array.from({ length: 24 }, (_, h) => h));
  const backups = hourStarts(BACKUP_HOURS);
  const eventCount = resources.reduce((n, r) => n + (r.kind === 'backup' ? backups : hourly), 0);

  function* eventsByDay(): Generator<DemoEvent[], void, undefined> {
    const usage = base.derive('usage');
    for (let d = 0; d < usageDays; d++) {
      const dayStart = firstDay + d * DAY_MS;
      const batch: DemoEvent[] = [];
      for (const r of resources) {
        const meterId = meterOf[r.kind];
        const level = 400 + usage.int(0, 4000);
        for (let h = 0; h < 24; h++) {
          const time = new Date(dayStart + h * HOUR_MS);
          if (time.getTime() >= until.getTime()) break;
          let value: string;
          let data: Record<string, unknown>;
          if (r.kind === 'backup') {
            if (!BACKUP_HOURS.includes(h)) continue;
            value = '1';
            data = { policy: 'nightly', result: 'OK' };
          } else if (r.kind === 'volume') {
            const used = level + h * 3;
            value = String(used);
            data = { usedGiB: used };
          } else {
            const cu = r.kind === 'esxi' ? 0.2 + usage.float() * 0.8 : 4 + usage.float() * 2;
            value = decimal(cu);
            data = { cu: value };
          }
          batch.push({ source: DEMO_EVENT_SOURCE, id: `${r.id}:${meterId}:${time.toISOString()}`, meterId, subject: r.id, time, value, data: JSON.stringify(data) });
        }
      }
      yield batch;
    }
  }

  return {
    billingAccountId: TEST_BILLING_ACCOUNT.id,
    meters: DEMO_METERS,
    prices,
    contractedPrices: [{ skuId: 'VM20_000000-0000-0000-0000-000000000012', unitPrice: '0.85', effectiveFrom: catalogStart }],
    commitment: {
      id: DEMO_COMMITMENT_ID,
      skuId: 'VM20_000000-0000-0000-0000-000000000012',
      // A little above the fleet's average day, so quiet days show a shortfall row.
      committedQuantity: String(Math.ceil(esxiPerDay * 1.02)),
      minimumQuantity: String(Math.ceil(esxiPerDay * 0.9)),
      effectiveFrom: catalogStart,
    },
    resources,
    from,
    to,
    eventCount,
    eventsByDay,
  };
}
