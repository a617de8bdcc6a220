/**
 * /console/subscriptions/:id: one subscription (GET /subscriptions/v1/subscriptions/{id}) and its
 * tags, editable with subscriptions.edit; a tag update is an async operation, followed on the page
 * (`?operation=`) until it ends, after which the subscription is read again.
 */
import { Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useParams } from 'react-router';
import { isNotFound } from '../api/errors.js';
import { useSession } from '../auth/use-session.js';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import { EmptyState } from '../components/empty-state.js';
import { LoadingState } from '../components/loading-state.js';
import { BackLink } from '../inventory/back-link.js';
import { DetailFields } from '../inventory/detail-fields.js';
import { isUuid, orDash, quantityText, utcDay, utcMinute } from '../inventory/formats.js';
import { userLocale } from '../lib/money-format.js';
import { isTerminal } from './operation-state.js';
import { OperationProgress } from './operation-progress.js';
import { TagsEditor } from './tags-editor.js';
import type { Subscription } from './types.js';
import { SUBSCRIPTIONS_KEY, useOperation, useSubscription } from './use-subscriptions.js';
import { useWatchedOperation } from './use-watched-operation.js';


function subscriptionFields(s: Subscription) {
  return [
    { label: 'Key', value: orDash(s.key) },
    { label: 'Status', value: <Badge variant="light" color={s.subscriptionStatus === 'STARTED' ? 'teal' : 'gray'}>{orDash(s.subscriptionStatus)}</Badge> },
    { label: 'Type', value: orDash(s.subscriptionType) },
    { label: 'Product type', value: orDash(s.productType) },
    { label: 'Tier', value: s.tierDescription ? `${s.tierDescription} (${orDash(s.tier)})` : orDash(s.tier) },
    { label: 'SKU', value: s.skuDescription ? `${orDash(s.sku)} — ${s.skuDescription}` : orDash(s.sku) },
    { label: 'Quantity', value: `${quantityText(s.availableQuantity, userLocale())} available of ${quantityText(s.quantity, userLocale())}` },
    { label: 'Evaluation', value: orDash(s.isEval) },
    { label: 'Term', value: `${utcDay(s.startTime)} to ${utcDay(s.endTime)} (UTC)` },
    { label: 'Contract', value: orDash(s.contract) },
    { label: 'Quote', value: orDash(s.quote) },
    { label: 'PO', value: orDash(s.po) },
    { label: 'Reseller PO', value: orDash(s.resellerPo) },
    { label: 'Subscription id', value: s.id },
    { label: 'Added', value: utcMinute(s.createdAt) },
    { label: 'Updated', value: utcMinute(s.updatedAt) },
  ];
}

function ReadOnlyTags({ tags }: { tags: Readonly<Record<string, string>> }) {
  const entries = Object.entries(tags).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <Text size="sm">This subscription has no tags.</Text>;
  return (
    <Table withTableBorder striped data-testid="subscription-tags">
      <Table.Caption>The subscription’s tags.</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Key</Table.Th>
          <Table.Th scope="col">Value</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Td>{k}</Table.Td>
            <Table.Td>{v}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export default function SubscriptionDetailPage() {
  const { id } = useParams();
  const subscription = useSubscription(id);
  const { data: session } = useSession();
  const canEdit = session?.permissions.includes('subscriptions.edit') ?? false;
  const [operation, watch, dismiss] = useWatchedOperation();
  const watched = useOperation(operation);
  const running = operation !== undefined && !isTerminal(watched.data?.status) && !watched.isError;
  const queryClient = useQueryClient();
  const ended = useCallback(() => void queryClient.invalidateQueries({ queryKey: SUBSCRIPTIONS_KEY }), [queryClient]);
  const missing = !isUuid(id) || (subscription.isError && isNotFound(subscription.error));
  const s = subscription.data;

  return (
    <Stack gap="md">
      <BackLink to="/subscriptions" label="Subscriptions" />
      <Title order={1} size="h2">
        {s ? `Subscription ${s.key ?? s.id}` : 'Subscription'}
      </Title>
      {missing && <EmptyState title="No such subscription">No subscription of this workspace has the id {id}.</EmptyState>}
      {subscription.isError && !missing && <ApiErrorAlert error={subscription.error} title="The subscription could not be loaded" onRetry={() => void subscription.refetch()} />}
      {!missing && subscription.isPending && <LoadingState label="Reading the subscription…" />}
      {s && (
        <>
          <DetailFields caption={`Subscription ${s.key ?? s.id} (times in UTC).`} fields={subscriptionFields(s)} testId="subscription-fields" />
          <Title order={2} size="h3">
            Tags
          </Title>
          {operation && <OperationProgress key={operation} id={operation} onEnded={ended} onDismiss={dismiss} />}
          {canEdit ? (
            // A fresh editor for each version of the subscription: after an update, the rows are what the server holds.
            <TagsEditor key={`${s.id}-${s.updatedAt ?? ''}-${JSON.stringify(s.tags ?? {})}`} subscriptionId={s.id} tags={s.tags ?? {}} locked={running} onAccepted={watch} />
          ) : (
            <ReadOnlyTags tags={s.tags ?? {}} />
          )}
        </>
      )}
    </Stack>
  );
}
