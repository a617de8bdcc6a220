/** Below a list: which items are shown of how many, the page size, and the pages (offset/limit underneath). */
import { Group, Select, Text } from '@mantine/core';
import { LabelledPagination } from '../components/labelled-pagination.js';
import { type ListState, pageCount, rangeLabel, withPageSize } from './list-state.js';


export interface InventoryPagingProps {
  state: ListState;
  onChange: (next: ListState) => void;
  page: { offset: number; count: number; total: number };
  pageSizes: readonly number[];
  noun: string;
  locale: string | undefined;
}

export function InventoryPaging({ state, onChange, page, pageSizes, noun, locale }: InventoryPagingProps) {
  const pages = pageCount(page.total, state.pageSize);
  return (
    <Group justify="space-between" gap="sm" wrap="wrap">
      <Text size="sm" c="dimmed" data-testid="list-range">
        {noun} {rangeLabel(page, locale)}
      </Text>
      <Group gap="sm" wrap="wrap">
        <Select
          aria-label="Items a page"
          w={120}
          allowDeselect={false}
          data={pageSizes.map((n) => ({ value: String(n), label: `${n} a page` }))}
          value={String(state.pageSize)}
          onChange={(value) => value && onChange(withPageSize(state, Number(value)))}
        />
        {pages > 1 && (
          <LabelledPagination
            total={pages}
            value={Math.min(state.page, pages)}
            onChange={(n) => onChange({ ...state, page: n })}
            aria-label={`${noun} pages`}
            siblings={1}
           
          />
        )}
      </Group>
    </Group>
  );
}
