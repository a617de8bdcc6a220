/**
 * The VMware Cloud Partner Navigator demo: a provider's three tenant organizations, each with its
 * own billing account, VMware services as metered resources, a price book of VMware-style SKUs and
 * hourly usage for the days asked. Coke commits to five VMware Cloud on AWS i3 hosts a day (a
 * contracted rate, and a shortfall on quiet weekends); Globex Research bills on an anniversary date.
 * Deterministic for an end instant; only the tenants' ids depend on the provider's.
 */
import { createHash } from 'node:crypto';
import { DAY_MS, dayText, utcDate, utcMs } from '../platform/formats/index.js';
import { dashedWorkspaceId } from '../platform/tenancy/ids.js';
import type { DemoEvent, DemoMeter } from './metering.demo.js';
import type { SeedCatalog, SeedPrice, SeedResource, SeedUsage } from './metering-seeding.js';
import { Prng } from './prng.js';

export const NAVIGATOR_DEMO_DAYS = 90;
export const NAVIGATOR_DEMO_EVENT_SOURCE = 'urn:consumo:demo:navigator';
/** Coke's committed capacity on the i3 host SKU. */
export const NAVIGATOR_COMMITMENT_ID = 'VMC-AWS-I3-1Y-COMMIT-0001';

const HOUR_MS = 3_600_000;

export const NAVIGATOR_METERS: readonly DemoMeter[] = [
  { id: 'vmc-i3-host-hours', eventType: 'com.vmware.vmc.host.i3.usage', valueProperty: '$.hosts', aggregation: 'SUM', consumedUnit: 'Hours' },
  { id: 'vmc-i3en-host-hours', eventType: 'com.vmware.vmc.host.i3en.usage', valueProperty: '$.hosts', aggregation: 'SUM', consumedUnit: 'Hours' },
  { id: 'lint-ingest-gb', eventType: 'com.vmware.log-intelligence.ingest', valueProperty: '$.ingestedGB', aggregation: 'SUM', consumedUnit: 'GB' },
  { id: 'cds-vcpu-hours', eventType: 'com.vmware.cloud-director.vcpu.usage', valueProperty: '$.vcpus', aggregation: 'SUM', consumedUnit: 'vCPU-Hours' },
  { id: 'nsx-alb-se-core-hours', eventType: 'com.vmware.nsx-alb.service-engine.usage', valueProperty: '$.cores', aggregation: 'SUM', consumedUnit: 'Core-Hours' },
];

const CATALOG_START = utcDate(2025, 0, 1);
const VMWARE = { publisherName: 'VMware', providerName: 'VMware', invoiceIssuerName: 'VMware', currency: 'USD' } as const;

/** Every tenant's price book: one SKU per meter, in USD per hour, GB or core-hour. */
export const NAVIGATOR_PRICES: readonly SeedPrice[] = [
  ['VMC-AWS-I3-HOST-OD', 'vmc-i3-host-hours', 'VMware Cloud on AWS i3.metal host, on demand', 'Hours', '8.3681'],
  ['VMC-AWS-I3EN-HOST-OD', 'vmc-i3en-host-hours', 'VMware Cloud on AWS i3en.metal host, on demand', 'Hours', '13.0062'],
  ['LINT-GB-INGEST', 'lint-ingest-gb', 'VMware Log Intelligence, log data ingested', 'GB', '0.27'],
  ['CDS-VCPU-HR', 'cds-vcpu-hours', 'VMware Cloud Director service, vCPU-hour', 'vCPU-Hours', '0.0125'],
  ['NSX-ALB-SE-CORE-HR', 'nsx-alb-se-core-hours', 'VMware NSX Advanced Load Balancer service engine, core-hour', 'Core-Hours', '0.0685'],
].map(([skuId, meterId, chargeDescription, pricingUnit, listUnitPrice]) => ({
  skuId: skuId!,
  meterId: meterId!,
  chargeDescription: chargeDescription!,
  pricingUnit: pricingUnit!,
  pricingQuantityDivisor: '1',
  listUnitPrice: listUnitPrice!,
  effectiveFrom: CATALOG_START,
  effectiveTo: null,
  bands: null,
  ...VMWARE,
}));

type ServiceKey = 'vmc' | 'lint' | 'cds' | 'alb';

