/** Cost records and daily rollups (with their monthly sums) as rating would store them: a full valid row, any field overridable, inserted directly. */
import type { Insertable } from 'kysely';
import { ensureCostPartitions, monthOf } from '../../src/modules/cost-records/index.js';
import type { CostRecordsTable, CostRollupsDailyTable, Db } from '../../src/storage/database.js';
import { rebuildMonthRollups } from '../../src/modules/metering/rating/rating.repository.js';

export type CostRecordFields = Omit<Insertable<CostRecordsTable>, 'workspace_id' | 'line_key' | 'tags' | 'sku_price_details'> & {
  line_key?: string;
  tags?: Record<string, unknown> | null;
  sku_price_details?: Record<string, unknown> | null;
};

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The Unused line of commitment `commit-1` on 2026-04-09 (5 CUs left unused, no consumption). */
export function unusedCommitmentRecord(workspaceId: string): Insertable<CostRecordsTable> {
  return costRecord(workspaceId, {
    resource_id: 'commit-1',
    line_key: 'unused',
    charge_period_start: day('2026-04-09'),
    charge_category: 'Usage',
    commitment_discount_status: 'Unused',
    commitment_discount_id: 'commit-1',
    commitment_discount_unit: 'CUs',
    commitment_discount_category: 'Usage',
    commitment_discount_type: 'Commitment',
    commitment_discount_quantity: '5',
    consumed_quantity: null,
    consumed_unit: null,
  });
}

/** One priced usage line of VM `vm-1` on 2026-04-01, every FOCUS column set; `overrides` win. */
export function costRecord(workspaceId: string, overrides: Partial<CostRecordFields> = {}): Insertable<CostRecordsTable> {
  const start = overrides.charge_period_start instanceof Date ? overrides.charge_period_start : day('2026-04-01');
  const end = new Date(start.getTime() + 86_400_000);
  const { tags = { env: 'prod', team: 'core' }, sku_price_details = { CoreCount: 4 }, ...rest } = overrides;
  const row = {
    availability_zone: 'zone-a',
    billed_cost: '0.35312696',
    billing_account_id: 'BA-1',
    billing_account_name: 'Acme Corp',
    billing_account_type: 'Billing Account',
    billing_currency: 'USD',
    billing_period_end: day('2026-05-01'),
    billing_period_start: day('2026-04-01'),
    capacity_reservation_id: null,
    capacity_reservation_status: null,
    charge_category: 'Usage',
    charge_class: null,
    charge_description: '0.9 vCPU-hours vm-1',
    charge_frequency: 'Usage-Based',
    charge_period_end: end,
    charge_period_start: start,
    commitment_discount_category: null,
    commitment_discount_id: null,
    commitment_discount_name: null,
    commitment_discount_quantity: null,
    commitment_discount_status: null,
    commitment_discount_type: null,
    commitment_discount_unit: null,
    consumed_quantity: '11.7708984375',
    consumed_unit: 'vCPU-Hours',
    contracted_cost: '0.35312696',
    contracted_unit_price: '0.9',
    effective_cost: '0.35312696',
    invoice_id: null,
    invoice_issuer_name: 'HPE',
    list_cost: '0.35312696',
    list_unit_price: '0.9',
    pricing_category: 'Standard',
    pricing_currency: 'USD',
    pricing_currency_contracted_unit_price: '0.9',
    pricing_currency_effective_cost: '0.35312696',
    pricing_currency_list_unit_price: '0.9',
    pricing_quantity: '0.392363281250000',
    pricing_unit: 'vCPU-Hours',
    provider_name: 'HPE',
    publisher_name: 'HPE',
    region_id: 'eu-west',
    region_name: 'Europe West',
    resource_id: 'vm-1',
    resource_name: 'vm-1',
    resource_type: 'Virtual Machine',
    service_category: 'Compute',
    service_name: 'VM',
    service_subcategory: 'Virtual Machines',
    sku_id: 'VCPU',
    sku_meter: 'cpu-hours',
    sku_price_id: 'VCPU@2026-01-01',
    sub_account_id: 'SA-1',
    sub_account_name: 'Project One',
    sub_account_type: 'Sub Account',
    x_meter_id: 'cpu-hours',
    x_rating_status: 'PRICED',
    x_price_effective_from: day('2026-01-01'),
    x_rated_at: new Date('2026-04-02T03:04:05.678Z'),
    x_rating_run_id: null,
    ...rest,
  };
  return {
    workspace_id: workspaceId,
    ...row,
    line_key: overrides.line_key ?? row.sku_price_id ?? row.x_meter_id,
    tags: tags === null ? null : JSON.stringify(tags),
    sku_price_details: sku_price_details === null ? null : JSON.stringify(sku_price_details),
  };
}

/** Inserts records, creating the monthly partitions they fall in first. */
export async function insertCostRecords(db: Db, rows: Insertable<CostRecordsTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await ensureCostPartitions(db, rows.map((r) => monthOf(new Date(r.charge_period_start as Date))));
  await db.insertInto('cost_records').values(rows).execute();
}

export type RollupFields = Omit<Insertable<CostRollupsDailyTable>, 'workspace_id'>;

/** One day's rollup of VM usage in USD; `overrides` win. */
export function costRollup(workspaceId: string, overrides: Partial<RollupFields> = {}): Insertable<CostRollupsDailyTable> {
  return {
    workspace_id: workspaceId,
    day: '2026-04-01',
    billing_account_id: 'BA-1',
    sub_account_id: 'SA-1',
    service_name: 'VM',
    service_category: 'Compute',
    region_id: 'eu-west',
    resource_type: 'Virtual Machine',
    sku_id: 'VCPU',
    charge_category: 'Usage',
    billing_currency: 'USD',
    records: 1,
    list_cost: '0.35312696',
    contracted_cost: '0.35312696',
    effective_cost: '0.35312696',
    billed_cost: '0.35312696',
    consumed_quantity: '11.7708984375',
    pricing_quantity: '0.392363281250000',
    unpriced_records: 0,
    ...overrides,
  };
}

/** Inserts daily rollups, then rewrites the monthly rollups of their months from them, as rating does after a day. */
export async function insertRollups(db: Db, rows: Insertable<CostRollupsDailyTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('cost_rollups_daily').values(rows).execute();
  const months = new Map(rows.map((r) => [`${r.workspace_id} ${r.day.slice(0, 7)}`, [r.workspace_id, r.day] as const]));
  for (const [workspaceId, day] of months.values()) await rebuildMonthRollups(db, workspaceId, day);
}
