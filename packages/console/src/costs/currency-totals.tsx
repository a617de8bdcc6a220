/** The range's total in each billing currency; choosing one shows it in the chart and table. */
import { Paper, SimpleGrid, Text, UnstyledButton } from '@mantine/core';
import { formatMoney } from '../lib/money-format.js';
import type { CurrencyTable } from './series.js';

export function CurrencyTotals({
  tables,
  selected,
  costLabel,
  locale,
  onSelect,
}: {
  tables: readonly CurrencyTable[];
  selected: string;
  costLabel: string;
  locale: string | undefined;
  onSelect: (currency: string) => void;
}) {
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" role="group" aria-label={`${costLabel} totals per billing currency`}>
      {tables.map((t) => (
        <UnstyledButton key={t.currency} onClick={() => onSelect(t.currency)} aria-pressed={t.currency === selected} data-testid={`total-${t.currency}`}>
          <Paper withBorder p="sm" bd={t.currency === selected ? '2px solid var(--mantine-primary-color-filled)' : undefined}>
            <Text size="xs" c="dimmed">
              {costLabel}, {t.currency}
            </Text>
            <Text size="xl" fw={700}>
              {formatMoney(t.total, t.currency, locale)}
            </Text>
          </Paper>
        </UnstyledButton>
      ))}
    </SimpleGrid>
  );
}