/** The FOCUS service of each VMware service (ServiceCategory and a ServiceSubcategory of it). */
export const NAVIGATOR_SERVICES: Readonly<Record<ServiceKey, { serviceName: string; serviceCategory: string; serviceSubcategory: string; resourceType: string }>> = {
  vmc: { serviceName: 'VMware Cloud on AWS', serviceCategory: 'Compute', serviceSubcategory: 'Virtual Machines', resourceType: 'SDDC' },
  lint: { serviceName: 'VMware Log Intelligence', serviceCategory: 'Management and Governance', serviceSubcategory: 'Observability', resourceType: 'Log Intelligence Instance' },
  cds: { serviceName: 'VMware Cloud Director service', serviceCategory: 'Compute', serviceSubcategory: 'Virtual Machines', resourceType: 'Organization VDC' },
  alb: { serviceName: 'VMware NSX Advanced Load Balancer', serviceCategory: 'Networking', serviceSubcategory: 'Application Networking', resourceType: 'Service Engine Group' },
};

const REGIONS: Readonly<Record<string, string>> = {
  'us-west-2': 'US West (Oregon)',
  'us-east-1': 'US East (N. Virginia)',
  'eu-central-1': 'Europe (Frankfurt)',
  'eu-west-2': 'Europe (London)',
};

/**
 * How a resource's hourly value moves. `units`: a whole count (hosts, vCPUs, cores) at `base`, one
 * `step` more in business hours of busy weekdays, one less all day on quiet weekends, and one more
 * for good from `growsDaysBeforeEnd` on. `volume`: a quantity per hour (GB) following the hour of
 * the day and the day of the week, growing slowly, with day-to-day and hour-to-hour noise.
 */
type UsageShape =
  | { kind: 'units'; base: number; step: number; growsDaysBeforeEnd?: number }
  | { kind: 'volume'; perHour: number };

interface ResourceSpec {
  id: string;
  service: ServiceKey;
  meterId: string;
  regionId: string;
  tags: Record<string, string>;
  usage: UsageShape;
}

interface TenantSpec {
  key: string;
  name: string;
  companyName: string;
  billingAccountId: string;
  /** Joined the provider this many months before the end's month (on its first day, 09:00 UTC). */
  onboardedMonthsBack: number;
  /** Bills from this day of the month, `monthsBack` months before the end's month. */
  anniversary?: { day: number; monthsBack: number };
  resources: readonly ResourceSpec[];
  contractedPrices?: readonly { skuId: string; unitPrice: string }[];
  commitment?: { id: string; skuId: string; committedQuantity: string; minimumQuantity: string };
}

