/** A small metering catalog written straight into the tables, and CloudEvents to send against it. */
import type { TestApp } from './test-app.js';
import type { MeterAggregation } from '../../src/modules/metering/catalog/meters.enums.js';

export const ACCOUNT = 'BA-TEST-1';

export const METERS: { id: string; eventType: string; aggregation: MeterAggregation; valueProperty: string | null; unit: string }[] = [
  { id: 'cpu', eventType: 'com.example.cpu.used', aggregation: 'SUM', valueProperty: '$.quantity', unit: 'CUs' },
  { id: 'calls', eventType: 'com.example.api.call', aggregation: 'COUNT', valueProperty: null, unit: 'Requests' },
  { id: 'peak', eventType: 'com.example.memory.peak', aggregation: 'MAX', valueProperty: '$.gb', unit: 'GB' },
  { id: 'disk', eventType: 'com.example.disk.size', aggregation: 'LATEST', valueProperty: "$['size gb']", unit: 'GB' },
  { id: 'cores', eventType: 'com.example.cores.held', aggregation: 'TIME_WEIGHTED_SUM', valueProperty: '$.level.cores', unit: 'Core-Hours' },
];

export interface CatalogOptions {
  workspaceId: string;
  resources?: string[];
  accountingDay?: number;
  /** Prices per meter id (list unit price per pricing unit); omitted meters stay unpriced. */
  prices?: Record<string, string>;
  divisor?: string;
  effectiveFrom?: Date;
}

export async function seedCatalog(t: TestApp, options: CatalogOptions): Promise<void> {
  const now = new Date(t.now());
  const ws = options.workspaceId;
  await t.db
    .insertInto('billing_accounts')
    .values({ workspace_id: ws, id: ACCOUNT, name: 'Test Company', currency: 'USD', accounting_day: options.accountingDay ?? 1 })
    .execute();
  const resources = options.resources ?? ['vm-1', 'vm-2'];
  await t.db
    .insertInto('metering_resources')
    .values(
      resources.map((id) => ({
        workspace_id: ws,
        id,
        billing_account_id: ACCOUNT,
        name: `name of ${id}`,
        resource_type: 'VM',
        service_name: 'VM',
        service_category: 'Compute',
        region_id: 'AMS',
        region_name: 'AMS',
        tags: JSON.stringify({ team: 'core' }),
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  await t.db
    .insertInto('meters')
    .values(
      METERS.map((m) => ({
        workspace_id: ws,
        id: m.id,
        event_type: m.eventType,
        value_property: m.valueProperty,
        aggregation: m.aggregation,
        consumed_unit: m.unit,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  const prices = Object.entries(options.prices ?? {});
  if (prices.length > 0) {
    await t.db
      .insertInto('prices')
      .values(
        prices.map(([meterId, price]) => ({
          workspace_id: ws,
          sku_id: `SKU-${meterId}`,
          effective_from: options.effectiveFrom ?? new Date('2020-01-01T00:00:00Z'),
          meter_id: meterId,
          charge_description: `${meterId} usage`,
          publisher_name: 'HPE GreenLake',
          provider_name: 'HPE GreenLake',
          invoice_issuer_name: 'HPE GreenLake',
          pricing_unit: METERS.find((m) => m.id === meterId)!.unit,
          pricing_quantity_divisor: options.divisor ?? '1',
          list_unit_price: price,
          currency: 'USD',
          bands: null,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
}

let sequence = 0;

export interface EventOptions {
  type?: string;
  subject?: string;
  time: Date | string;
  data?: Record<string, unknown>;
  id?: string;
  source?: string;
}

export function cloudEvent(options: EventOptions): Record<string, unknown> {
  return {
    specversion: '1.0',
    id: options.id ?? `evt-${++sequence}`,
    source: options.source ?? 'urn:test:collector',
    type: options.type ?? METERS[0]!.eventType,
    subject: options.subject ?? 'vm-1',
    time: typeof options.time === 'string' ? options.time : options.time.toISOString(),
    data: options.data ?? { quantity: 1 },
  };
}

/** UTC midnight `days` days before the injected clock's day. */
export function daysAgo(t: TestApp, days: number): Date {
  const today = new Date(t.now());
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - days));
}

export function hoursAfter(start: Date, hours: number): Date {
  return new Date(start.getTime() + hours * 3_600_000);
}

export async function ingest(t: TestApp, events: unknown, options: { token?: string; contentType?: string } = {}) {
  const res = await t.call({
    method: 'POST',
    url: '/metering/v1/events',
    headers: { 'content-type': options.contentType ?? (Array.isArray(events) ? 'application/cloudevents-batch+json' : 'application/cloudevents+json') },
    payload: JSON.stringify(events),
    ...(options.token !== undefined && { token: options.token }),
  });
  return res;
}

export async function countEvents(t: TestApp, workspaceId: string): Promise<number> {
  const row = await t.db
    .selectFrom('usage_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Runs every job that is due once the automatic-rating delay has passed. */
export async function rateNow(t: TestApp): Promise<void> {
  t.advance(60_000);
  await t.jobs.drain();
}
