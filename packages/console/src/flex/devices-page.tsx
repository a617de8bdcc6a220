/** /console/flex/devices: the workspace's Flex devices, filtered in the Flex filter language, sorted by any column, a page at a time. */
import type { Column } from '../inventory/inventory-table.js';
import { DetailLink } from '../inventory/detail-link.js';
import { InventoryList } from '../inventory/inventory-list.js';
import { orDash, utcMinute } from '../inventory/formats.js';
import { useListState } from '../inventory/use-list-state.js';
import { DEVICE_LIST } from './flex-lists.js';
import type { Device } from './types.js';
import { useDevicePage } from './use-flex.js';

const COLUMNS: readonly Column<Device>[] = [
  {
    field: 'serialNumber',
    label: 'Serial number',
    sortable: true,
    nowrap: true,
    render: (d) => <DetailLink to={`/flex/devices/${d.resourceId}`}>{d.serialNumber}</DetailLink>,
  },
  { field: 'name', label: 'Name', sortable: true, render: (d) => orDash(d.name) },
  { field: 'deviceType', label: 'Type', sortable: true, nowrap: true, render: (d) => d.deviceType },
  { field: 'make', label: 'Make', sortable: true, render: (d) => d.make },
  { field: 'model', label: 'Model', sortable: true, render: (d) => d.model },
  { field: 'partNumber', label: 'Part number', sortable: true, nowrap: true, render: (d) => d.partNumber },
  { field: 'billingAccountName', label: 'Billing account', sortable: true, render: (d) => orDash(d.billingAccountName) },
  { field: 'billingTier', label: 'Tier', sortable: true, render: (d) => orDash(d.billingTier) },
  { field: 'updatedAt', label: 'Updated', sortable: true, nowrap: true, render: (d) => utcMinute(d.updatedAt) },
];

export default function DevicesPage() {
  const [state, setState] = useListState(DEVICE_LIST);
  const query = useDevicePage(state);
  return (
    <InventoryList
      title="Flex devices"
      noun="Devices"
      spec={DEVICE_LIST}
      state={state}
      onChange={setState}
      query={query}
      columns={COLUMNS}
      rowKey={(d) => d.id}
      minWidth={1100}
      filterHelp={{
        description: "make, model, name, serialNumber, partNumber, macAddress, billingAccountName, billingTier, resourceId, id; e.g. make eq 'HPE' and billingTier in ('Foundation','Enhanced')",
        placeholder: "make eq 'HPE'",
      }}
      testId="devices-table"
    />
  );
}
