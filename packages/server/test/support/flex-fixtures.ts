/** A small, fully known Flex data set for assertions (the demo generator is tested on its own). */
import type { Insertable } from 'kysely';
import type { Db, FlexDevicesTable } from '../../src/storage/database.js';

export const ORDER_IDS = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222', '33333333-3333-4333-8333-333333333333'];
export const DEVICE_IDS = ['aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000002', 'aaaaaaaa-0000-4000-8000-000000000003', 'aaaaaaaa-0000-4000-8000-000000000004'];

export async function insertFlexFixtures(db: Db, workspaceId: string): Promise<void> {
  const t = (iso: string) => new Date(iso);
  await db
    .insertInto('flex_orders')
    .values([
      {
        workspace_id: workspaceId, id: ORDER_IDS[0]!, generation: 1, created_at: t('2023-01-01T00:00:00Z'), updated_at: t('2023-01-01T00:00:00Z'),
        billing_account_id: 'HP-AMS-999-USA-99999', billing_account_name: 'Test Company', sow_id: 'OPE-0011261086',
        order_start_date: t('2025-01-01T00:00:00Z'), order_end_date: t('2035-01-01T00:00:00Z'), customer_name: 'Some Company Inc.',
        reseller_name: '1st Street Resellers', distributor_name: 'HPE Distributions', partner_name: 'Friendly Reseller LLC', is_flex_partner: true,
      },
      {
        workspace_id: workspaceId, id: ORDER_IDS[1]!, generation: 2, created_at: t('2024-02-01T00:00:00Z'), updated_at: t('2024-03-01T10:30:00.250Z'),
        billing_account_id: 'HP-APJ-999-JPN-00104', billing_account_name: "O'Brien Holdings", sow_id: 'OPE-0011261087',
        order_start_date: t('2024-02-01T00:00:00Z'), order_end_date: t('2027-02-01T00:00:00Z'), customer_name: 'HPE Tech Care',
        reseller_name: 'Friendly Reseller LLC', distributor_name: null, partner_name: null, is_flex_partner: false,
      },
      {
        workspace_id: workspaceId, id: ORDER_IDS[2]!, generation: 1, created_at: t('2022-05-01T00:00:00Z'), updated_at: t('2022-05-01T00:00:00Z'),
        billing_account_id: 'HP-AMS-999-USA-99999', billing_account_name: 'Test Company', sow_id: 'OPE-0011261088',
        order_start_date: t('2022-05-01T00:00:00Z'), order_end_date: t('2026-05-01T00:00:00Z'), customer_name: 'Some Company Inc.',
        reseller_name: null, distributor_name: 'HPE Distributions', partner_name: 'HPE Distributions', is_flex_partner: null,
      },
    ])
    .execute();
  type DeviceFields = Omit<Insertable<FlexDevicesTable>, 'workspace_id' | 'id' | 'resource_id' | 'generation' | 'created_at' | 'updated_at' | 'order_id' | 'billing_account_id' | 'tags'> & { tags?: string };
  const device = (i: number, fields: DeviceFields): Insertable<FlexDevicesTable> => ({
    workspace_id: workspaceId, id: DEVICE_IDS[i]!, resource_id: DEVICE_IDS[i]!, generation: 1,
    created_at: t('2023-01-01T00:00:00Z'), updated_at: t('2023-01-01T00:00:00Z'), order_id: ORDER_IDS[0]!,
    billing_account_id: 'HP-AMS-999-USA-99999', tags: JSON.stringify([]), ...fields,
  });
  await db
    .insertInto('flex_devices')
    .values([
      device(0, { mac_address: 'CA:35:DC:4F:5D:FE', serial_number: 'CN134FD36', part_number: 'JK130GT', name: 'custom-device-name', device_type: 'DHCI_STORAGE', model: 'HPE Compute 6030X', make: 'HPE', billing_account_name: 'Hewlett Packard Enterprises', billing_tier: 'HPE Distributions', tags: JSON.stringify([{ name: 'category1', value: 'value1' }]) }),
      device(1, { mac_address: '35:CA:68:8C:B0:51', serial_number: 'CN200AA01', part_number: 'P52534-B21', name: null, device_type: 'COMPUTE', model: 'HPE ProLiant DL380 Gen11', make: 'HPE', billing_account_name: 'Test Company', billing_tier: 'Foundation' }),
      device(2, { mac_address: '8A:26:D2:82:65:D0', serial_number: 'SG300BB02', part_number: 'R0X28A', name: 'edge-switch-1', device_type: 'SWITCH', model: 'Aruba CX 6300M', make: 'Aruba', billing_account_name: 'Test Company', billing_tier: null }),
      device(3, { mac_address: '00:11:22:33:44:55', serial_number: 'US400CC03', part_number: 'X1234', name: 'array-7', device_type: 'STORAGE', model: 'NetApp AFF A400', make: 'NetApp', billing_account_name: null, billing_tier: 'Enhanced' }),
    ])
    .execute();
}
