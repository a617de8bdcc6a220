/** The chart's figures as a table: a row per period, a column per series, totals last; money in the table's currency. */
import { Table } from '@mantine/core';
import { formatMoney } from '../lib/money-format.js';
import type { CurrencyTable } from './series.js';

export function CostTable({ table, locale, caption }: { table: CurrencyTable; locale: string | undefined; caption: string }) {
  const money = (value: string | null | undefined) => formatMoney(value ?? null, table.currency, locale);
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table striped highlightOnHover withTableBorder stickyHeader data-testid="cost-table">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Period</Table.Th>
            {table.series.map((s) => (
              <Table.Th scope="col" key={s.name} ta="right">
                {s.name}
              </Table.Th>
            ))}
            <Table.Th scope="col" ta="right">
              Total
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {table.periods.map((period, n) => (
            <Table.Tr key={period}>
              <Table.Th scope="row" fw={400}>
                {period}
              </Table.Th>
              {table.series.map((s) => (
                <Table.Td key={s.name} ta="right" ff="monospace">
                  {money(s.values[n])}
                </Table.Td>
              ))}
              <Table.Td ta="right" ff="monospace" fw={600}>
                {money(table.periodTotals[n])}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row">Total</Table.Th>
            {table.series.map((s) => (
              <Table.Td key={s.name} ta="right" ff="monospace" fw={600}>
                {money(s.total)}
              </Table.Td>
            ))}
            <Table.Td ta="right" ff="monospace" fw={700}>
              {money(table.total)}
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
