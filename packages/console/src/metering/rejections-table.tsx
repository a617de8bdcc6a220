/** The rejected batches, newest first, a page at a time; each opens its issues (event index, field, what is wrong). */
import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { LabelledPagination } from '../components/labelled-pagination.js';
import { Fragment, useState } from 'react';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import { LoadingState } from '../components/loading-state.js';
import { ScrollRegion } from '../components/scroll-region.js';
import { utcMinute } from '../inventory/formats.js';
import { formatNumber, userLocale } from '../lib/money-format.js';
import type { IngestRejection } from './types.js';
import { REJECTION_PAGE_SIZE, useIngestRejections } from './use-metering.js';


function senderText(sentBy: IngestRejection['sentBy']): string {
  if (!sentBy) return '—';
  const kind = { client: 'API client', 'api-token': 'API token', user: 'user' }[sentBy.type];
  return `${kind} ${sentBy.id}`;
}

function Issues({ rejection }: { rejection: IngestRejection }) {
  return (
    <Table withTableBorder data-testid="rejection-issues" aria-label={`Issues of the batch received ${utcMinute(rejection.receivedAt)}`}>
      <Table.Caption>
        {rejection.issueCount > rejection.issues.length
          ? `The first ${rejection.issues.length} of ${rejection.issueCount} issues (the 400 named them all).`
          : `${rejection.issueCount} ${rejection.issueCount === 1 ? 'issue' : 'issues'}; nothing of the batch was stored.`}
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Event</Table.Th>
          <Table.Th scope="col">Field</Table.Th>
          <Table.Th scope="col">Problem</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rejection.issues.map((issue, n) => (
          <Table.Tr key={n}>
            <Table.Td>#{issue.index}</Table.Td>
            <Table.Td>{issue.field || '(the event)'}</Table.Td>
            <Table.Td>{issue.description}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function RejectionsTable() {
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const rejections = useIngestRejections(page);
  const data = rejections.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / REJECTION_PAGE_SIZE)) : 1;
  const locale = userLocale();

  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        Rejected batches
      </Title>
      {rejections.isError && <ApiErrorAlert error={rejections.error} title="The rejected batches could not be loaded" onRetry={() => void rejections.refetch()} />}
      {rejections.isPending && <LoadingState label="Reading the rejected batches…" height={120} />}
      {data && data.total === 0 && <Text size="sm">No batch has been refused.</Text>}
      {data && data.items.length > 0 && (
        <ScrollRegion label="Rejected batches" minWidth={760}>
          <Table withTableBorder striped data-testid="rejections-table">
            <Table.Caption>Batches refused because an event was invalid, newest first (times in UTC); nothing of them was stored.</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Received</Table.Th>
                <Table.Th scope="col" ta="right">
                  Events
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  Invalid
                </Table.Th>
                <Table.Th scope="col">Sent by</Table.Th>
                <Table.Th scope="col">Issues</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((r) => (
                <Fragment key={r.id}>
                  <Table.Tr data-rejection={r.id}>
                    <Table.Td>{utcMinute(r.receivedAt)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(r.events, locale, 0)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(r.invalidEvents, locale, 0)}</Table.Td>
                    <Table.Td>{senderText(r.sentBy)}</Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-sm"
                        variant="default"
                        aria-expanded={open === r.id}
                        aria-label={`${open === r.id ? 'Hide' : 'Show'} ${formatNumber(r.issueCount, locale, 0)} ${r.issueCount === 1 ? 'issue' : 'issues'} of the batch received ${utcMinute(r.receivedAt)}`}
                        onClick={() => setOpen(open === r.id ? null : r.id)}
                      >
                        {open === r.id ? 'Hide' : 'Show'} {formatNumber(r.issueCount, locale, 0)} {r.issueCount === 1 ? 'issue' : 'issues'}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                  {open === r.id && (
                    <Table.Tr>
                      <Table.Td colSpan={5}>
                        <Issues rejection={r} />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
      {data && pages > 1 && (
        <Group justify="flex-end">
          <LabelledPagination total={pages} value={page} onChange={setPage} />
        </Group>
      )}
    </Stack>
  );
}
