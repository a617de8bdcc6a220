/**
 * /console/subscriptions: the workspace's subscriptions, filtered in the GreenLake filter language
 * (and by tags), sorted by any column, a page at a time; "Add subscription keys" starts an async
 * operation, followed on the page (`?operation=`) until it ends.
 */
import { Badge, Button, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useSession } from '../auth/use-session.js';
import type { Column } from '../inventory/inventory-table.js';
import { DetailLink } from '../inventory/detail-link.js';
import { InventoryList } from '../inventory/inventory-list.js';
import { quantityText, utcDay } from '../inventory/formats.js';
import { useListState } from '../inventory/use-list-state.js';
import { userLocale } from '../lib/money-format.js';
import { AddKeysDialog } from './add-keys-dialog.js';
import { OperationProgress } from './operation-progress.js';
import { SUBSCRIPTION_LIST } from './subscription-list.js';
import type { Subscription } from './types.js';
import { SUBSCRIPTIONS_KEY, useSubscriptionPage } from './use-subscriptions.js';
import { useWatchedOperation } from './use-watched-operation.js';

const SHOWN_TAGS = 3;


/** The first tags as "key: value" lines, and how many more there are (all of them on the detail page). */
function TagLines({ tags }: { tags: Readonly<Record<string, string>> | undefined }) {
  const entries = Object.entries(tags ?? {});
  if (entries.length === 0) return <Text size="sm">—</Text>;
  return (
    <Stack gap={0}>
      {entries.slice(0, SHOWN_TAGS).map(([k, v]) => (
        <Text key={k} size="xs" style={{ whiteSpace: 'nowrap' }}>
          {k}: {v}
        </Text>
      ))}
      {entries.length > SHOWN_TAGS && <Text size="xs">+{entries.length - SHOWN_TAGS} more</Text>}
    </Stack>
  );
}

// Yellow and orange light badges fall short of WCAG AA in the light scheme (axe), so a state that needs attention is red.
const STATUS_COLORS: Record<string, string> = { STARTED: 'teal', NONE: 'gray', ENDED: 'gray', SUSPENDED: 'red', CANCELLED: 'red', LOCKED: 'red' };

const COLUMNS: readonly Column<Subscription>[] = [
  { field: 'key', label: 'Key', sortable: true, nowrap: true, render: (s) => <DetailLink to={`/subscriptions/${s.id}`}>{s.key ?? s.id}</DetailLink> },
  { field: 'subscriptionType', label: 'Type', sortable: true, nowrap: true, render: (s) => s.subscriptionType ?? '—' },
  {
    field: 'subscriptionStatus',
    label: 'Status',
    sortable: true,
    render: (s) => (
      <Badge variant="light" color={STATUS_COLORS[s.subscriptionStatus ?? ''] ?? 'gray'} style={{ minWidth: 'max-content' }}>
        {s.subscriptionStatus ?? '—'}
      </Badge>
    ),
  },
  { field: 'tier', label: 'Tier', sortable: true, render: (s) => s.tierDescription ?? s.tier ?? '—' },
  { field: 'sku', label: 'SKU', sortable: true, nowrap: true, render: (s) => s.sku ?? '—' },
  { field: 'quantity', label: 'Quantity', sortable: true, align: 'right', render: (s) => quantityText(s.quantity, userLocale()) },
  { field: 'availableQuantity', label: 'Available', sortable: true, align: 'right', render: (s) => quantityText(s.availableQuantity, userLocale()) },
  { field: 'endTime', label: 'Ends', sortable: true, nowrap: true, render: (s) => utcDay(s.endTime) },
  { field: 'tags', label: 'Tags', sortable: false, render: (s) => <TagLines tags={s.tags} /> },
];

export default function SubscriptionsPage() {
  const [state, setState] = useListState(SUBSCRIPTION_LIST);
  const query = useSubscriptionPage(state);
  const { data: session } = useSession();
  const canEdit = session?.permissions.includes('subscriptions.edit') ?? false;
  const [adding, setAdding] = useState(false);
  const [operation, watch, dismiss] = useWatchedOperation();
  const queryClient = useQueryClient();
  const ended = useCallback(() => void queryClient.invalidateQueries({ queryKey: SUBSCRIPTIONS_KEY }), [queryClient]);

  return (
    <>
      <InventoryList
        title="Subscriptions"
        noun="Subscriptions"
        spec={SUBSCRIPTION_LIST}
        state={state}
        onChange={setState}
        query={query}
        columns={COLUMNS}
        rowKey={(s) => s.id}
        minWidth={1100}
        filterHelp={{
          description: "key, subscriptionType, subscriptionStatus, tier, sku, productType, isEval, quantity, startTime, endTime, quote, po …; e.g. subscriptionType in ('CENTRAL_AP', 'CENTRAL_SWITCH')",
          placeholder: "subscriptionStatus eq 'STARTED'",
        }}
        tagFilterHelp={{ description: "Tags by key and value (both without case), e.g. 'city' eq 'London'", placeholder: "'env' eq 'prod'" }}
        actions={
          canEdit && (
            <Button variant="default" onClick={() => setAdding(true)}>
              Add subscription keys
            </Button>
          )
        }
        testId="subscriptions-table"
      >
        {operation && <OperationProgress key={operation} id={operation} onEnded={ended} onDismiss={dismiss} />}
      </InventoryList>
      {canEdit && <AddKeysDialog opened={adding} onClose={() => setAdding(false)} onAccepted={watch} />}
    </>
  );
}
