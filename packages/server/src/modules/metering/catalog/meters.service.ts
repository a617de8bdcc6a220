/** Meter rules: one meter per event type, a value path the ingest can compile, and no delete while a price names it. */
import type { Db } from '../../../storage/database.js';
import type { MeterAggregation } from './meters.enums.js';
import { JsonPathError, compileJsonPath } from './json-path.js';
import { BodyReader } from './body-reader.js';
import { METER, catalogConflict, catalogNotFound } from './catalog.errors.js';
import { crudService, timestamps } from './catalog-crud.service.js';
import { lockById, removeById } from './catalog-rows.repository.js';
import { isUniqueViolation } from './db-errors.js';
import { meterList } from './meters.fields.js';
import * as repo from './meters.repository.js';
import { AGGREGATIONS, METER_FIELDS, type MeterDto, type MeterInput } from './meters.schemas.js';

function dto(row: repo.MeterRow): MeterDto {
  return {
    id: row.id,
    eventType: row.event_type,
    ...(row.value_property !== null && { valueProperty: row.value_property }),
    aggregation: row.aggregation,
    consumedUnit: row.consumed_unit,
    ...timestamps(row),
  };
}

export function readMeter(body: unknown): MeterInput {
  const r = new BodyReader(body, METER_FIELDS);
  const eventType = r.text('eventType', { required: true });
  const valueProperty = r.text('valueProperty');
  const aggregation = r.oneOf('aggregation', AGGREGATIONS, { required: true }) as MeterAggregation;
  const consumedUnit = r.text('consumedUnit', { required: true });
  if (valueProperty !== null) {
    try {
      compileJsonPath(valueProperty);
    } catch (err) {
      if (!(err instanceof JsonPathError)) throw err;
      r.fail('valueProperty', err.message);
    }
  } else if (!r.given('valueProperty') && AGGREGATIONS.includes(aggregation) && aggregation !== 'COUNT') {
    // COUNT counts events; every other aggregation needs a value to aggregate.
    r.fail('valueProperty', `Required unless aggregation is COUNT (aggregation is ${aggregation}).`);
  }
  r.done();
  return { eventType, valueProperty, aggregation, consumedUnit };
}

function eventTypeTaken(eventType: string, otherId: string) {
  return catalogConflict(`Meter '${otherId}' already counts events of type '${eventType}'; an event type has one meter.`, {
    eventType,
    meterId: otherId,
  });
}

async function putMeter(db: Db, workspaceId: string, id: string, body: unknown, now: Date) {
  const input = readMeter(body);
  try {
    return await db.transaction().execute(async (trx) => {
      const other = await repo.meterOfEventType(trx, workspaceId, input.eventType, id);
      if (other !== undefined) throw eventTypeTaken(input.eventType, other);
      return repo.upsert(trx, workspaceId, id, input, now);
    });
  } catch (err) {
    // Two meters claimed the type at once: the unique constraint let one through.
    if (isUniqueViolation(err, 'meters_event_type')) {
      throw eventTypeTaken(input.eventType, (await repo.meterOfEventType(db, workspaceId, input.eventType, id)) ?? 'another meter');
    }
    throw err;
  }
}

async function deleteMeter(db: Db, workspaceId: string, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await lockById(trx, 'meters', workspaceId, id, 'update'))) throw catalogNotFound(METER, id);
    const skus = await repo.pricedSkus(trx, workspaceId, id);
    if (skus.length) {
      throw catalogConflict(`Meter '${id}' is priced by SKU ${skus.map((s) => `'${s}'`).join(', ')}; delete those prices first.`, { skuIds: skus });
    }
    await removeById(trx, 'meters', workspaceId, id);
  });
}

export const meters = crudService({ table: 'meters', what: METER, list: meterList, dto }, { put: putMeter, delete: deleteMeter });