const TENANTS: readonly TenantSpec[] = [
  {
    key: 'coke',
    name: 'Coke',
    companyName: 'The Coca-Cola Company',
    billingAccountId: 'CPN-COKE-0001',
    onboardedMonthsBack: 14,
    resources: [
      { id: 'sddc-coke-prod-usw2', service: 'vmc', meterId: 'vmc-i3-host-hours', regionId: 'us-west-2', tags: { environment: 'prod', team: 'bottling-ops' }, usage: { kind: 'units', base: 5, step: 1 } },
      { id: 'sddc-coke-dr-use1', service: 'vmc', meterId: 'vmc-i3en-host-hours', regionId: 'us-east-1', tags: { environment: 'dr', team: 'bottling-ops' }, usage: { kind: 'units', base: 2, step: 0 } },
      { id: 'lint-coke-prod', service: 'lint', meterId: 'lint-ingest-gb', regionId: 'us-west-2', tags: { environment: 'prod', team: 'sre' }, usage: { kind: 'volume', perHour: 4.5 } },
      { id: 'alb-coke-prod', service: 'alb', meterId: 'nsx-alb-se-core-hours', regionId: 'us-west-2', tags: { environment: 'prod', team: 'web' }, usage: { kind: 'units', base: 8, step: 2 } },
    ],
    // One year of five i3 hosts at a committed rate: 120 host-hours a day, never billed under 96.
    contractedPrices: [{ skuId: 'VMC-AWS-I3-HOST-OD', unitPrice: '5.8577' }],
    commitment: { id: NAVIGATOR_COMMITMENT_ID, skuId: 'VMC-AWS-I3-HOST-OD', committedQuantity: '120', minimumQuantity: '96' },
  },
  {
    key: 'acme',
    name: 'Acme Retail',
    companyName: 'Acme Retail Inc.',
    billingAccountId: 'CPN-ACME-0001',
    onboardedMonthsBack: 11,
    resources: [
      { id: 'ovdc-acme-fra', service: 'cds', meterId: 'cds-vcpu-hours', regionId: 'eu-central-1', tags: { environment: 'prod', team: 'ecommerce' }, usage: { kind: 'units', base: 64, step: 8, growsDaysBeforeEnd: 30 } },
      { id: 'ovdc-acme-lon', service: 'cds', meterId: 'cds-vcpu-hours', regionId: 'eu-west-2', tags: { environment: 'staging', team: 'ecommerce' }, usage: { kind: 'units', base: 24, step: 4 } },
      { id: 'alb-acme-web', service: 'alb', meterId: 'nsx-alb-se-core-hours', regionId: 'eu-central-1', tags: { environment: 'prod', team: 'web' }, usage: { kind: 'units', base: 4, step: 2 } },
    ],
  },
  {
    key: 'globex',
    name: 'Globex Research',
    companyName: 'Globex Corporation',
    billingAccountId: 'CPN-GLOBEX-0001',
    onboardedMonthsBack: 9,
    anniversary: { day: 15, monthsBack: 8 },
    resources: [
      { id: 'sddc-globex-hpc-use1', service: 'vmc', meterId: 'vmc-i3-host-hours', regionId: 'us-east-1', tags: { environment: 'prod', team: 'research' }, usage: { kind: 'units', base: 3, step: 1, growsDaysBeforeEnd: 45 } },
      { id: 'lint-globex', service: 'lint', meterId: 'lint-ingest-gb', regionId: 'us-east-1', tags: { environment: 'prod', team: 'research' }, usage: { kind: 'volume', perHour: 1.8 } },
      { id: 'ovdc-globex-lab', service: 'cds', meterId: 'cds-vcpu-hours', regionId: 'us-east-1', tags: { environment: 'dev', team: 'lab' }, usage: { kind: 'units', base: 48, step: 8 } },
    ],
  },
];

/** Share of the mean hourly volume by UTC hour: quiet nights, busy working hours. */
const HOUR_SHAPE: readonly number[] = [
  0.55, 0.5, 0.5, 0.5, 0.55, 0.65, 0.8, 0.95, 1.15, 1.3, 1.4, 1.45, 1.45, 1.45, 1.4, 1.35, 1.3, 1.2, 1.1, 1, 0.9, 0.8, 0.7, 0.6,
];

export interface NavigatorTenantDemo {
  id: string;
  key: string;
  name: string;
  companyName: string;
  /** When the organization joined the provider: Coke first, Globex last, all before the usage. */
  createdAt: Date;
  /** 'YYYY-MM-DD' or null (calendar months). */
  anniversaryBillingDate: string | null;
  billingAccount: { id: string; name: string; currency: string; accountingDay: number };
  catalog: SeedCatalog;
  usage: SeedUsage;
}

export interface NavigatorDemoOptions {
  /** Usage runs up to this instant (default: now); the last day is this instant's UTC day. */
  until?: Date;
  days?: number;
}

/** A tenant's workspace id: 32 hex digits derived from its provider's id, so a re-seed finds the same tenant. */
export function navigatorTenantId(providerWorkspaceId: string, key: string): string {
  return createHash('sha256').update(`consumo-demo:navigator:${providerWorkspaceId}:${key}`).digest('hex').slice(0, 32);
}

