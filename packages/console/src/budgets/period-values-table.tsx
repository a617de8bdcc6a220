/** A budget's 12 period values and their exact year total, the current period marked. */
import { Table } from '@mantine/core';
import { formatMoney } from '../lib/money-format.js';
import { PERIOD_NUMBERS, shortPeriodLabel, yearTotal } from './periods.js';
import type { Budget } from './types.js';
import { ScrollRegion } from '../components/scroll-region.js';

export function PeriodValuesTable({ budget, currentPeriod, locale }: { budget: Budget; currentPeriod: number; locale: string | undefined }) {
  const byPeriod = new Map(budget.costPeriods.map((p) => [p.accountingPeriod, p.budgetValue]));
  const values = PERIOD_NUMBERS.map((p) => byPeriod.get(p) ?? null);
  const currency = budget.currency.toUpperCase();
  const total = yearTotal(values.filter((v): v is string => v !== null));
  return (
    <ScrollRegion label="Period values" minWidth={1100}>
      <Table withTableBorder data-testid="period-values">
        <Table.Caption>
          Period values of the {budget.accountingYear} budget in {currency}; the current period is marked.
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {PERIOD_NUMBERS.map((p) => (
              <Table.Th key={p} scope="col" ta="right" bg={p === currentPeriod ? 'var(--mantine-primary-color-light)' : undefined} aria-current={p === currentPeriod ? 'true' : undefined}>
                {shortPeriodLabel(p)}
              </Table.Th>
            ))}
            <Table.Th scope="col" ta="right">
              Year
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Table.Tr>
            {values.map((v, i) => (
              <Table.Td key={i} ta="right" ff="monospace" bg={i + 1 === currentPeriod ? 'var(--mantine-primary-color-light)' : undefined} data-period={i + 1}>
                {formatMoney(v, currency, locale)}
              </Table.Td>
            ))}
            <Table.Td ta="right" ff="monospace" fw={700} data-testid="period-values-total">
              {formatMoney(total, currency, locale)}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </ScrollRegion>
  );
}
