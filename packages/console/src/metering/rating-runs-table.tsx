/** The workspace's rating runs, newest first (requested, after ingest, and the demo's seed): status, progress, days and records; each can be followed. */
import { Badge, Button, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { LabelledPagination } from '../components/labelled-pagination.js';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import { LoadingState } from '../components/loading-state.js';
import { ScrollRegion } from '../components/scroll-region.js';
import { utcMinute } from '../inventory/formats.js';
import { formatNumber, userLocale } from '../lib/money-format.js';
import { statusColor } from '../subscriptions/operation-state.js';
import { RUN_PAGE_SIZE, useRatingRuns } from './use-metering.js';
import { lastDay } from './view-state.js';
import { useState } from 'react';

const TRIGGER_WORDS: Record<string, string> = { request: 'Requested', ingest: 'After ingest', seed: 'Demo seed' };

export function RatingRunsTable({ followed, onFollow }: { followed: string | undefined; onFollow: (runId: string) => void }) {
  const [page, setPage] = useState(1);
  const runs = useRatingRuns(page);
  const data = runs.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / RUN_PAGE_SIZE)) : 1;
  const locale = userLocale();

  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        Runs
      </Title>
      {runs.isError && <ApiErrorAlert error={runs.error} title="The rating runs could not be loaded" onRetry={() => void runs.refetch()} />}
      {runs.isPending && <LoadingState label="Reading the rating runs…" height={120} />}
      {data && data.total === 0 && <Text size="sm">No rating run yet: rating starts by itself after usage arrives, or with “Rate days”.</Text>}
      {data && data.items.length > 0 && (
        <ScrollRegion label="Rating runs" minWidth={860}>
          <Table withTableBorder striped data-testid="rating-runs-table">
            <Table.Caption>Rating runs, newest first (times in UTC, days inclusive).</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Started</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">Days</Table.Th>
                <Table.Th scope="col">Trigger</Table.Th>
                <Table.Th scope="col">Progress</Table.Th>
                <Table.Th scope="col" ta="right">
                  Records
                </Table.Th>
                <Table.Th scope="col">Detail</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((run) => (
                <Table.Tr key={run.id} data-run={run.id}>
                  <Table.Td>{utcMinute(run.startedAt)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={statusColor(run.status)}>
                      {run.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {run.result.from} to {lastDay(run.result)}
                  </Table.Td>
                  <Table.Td>{TRIGGER_WORDS[run.result.trigger] ?? run.result.trigger}</Table.Td>
                  <Table.Td miw={140}>
                    <Progress value={run.progressPercent} aria-label={`Progress of the run started ${utcMinute(run.startedAt)}`} color={statusColor(run.status)} />
                    <Text size="xs" c="dimmed">
                      {formatNumber(run.result.daysRated, locale, 0)} of {formatNumber(run.result.daysTotal, locale, 0)} days
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{formatNumber(run.result.recordsWritten, locale, 0)}</Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="default"
                      disabled={followed === run.id}
                      aria-label={`${followed === run.id ? 'Following' : 'Follow'} the run started ${utcMinute(run.startedAt)} (${run.result.from} to ${lastDay(run.result)})`}
                      onClick={() => onFollow(run.id)}
                    >
                      {followed === run.id ? 'Following' : 'Follow'}
                    </Button>
                  </Table.Td>
                </Table.Tr>
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
