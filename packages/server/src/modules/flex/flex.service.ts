/** Flex rules: parses the query parameters, runs the repository, maps rows to HPE's DTOs. */
import type { Db } from '../../storage/database.js';
import type { UnconfirmedPrincipal } from '../../platform/auth/principal-check.js';
import { compileFilter } from '../../platform/filter-sql/index.js';
import { invalidId, notFound, queryIssue } from '../../platform/errors/index.js';
import { isoUtc, page, parseListQuery, parseSort, project, type Page } from '../../platform/query/index.js';
import { parseUuid } from '../../platform/formats/index.js';
import type { FlexDevicesTable, FlexOrdersTable } from '../../storage/database.js';
import type { Selectable } from 'kysely';
import * as repo from './flex.repository.js';
import type { DeviceDto, DevicesQuery, OrderDto, OrdersQuery, TransformQuery } from './flex.schemas.js';
import { DEVICE_RESOURCE_TYPE, deviceList } from './devices.fields.js';
import { orderList, transformFilterFields } from './orders.fields.js';

// Both DTOs are built in the property order of HPE's samples, optional properties left out when null.

function orderDto(row: Selectable<FlexOrdersTable>): OrderDto {
  return {
    id: row.id,
    createdAt: isoUtc(row.created_at),
    updatedAt: isoUtc(row.updated_at),
    type: 'flex/orders',
    generation: row.generation,
    billingAccountId: row.billing_account_id,
    sowId: row.sow_id,
    billingAccountName: row.billing_account_name,
    orderStartDate: isoUtc(row.order_start_date),
    orderEndDate: isoUtc(row.order_end_date),
    customerName: row.customer_name,
    ...(row.reseller_name !== null && { resellerName: row.reseller_name }),
    ...(row.distributor_name !== null && { distributorName: row.distributor_name }),
    ...(row.partner_name !== null && { partnerName: row.partner_name }),
    ...(row.is_flex_partner !== null && { isFlexPartner: row.is_flex_partner }),
  };
}

function deviceDto(row: Selectable<FlexDevicesTable>): DeviceDto {
  return {
    id: row.id,
    createdAt: isoUtc(row.created_at),
    updatedAt: isoUtc(row.updated_at),
    type: DEVICE_RESOURCE_TYPE,
    generation: row.generation,
    macAddress: row.mac_address,
    serialNumber: row.serial_number,
    resourceId: row.resource_id,
    partNumber: row.part_number,
    ...(row.name !== null && { name: row.name }),
    deviceType: row.device_type as DeviceDto['deviceType'],
    model: row.model,
    make: row.make,
    ...(row.billing_account_name !== null && { billingAccountName: row.billing_account_name }),
    ...(row.billing_tier !== null && { billingTier: row.billing_tier }),
    tags: row.tags,
  };
}

export async function listOrders(db: Db, workspaceId: string, query: OrdersQuery): Promise<Page<OrderDto>> {
  const list = parseListQuery(query, orderList);
  const { rows, total } = await repo.listPage(db, 'flex_orders', workspaceId, list);
  return page(
    rows.map((r) => project(orderDto(r), list.selected)),
    list.offset,
    total,
  );
}

export async function transformOrders(db: Db, workspaceId: string, query: TransformQuery): Promise<Page<Record<string, string>>> {
  const groupBy = query['group-by'];
  const sort = parseSort(query.sort, { [groupBy]: groupBy }, [{ column: groupBy, direction: 'asc' }]);
  if (sort.length !== 1) throw queryIssue('sort', `Transform results can only be sorted by the group-by field '${groupBy}'.`);
  const offset = query.offset ?? 0;
  const { values, total } = await repo.distinctOrderValues(db, workspaceId, groupBy, {
    where: query.filter === undefined ? undefined : compileFilter(query.filter, transformFilterFields),
    direction: sort[0]!.direction,
    limit: query.limit ?? 20,
    offset,
  });
  return page(
    values.map((value) => ({ [groupBy]: value })),
    offset,
    total,
  );
}

export async function listDevices(db: Db, workspaceId: string, query: DevicesQuery): Promise<Page<DeviceDto>> {
  const list = parseListQuery(query, deviceList);
  const { rows, total } = await repo.listPage(db, 'flex_devices', workspaceId, list);
  return page(
    rows.map((r) => project(deviceDto(r), list.selected)),
    list.offset,
    total,
  );
}

/**
 * `principal`: the caller was let through on a remembered principal (ADR 0034); the read checks it.
 * When the read finds nothing, that is either no such device or a principal that no longer holds:
 * the principal is read (`confirm` throws the guard's 401 or 403) and then the device again.
 */
export async function getDevice(db: Db, workspaceId: string, id: string, principal?: UnconfirmedPrincipal): Promise<DeviceDto> {
  const uuid = parseUuid(id);
  if (!uuid) throw invalidId('id');
  let row = await repo.findDeviceByResourceId(db, workspaceId, uuid, principal);
  if (!row && principal) {
    await principal.confirm();
    row = await repo.findDeviceByResourceId(db, workspaceId, uuid);
  }
  if (!row) throw notFound('hpe.greenlake.flex', id);
  return deviceDto(row);
}