function tenantUsage(spec: TenantSpec, firstDay: number, days: number, until: Date): SeedUsage {
  let eventCount = 0;
  for (let t = firstDay; t < firstDay + days * DAY_MS; t += HOUR_MS) if (t < until.getTime()) eventCount++;
  eventCount *= spec.resources.length;

  function* eventsByDay(): Generator<DemoEvent[], void, undefined> {
    // One stream per resource: a resource's usage never shifts when another is added.
    const streams = spec.resources.map((r) => new Prng(`consumo-demo:navigator:${spec.key}:${r.id}`));
    for (let d = 0; d < days; d++) {
      const dayStart = firstDay + d * DAY_MS;
      const weekday = new Date(dayStart).getUTCDay();
      const weekend = weekday === 0 || weekday === 6;
      const batch: DemoEvent[] = [];
      spec.resources.forEach((r, i) => {
        const prng = streams[i]!;
        const meter = NAVIGATOR_METERS.find((m) => m.id === r.meterId)!;
        const property = meter.valueProperty!.slice(2);
        const busy = !weekend && prng.chance(0.35);
        const quiet = weekend && prng.chance(0.5);
        const dayNoise = 0.85 + prng.float() * 0.3;
        for (let h = 0; h < 24; h++) {
          const time = new Date(dayStart + h * HOUR_MS);
          if (time.getTime() >= until.getTime()) break;
          let value: string;
          if (r.usage.kind === 'units') {
            const { base, step, growsDaysBeforeEnd } = r.usage;
            const grown = growsDaysBeforeEnd !== undefined && d >= days - growsDaysBeforeEnd ? step : 0;
            const peak = busy && h >= 9 && h < 19 ? step : 0;
            value = String(base + grown + peak - (quiet ? step : 0));
          } else {
            const trend = 1 + (0.2 * d) / days;
            const week = weekend ? 0.65 : 1;
            // Four decimals, as text: what a collector would send, and exact in `numeric`.
            value = (r.usage.perHour * HOUR_SHAPE[h]! * week * trend * dayNoise * (0.9 + prng.float() * 0.2)).toFixed(4);
          }
          batch.push({
            source: NAVIGATOR_DEMO_EVENT_SOURCE,
            id: `${r.id}:${r.meterId}:${time.toISOString()}`,
            meterId: r.meterId,
            subject: r.id,
            time,
            value,
            data: JSON.stringify({ [property]: value, region: r.regionId }),
          });
        }
      });
      yield batch;
    }
  }

  return { from: dayText(firstDay), to: dayText(firstDay + days * DAY_MS), eventCount, eventsByDay };
}

/** The three tenants of the provider, with their catalogs and `days` of usage up to `until`. */
export function createNavigatorDemo(providerWorkspaceId: string, options: NavigatorDemoOptions = {}): NavigatorTenantDemo[] {
  const days = options.days ?? NAVIGATOR_DEMO_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new RangeError(`days must be a whole number in 1..3650, got ${days}`);
  const until = options.until ?? new Date();
  const lastDay = utcMs(until.getUTCFullYear(), until.getUTCMonth(), until.getUTCDate());
  const firstDay = lastDay - (days - 1) * DAY_MS;
  return TENANTS.map((spec) => {
    const id = navigatorTenantId(providerWorkspaceId, spec.key);
    const createdAt = utcDate(until.getUTCFullYear(), until.getUTCMonth() - spec.onboardedMonthsBack, 1, 9);
    const anniversaryBillingDate = spec.anniversary
      ? dayText(utcMs(until.getUTCFullYear(), until.getUTCMonth() - spec.anniversary.monthsBack, spec.anniversary.day))
      : null;
    const account = { billingAccountId: spec.billingAccountId };
    const resources: SeedResource[] = spec.resources.map((r) => {
      const service = NAVIGATOR_SERVICES[r.service];
      return {
        id: r.id,
        ...account,
        subAccountId: dashedWorkspaceId(id),
        subAccountName: spec.name,
        name: r.id,
        resourceType: service.resourceType,
        serviceName: service.serviceName,
        serviceCategory: service.serviceCategory,
        serviceSubcategory: service.serviceSubcategory,
        regionId: r.regionId,
        regionName: REGIONS[r.regionId] ?? r.regionId,
        tags: r.tags,
        deviceId: null,
      };
    });
    return {
      id,
      key: spec.key,
      name: spec.name,
      companyName: spec.companyName,
      createdAt,
      anniversaryBillingDate,
      billingAccount: { id: spec.billingAccountId, name: spec.companyName, currency: 'USD', accountingDay: spec.anniversary?.day ?? 1 },
      catalog: {
        meters: NAVIGATOR_METERS,
        prices: NAVIGATOR_PRICES,
        contractedPrices: (spec.contractedPrices ?? []).map((c) => ({ ...c, ...account, effectiveFrom: CATALOG_START })),
        commitments: spec.commitment ? [{ ...spec.commitment, ...account, effectiveFrom: CATALOG_START }] : [],
        resources,
      },
      usage: tenantUsage(spec, firstDay, days, until),
    };
  });
}
