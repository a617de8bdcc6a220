/**
 * An inventory list as a table: a column per field, the sortable ones with a header button that
 * cycles ascending, descending and the API's default order (announced by `aria-sort`), inside a
 * focusable region that scrolls sideways on a narrow screen.
 */
import { Table, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import { ScrollRegion } from '../components/scroll-region.js';
import type { SortChoice } from './list-state.js';

export interface Column<T> {
  /** The API's field name (what `sort` takes). */
  field: string;
  label: string;
  sortable: boolean;
  render: (item: T) => ReactNode;
  align?: 'left' | 'right';
  nowrap?: boolean;
}

const ARROWS = { asc: '▲', desc: '▼', none: '↕' } as const;

function SortHeader({ label, direction, onSort }: { label: string; direction: SortChoice['direction'] | null; onSort: () => void }) {
  const next = direction === null ? 'ascending' : direction === 'asc' ? 'descending' : 'the default order';
  return (
    <UnstyledButton onClick={onSort} fw={700} fz="sm" style={{ whiteSpace: 'nowrap' }} title={`Sort by ${label}, ${next}`}>
      {label}{' '}
      <span aria-hidden="true" style={{ opacity: direction === null ? 0.55 : 1 }}>
        {ARROWS[direction ?? 'none']}
      </span>
    </UnstyledButton>
  );
}

export interface InventoryTableProps<T> {
  label: string;
  caption: string;
  columns: readonly Column<T>[];
  items: readonly T[];
  rowKey: (item: T) => string;
  sort: SortChoice | null;
  onSort: (field: string) => void;
  minWidth: number;
  busy: boolean;
  testId: string;
}

export function InventoryTable<T>({ label, caption, columns, items, rowKey, sort, onSort, minWidth, busy, testId }: InventoryTableProps<T>) {
  return (
    <ScrollRegion label={label} minWidth={minWidth}>
      <Table striped highlightOnHover withTableBorder data-testid={testId} aria-busy={busy}>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => {
              const direction = sort?.field === c.field ? sort.direction : null;
              return (
                <Table.Th
                  key={c.field}
                  scope="col"
                  ta={c.align}
                  aria-sort={c.sortable ? (direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none') : undefined}
                  data-field={c.field}
                >
                  {c.sortable ? <SortHeader label={c.label} direction={direction} onSort={() => onSort(c.field)} /> : c.label}
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={rowKey(item)}>
              {columns.map((c) => (
                <Table.Td key={c.field} ta={c.align} ff={c.align === 'right' ? 'monospace' : undefined} style={c.nowrap ? { whiteSpace: 'nowrap' } : undefined}>
                  {c.render(item)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollRegion>
  );
}
