/** The chart's figures in words: each bar and threshold in the budget's currency (Intl) and as the exact decimal string the API gave. */
import { Code, Table } from '@mantine/core';
import { formatMoney } from '../lib/money-format.js';
import type { BudgetChartData } from './chart-data.js';
import { ScrollRegion } from '../components/scroll-region.js';

export function BudgetFiguresTable({ data, caption, locale }: { data: BudgetChartData; caption: string; locale: string | undefined }) {
  const rows = [
    ...data.bars.map((b) => ({ key: b.key, label: b.label, value: b.value })),
    ...data.thresholds.map((t) => ({ key: `t${t.level}`, label: `Threshold ${t.level} (${t.percent} %)`, value: t.amount })),
  ];
  return (
    <ScrollRegion label="Budget, actual and projected" minWidth={420}>
      <Table withTableBorder striped data-testid="budget-figures">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Figure</Table.Th>
            <Table.Th scope="col" ta="right">
              Amount ({data.currency})
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Exact
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key} data-figure={row.key}>
              <Table.Th scope="row" fw={400}>
                {row.label}
              </Table.Th>
              <Table.Td ta="right" ff="monospace">
                {row.value === null ? 'not projected' : formatMoney(row.value, data.currency, locale)}
              </Table.Td>
              <Table.Td ta="right">{row.value === null ? '—' : <Code>{row.value}</Code>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollRegion>
  );
}
