/** /console/flex/orders/:id: one Flex order, read by filtering the list on its id (the Flex API has no GET of one order). */
import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import { EmptyState } from '../components/empty-state.js';
import { LoadingState } from '../components/loading-state.js';
import { BackLink } from '../inventory/back-link.js';
import { DetailFields } from '../inventory/detail-fields.js';
import { isUuid, orDash, utcDay, utcMinute } from '../inventory/formats.js';
import { filterString } from '../inventory/list-state.js';
import type { Order } from './types.js';
import { useOrder } from './use-flex.js';

function orderFields(o: Order) {
  return [
    { label: 'Order id', value: o.id },
    { label: 'SOW', value: o.sowId },
    { label: 'Customer', value: o.customerName },
    { label: 'Billing account', value: o.billingAccountId },
    { label: 'Billing account name', value: o.billingAccountName },
    { label: 'Term', value: `${utcDay(o.orderStartDate)} to ${utcDay(o.orderEndDate)} (UTC)` },
    { label: 'Partner', value: orDash(o.partnerName) },
    { label: 'Reseller', value: orDash(o.resellerName) },
    { label: 'Distributor', value: orDash(o.distributorName) },
    { label: 'Flex partner', value: orDash(o.isFlexPartner) },
    { label: 'Generation', value: String(o.generation) },
    { label: 'Created', value: utcMinute(o.createdAt) },
    { label: 'Updated', value: utcMinute(o.updatedAt) },
  ];
}

export default function OrderDetailPage() {
  const { id } = useParams();
  const order = useOrder(id);
  const missing = !isUuid(id) || order.data === null;
  return (
    <Stack gap="md">
      <BackLink to="/flex/orders" label="Flex orders" />
      <Title order={1} size="h2">
        {order.data ? `Order ${order.data.sowId}` : 'Flex order'}
      </Title>
      {missing && <EmptyState title="No such order">No Flex order of this workspace has the id {id}.</EmptyState>}
      {order.isError && <ApiErrorAlert error={order.error} title="The order could not be loaded" onRetry={() => void order.refetch()} />}
      {!missing && order.isPending && <LoadingState label="Reading the order…" />}
      {order.data && (
        <>
          <DetailFields caption={`Flex order ${order.data.sowId} (times in UTC).`} fields={orderFields(order.data)} testId="order-fields" />
          <Text size="sm">
            <Anchor component={Link} to={`/flex/devices?filter=${encodeURIComponent(`billingAccountName eq ${filterString(order.data.billingAccountName)}`)}`}>
              Devices of billing account {order.data.billingAccountName}
            </Anchor>
          </Text>
        </>
      )}
    </Stack>
  );
}
