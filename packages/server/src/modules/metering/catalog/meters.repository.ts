/** Typed queries over meters, and the prices that name them; every one scoped by workspace. */
import type { Executor } from '../../../storage/database.js';
import { type IdKeyedRow, upsertById } from './catalog-rows.repository.js';
import type { MeterInput } from './meters.schemas.js';

export type MeterRow = IdKeyedRow<'meters'>;

/** Another meter of the workspace counting this event type, if any. */
export async function meterOfEventType(db: Executor, workspaceId: string, eventType: string, exceptId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('meters')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('event_type', '=', eventType)
    .where('id', '<>', exceptId)
    .executeTakeFirst();
  return row?.id;
}

export function upsert(db: Executor, workspaceId: string, id: string, input: MeterInput, now: Date) {
  const values = {
    event_type: input.eventType,
    value_property: input.valueProperty,
    aggregation: input.aggregation,
    consumed_unit: input.consumedUnit,
  };
  return upsertById(db, 'meters', workspaceId, id, values, now);
}

/** The SKUs with a price version on this meter (a few, to name in the 409). */
export async function pricedSkus(db: Executor, workspaceId: string, meterId: string, limit = 5): Promise<string[]> {
  const rows = await db
    .selectFrom('prices')
    .select('sku_id')
    .distinct()
    .where('workspace_id', '=', workspaceId)
    .where('meter_id', '=', meterId)
    .orderBy('sku_id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.sku_id);
}
