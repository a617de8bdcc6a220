/**
 * Ingest: events received per day over the range in the URL (accepted, duplicates, rejected) as
 * stacked bars, the latest event time and arrival, the range's totals, and the rejected batches
 * with their issues.
 */
import { Button, Group, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { Suspense, lazy, useMemo, useState } from 'react';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import { EmptyState } from '../components/empty-state.js';
import { LoadingState } from '../components/loading-state.js';
import { haveSettled, useShownOnceSettled } from '../components/settled-above.js';
import { utcMinute } from '../inventory/formats.js';
import { formatNumber, userLocale } from '../lib/money-format.js';
import { hasBatches, ingestSeries } from './ingest-series.js';
import { RejectionsTable } from './rejections-table.js';
import { useIngestRejections, useIngestStatistics } from './use-metering.js';
import { type DayRange, lastDay, rangeOfDays, rangeProblem } from './view-state.js';

// ECharts comes in its own chunk, after the figures are up.
const IngestChart = lazy(() => import('./ingest-chart.js'));

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="lg" fw={600} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

function RangeForm({ range, onApply }: { range: DayRange; onApply: (next: DayRange) => void }) {
  const [first, setFirst] = useState(range.from);
  const [last, setLast] = useState(lastDay(range));
  const [problem, setProblem] = useState<string | undefined>();
  const apply = () => {
    const next = rangeOfDays(first, last);
    const why = rangeProblem(next);
    setProblem(why);
    if (!why) onApply(next);
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput type="date" label="First day (UTC)" value={first} onChange={(e) => setFirst(e.currentTarget.value)} error={problem} />
        <TextInput type="date" label="Last day (UTC)" value={last} onChange={(e) => setLast(e.currentTarget.value)} />
        <Button type="submit" variant="default">
          Show
        </Button>
      </Group>
    </form>
  );
}

export function IngestTab({ range, onRange }: { range: DayRange; onRange: (next: DayRange) => void }) {
  const statistics = useIngestStatistics(range);
  const locale = userLocale();
  const data = statistics.data;
  const series = useMemo(() => (data ? ingestSeries(data.days) : undefined), [data]);
  const number = (n: number) => formatNumber(n, locale, 0);
  // The rejected batches' first page is read at once, and drawn once the figures and the chart above have their place.
  useIngestRejections(1);
  const showRejections = useShownOnceSettled(haveSettled(statistics));

  return (
    <Stack gap="md">
      {/* Keyed by the range, so a range changed elsewhere (the URL, back) starts a fresh draft. */}
      <RangeForm key={`${range.from}/${range.to}`} range={range} onApply={onRange} />
      {statistics.isError && <ApiErrorAlert error={statistics.error} title="The ingest statistics could not be loaded" onRetry={() => void statistics.refetch()} />}
      {statistics.isPending && <LoadingState label="Counting the batches…" height={320} />}
      {data && (
        <>
          <SimpleGrid cols={{ base: 2, md: 3, lg: 6 }} spacing="sm" aria-label="Ingest figures" role="group">
            <Figure label="Latest event time" value={utcMinute(data.lastEventTime)} testId="last-event-time" />
            <Figure label="Last batch received" value={utcMinute(data.lastReceivedAt)} testId="last-received-at" />
            <Figure label="Batches in range" value={number(data.totals.batches)} testId="total-batches" />
            <Figure label="Events accepted" value={number(data.totals.accepted)} testId="total-accepted" />
            <Figure label="Duplicates" value={number(data.totals.duplicates)} testId="total-duplicates" />
            <Figure label="Rejected batches (events)" value={`${number(data.totals.rejectedBatches)} (${number(data.totals.rejectedEvents)})`} testId="total-rejected" />
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            Batches received from {data.from} to {lastDay(data)} (UTC days), counted when they arrive; the latest event time is that of any stored event.
          </Text>
          {series && hasBatches(data.days) ? (
            <Paper withBorder p="sm" aria-busy={statistics.isFetching}>
              <Suspense fallback={<LoadingState label="Drawing the chart…" height={320} />}>
                <IngestChart data={series} locale={locale} />
              </Suspense>
            </Paper>
          ) : (
            <EmptyState title="No batch in this range" height={200}>
              Nothing was sent between {data.from} and {lastDay(data)}. Batches sent with POST /metering/v1/events show here by the day they arrive.
            </EmptyState>
          )}
        </>
      )}
      {showRejections && <RejectionsTable />}
    </Stack>
  );
}
