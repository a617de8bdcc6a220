/** An account's alerts of a year, newest first, a page at a time: time, period, threshold, kind, amounts, deliveries. */
import { Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { LabelledPagination } from '../components/labelled-pagination.js';
import { useState } from 'react';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import { EmptyState } from '../components/empty-state.js';
import { LoadingState } from '../components/loading-state.js';
import { formatMoney } from '../lib/money-format.js';
import { ALERT_KIND_LABELS, ALERT_PAGE_SIZE, alertTime, pageCount, thresholdLabel } from './alert-labels.js';
import { useAlertHistory } from './use-budgets.js';
import { ScrollRegion } from '../components/scroll-region.js';

export function AlertHistory({ billingAccountId, accountingYear, locale }: { billingAccountId: string; accountingYear: number; locale: string | undefined }) {
  const [page, setPage] = useState(1);
  const alerts = useAlertHistory(billingAccountId, accountingYear, page);
  const data = alerts.data;
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        Alert history, {accountingYear}
      </Title>
      {alerts.isError && <ApiErrorAlert error={alerts.error} title="Alerts could not be loaded" onRetry={() => void alerts.refetch()} />}
      {alerts.isPending && !alerts.isError && <LoadingState label="Reading alerts…" height={160} />}
      {data && data.total === 0 && (
        <EmptyState title="No alerts" height={140}>
          No threshold of this account’s {accountingYear} budget has been reached yet.
        </EmptyState>
      )}
      {data && data.items.length > 0 && (
        <>
          <ScrollRegion label="Alert history" minWidth={820}>
            <Table striped withTableBorder data-testid="alert-history" aria-busy={alerts.isFetching}>
              <Table.Caption>
                Alerts {data.offset + 1}–{data.offset + data.count} of {data.total}, newest first (times in UTC).
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Time</Table.Th>
                  <Table.Th scope="col">Period</Table.Th>
                  <Table.Th scope="col">Threshold</Table.Th>
                  <Table.Th scope="col">Kind</Table.Th>
                  <Table.Th scope="col" ta="right">
                    Budget
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    Actual
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    Projected
                  </Table.Th>
                  <Table.Th scope="col">Deliveries</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((a) => {
                  const money = (value: string | null) => formatMoney(value, a.currencyCode.toUpperCase(), locale);
                  const delivered = a.deliveries.filter((d) => d.status === 'DELIVERED').length;
                  const dead = a.deliveries.filter((d) => d.status === 'DEAD').length;
                  return (
                    <Table.Tr key={a.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{alertTime(a.alertDate)}</Table.Td>
                      <Table.Td>P{a.accountingPeriod}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{thresholdLabel(a)}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={a.alertType === 'PROJECTED' ? 'yellow' : 'red'}>
                          {ALERT_KIND_LABELS[a.alertType]}
                        </Badge>
                      </Table.Td>
                      <Table.Td ta="right" ff="monospace">
                        {money(a.budgetValue)}
                      </Table.Td>
                      <Table.Td ta="right" ff="monospace">
                        {money(a.actualValue)}
                      </Table.Td>
                      <Table.Td ta="right" ff="monospace">
                        {money(a.projectedValue)}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {a.deliveries.length === 0 ? 'none' : `${delivered} delivered${dead > 0 ? `, ${dead} failed` : ''} of ${a.deliveries.length}`}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
          {data.total > ALERT_PAGE_SIZE && (
            <Group justify="flex-end">
              <LabelledPagination
                total={pageCount(data.total)}
                value={page}
                onChange={setPage}
                aria-label="Alert pages"
              />
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
