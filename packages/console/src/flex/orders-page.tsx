/** /console/flex/orders: the workspace's Flex orders, filtered in the Flex filter language, sorted by any column, a page at a time. */
import { Badge } from '@mantine/core';
import type { Column } from '../inventory/inventory-table.js';
import { DetailLink } from '../inventory/detail-link.js';
import { InventoryList } from '../inventory/inventory-list.js';
import { orDash, utcDay } from '../inventory/formats.js';
import { useListState } from '../inventory/use-list-state.js';
import { ORDER_LIST } from './flex-lists.js';
import type { Order } from './types.js';
import { useOrderPage } from './use-flex.js';

const COLUMNS: readonly Column<Order>[] = [
  { field: 'sowId', label: 'SOW', sortable: true, nowrap: true, render: (o) => <DetailLink to={`/flex/orders/${o.id}`}>{o.sowId}</DetailLink> },
  { field: 'customerName', label: 'Customer', sortable: true, render: (o) => o.customerName },
  { field: 'billingAccountId', label: 'Billing account', sortable: true, nowrap: true, render: (o) => o.billingAccountId },
  { field: 'billingAccountName', label: 'Account name', sortable: true, render: (o) => o.billingAccountName },
  { field: 'partnerName', label: 'Partner', sortable: true, render: (o) => orDash(o.partnerName) },
  { field: 'orderStartDate', label: 'Start', sortable: true, nowrap: true, render: (o) => utcDay(o.orderStartDate) },
  { field: 'orderEndDate', label: 'End', sortable: true, nowrap: true, render: (o) => utcDay(o.orderEndDate) },
  {
    field: 'isFlexPartner',
    label: 'Flex partner',
    sortable: true,
    render: (o) => (o.isFlexPartner === undefined ? '—' : <Badge variant="light" color={o.isFlexPartner ? 'teal' : 'gray'} style={{ minWidth: 'max-content' }}>{o.isFlexPartner ? 'Yes' : 'No'}</Badge>),
  },
];

export default function OrdersPage() {
  const [state, setState] = useListState(ORDER_LIST);
  const query = useOrderPage(state);
  return (
    <InventoryList
      title="Flex orders"
      noun="Orders"
      spec={ORDER_LIST}
      state={state}
      onChange={setState}
      query={query}
      columns={COLUMNS}
      rowKey={(o) => o.id}
      minWidth={1000}
      filterHelp={{
        description: "customerName, sowId, billingAccountId, billingAccountName, partnerName, resellerName, distributorName, isFlexPartner, id; e.g. partnerName eq 'HPE Distributions'",
        placeholder: "customerName eq 'Acme' and partnerName ne null",
      }}
      testId="orders-table"
    />
  );
}
