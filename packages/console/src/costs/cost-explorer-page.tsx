/** /console/costs: cost over time stacked by a dimension or a tag key, totals per currency, the table, CSV; the view lives in the URL. */
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Suspense, lazy, useMemo } from 'react';
import { issuesAbout } from '../api/errors.js';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import { EmptyState } from '../components/empty-state.js';
import { LoadingState } from '../components/loading-state.js';
import { userLocale } from '../lib/money-format.js';
import { CostControls } from './cost-controls.js';
import { CostTable } from './cost-table.js';
import { tableToCsv } from './csv.js';
import { CurrencyTotals } from './currency-totals.js';
import { downloadText } from './download.js';
import { COST_LABELS, stackLabel } from './labels.js';
import { type SummaryItem, TOP_SERIES, buildTables, periodsBetween } from './series.js';
import { useCostSummary } from './use-cost-summary.js';
import { useCostView } from './use-cost-view.js';
import { useTagKeys } from './use-tag-keys.js';
import { type GroupBy, MAX_DAY_RANGE_DAYS, type StackBy, lastDayOf, rangeDays } from './view-state.js';

/** The words after "by" in the caption: `service`, `tag team` (a key keeps its case). */
const captionWords = (stack: StackBy) => ('tag' in stack ? `tag ${stack.tag}` : stackLabel(stack).toLowerCase());
/** The CSV's name for the series' field: the FOCUS column, or `Tags[key]`. */
const csvDimension = (stack: StackBy) => ('tag' in stack ? `Tags[${stack.tag}]` : stack.groupBy);
/** The grouping in a file name: `ServiceName`, `tag-cost_center_id`. */
const fileDimension = (stack: StackBy) => ('tag' in stack ? `tag-${stack.tag.replace(/[^A-Za-z0-9._-]+/g, '_')}` : stack.groupBy);

// ECharts comes in its own chunk, after the page's controls are up.
const CostChart = lazy(() => import('./cost-chart.js'));

export default function CostExplorerPage() {
  const [view, setView] = useCostView();
  const tooLong = view.granularity === 'DAY' && rangeDays(view) > MAX_DAY_RANGE_DAYS;
  const summary = useCostSummary(view);
  const tagKeys = useTagKeys(view);
  // A refused filter is said at the filter box, not as a page-wide error.
  const filterIssues = summary.isError ? issuesAbout(summary.error, 'filter') : [];
  const filterError = filterIssues.length > 0 ? filterIssues.join(' ') : undefined;
  const locale = userLocale();
  // What the data on screen was asked for: while the next view loads, the last one stays, read by its own grouping.
  const shownStack: StackBy | undefined =
    summary.data && (summary.data.groupByTag !== undefined ? { tag: summary.data.groupByTag } : { groupBy: (summary.data.groupBy[0] ?? view.groupBy) as GroupBy });
  const stack: StackBy = shownStack ?? (view.tag === null ? { groupBy: view.groupBy } : { tag: view.tag });
  const tables = useMemo(() => {
    if (!summary.data) return [];
    const { items, from, to, granularity, groupBy, groupByTag } = summary.data;
    const field = groupByTag !== undefined ? 'TagValue' : ((groupBy[0] ?? 'ServiceName') as GroupBy);
    return buildTables(items as SummaryItem[], { groupBy: field, cost: view.cost, granularity, periods: periodsBetween(from, to, granularity) });
  }, [summary.data, view.cost]);
  const table = tables.find((t) => t.currency === view.currency) ?? tables[0];
  const dimensionLabel = stackLabel(stack);
  const costLabel = COST_LABELS[view.cost];
  const caption = table
    ? `${costLabel} in ${table.currency} by ${captionWords(stack)} and ${summary.data?.granularity === 'MONTH' ? 'month' : 'day'}, ${summary.data?.from ?? view.from} to ${lastDayOf(summary.data ?? view)} (UTC); the top ${TOP_SERIES} values, the rest as Other.`
    : '';

  const download = () => {
    if (!table) return;
    downloadText(
      `costs-${fileDimension(stack)}-${view.cost}-${table.currency}-${summary.data?.from ?? view.from}-${lastDayOf(summary.data ?? view)}.csv`,
      tableToCsv(table, csvDimension(stack)),
    );
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Group gap="sm" align="baseline">
          <Title order={1} size="h2">
            Cost explorer
          </Title>
          {/* Always there, hidden when idle: nothing moves when a new view loads. */}
          <Text size="xs" c="dimmed" role="status" style={{ visibility: summary.isFetching && !summary.isPending ? 'visible' : 'hidden' }}>
            Updating…
          </Text>
        </Group>
        <Button variant="default" onClick={download} disabled={!table}>
          Download CSV
        </Button>
      </Group>
      <CostControls view={view} onChange={setView} filterError={filterError} tagKeys={tagKeys.data ?? []} />
      {tooLong && (
        <Alert color="yellow" title="Range too long for days">
          Day by day covers at most {MAX_DAY_RANGE_DAYS} days: choose Month or a shorter range.
        </Alert>
      )}
      {summary.isError && !tooLong && !filterError && <ApiErrorAlert error={summary.error} title="Costs could not be loaded" onRetry={() => void summary.refetch()} />}
      {summary.isPending && !summary.isError && <LoadingState label="Summing costs…" height={380} />}
      {summary.isSuccess && !table && (
        <EmptyState title="No costs in this range" height={380}>
          No cost record falls between {view.from} and {lastDayOf(view)}. Try a longer range, or check that usage has been rated.
        </EmptyState>
      )}
      {table && (
        <>
          <CurrencyTotals tables={tables} selected={table.currency} costLabel={costLabel} locale={locale} onSelect={(currency) => setView({ ...view, currency })} />
          <Paper withBorder p="sm" pos="relative" aria-busy={summary.isFetching}>
            <Suspense fallback={<LoadingState label="Drawing the chart…" height={380} />}>
              <CostChart table={table} dimensionLabel={dimensionLabel} costLabel={costLabel} locale={locale} />
            </Suspense>
          </Paper>
          <CostTable table={table} locale={locale} caption={caption} />
        </>
      )}
    </Stack>
  );
}
