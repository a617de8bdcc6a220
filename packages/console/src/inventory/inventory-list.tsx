/**
 * What every inventory list page shares: the title, the filter box (and the tag filter where the API
 * has one) with the server's objection under it, the table with sortable columns, the paging, and
 * the loading, empty and error states.
 */
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { issuesAbout } from '../api/errors.js';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import { EmptyState } from '../components/empty-state.js';
import { FilterBox } from '../components/filter-box.js';
import { LoadingState } from '../components/loading-state.js';
import { userLocale } from '../lib/money-format.js';
import { type Column, InventoryTable } from './inventory-table.js';
import { InventoryPaging } from './inventory-paging.js';
import { type ListSpec, type ListState, nextSort, withFilters } from './list-state.js';
import type { ListPage } from './use-inventory-page.js';

export interface FilterHelp {
  description: string;
  placeholder: string;
}

export interface InventoryListProps<T> {
  title: string;
  /** Plural, capitalized: "Devices". */
  noun: string;
  spec: ListSpec;
  state: ListState;
  onChange: (next: ListState) => void;
  query: UseQueryResult<ListPage<T>>;
  columns: readonly Column<T>[];
  rowKey: (item: T) => string;
  minWidth: number;
  filterHelp: FilterHelp;
  tagFilterHelp?: FilterHelp;
  /** Buttons beside the title. */
  actions?: ReactNode;
  /** Shown between the filters and the table (e.g. an operation's progress). */
  children?: ReactNode;
  testId: string;
}

const joined = (issues: string[]) => (issues.length > 0 ? issues.join(' ') : undefined);

export function InventoryList<T>(props: InventoryListProps<T>) {
  const { title, noun, spec, state, onChange, query, columns, rowKey, minWidth, filterHelp, tagFilterHelp, actions, children, testId } = props;
  const locale = userLocale();
  // A refused filter is said at its box, not as a page-wide error.
  const filterError = query.isError ? joined(issuesAbout(query.error, 'filter')) : undefined;
  const tagFilterError = query.isError ? joined(issuesAbout(query.error, 'filter-tags')) : undefined;
  const data = query.data;
  const filtered = state.filter !== '' || state.tagFilter !== '';
  const beyondEnd = data !== undefined && data.items.length === 0 && data.total > 0;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Group gap="sm" align="baseline">
          <Title order={1} size="h2">
            {title}
          </Title>
          {/* Always there, hidden when idle: nothing moves when a new page loads. */}
          <Text size="xs" c="dimmed" role="status" style={{ visibility: query.isFetching && !query.isPending ? 'visible' : 'hidden' }}>
            Updating…
          </Text>
        </Group>
        {actions}
      </Group>
      <FilterBox key={`filter:${state.filter}`} label="Filter" {...filterHelp} value={state.filter} error={filterError} onApply={(filter) => onChange(withFilters(state, filter))} />
      {spec.tagFilter && tagFilterHelp && (
        <FilterBox
          key={`tags:${state.tagFilter}`}
          label="Tag filter"
          {...tagFilterHelp}
          value={state.tagFilter}
          error={tagFilterError}
          onApply={(tagFilter) => onChange(withFilters(state, state.filter, tagFilter))}
        />
      )}
      {children}
      {query.isError && !filterError && !tagFilterError && <ApiErrorAlert error={query.error} title={`${noun} could not be loaded`} onRetry={() => void query.refetch()} />}
      {query.isPending && !query.isError && <LoadingState label={`Reading ${noun.toLowerCase()}…`} height={320} />}
      {data && data.total === 0 && (
        <EmptyState title={filtered ? `No ${noun.toLowerCase()} match` : `No ${noun.toLowerCase()} yet`} height={200}>
          {filtered ? 'Nothing in this workspace matches the filter. Change or clear it.' : `This workspace has no ${noun.toLowerCase()}.`}
        </EmptyState>
      )}
      {beyondEnd && (
        <EmptyState title="No items on this page" height={200}>
          The list has {data.total} {noun.toLowerCase()}, all on earlier pages.{' '}
          <Button variant="subtle" size="compact-sm" onClick={() => onChange({ ...state, page: 1 })}>
            Go to the first page
          </Button>
        </EmptyState>
      )}
      {data && data.items.length > 0 && (
        <InventoryTable
          label={noun}
          caption={`${noun}, page ${state.page}${state.sort ? `, sorted by ${state.sort.field} ${state.sort.direction === 'asc' ? 'ascending' : 'descending'}` : ''}${filtered ? ', filtered' : ''}.`}
          columns={columns}
          items={data.items}
          rowKey={rowKey}
          sort={state.sort}
          onSort={(field) => onChange(nextSort(state, field))}
          minWidth={minWidth}
          busy={query.isFetching}
          testId={testId}
        />
      )}
      {data && data.total > 0 && <InventoryPaging state={state} onChange={onChange} page={data} pageSizes={spec.pageSizes} noun={noun} locale={locale} />}
    </Stack>
  );
}
