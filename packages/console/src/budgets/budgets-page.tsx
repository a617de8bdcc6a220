/**
 * /console/budgets: per billing account (`?account=`), the current period's budget, actual and
 * projected as bars with the thresholds drawn, the same figures as a table, the 12 period values
 * (create and edit), the year's alert history and the notification channels.
 */
import { Badge, Button, Group, Paper, Select, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Suspense, lazy, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '../auth/use-session.js';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import { EmptyState } from '../components/empty-state.js';
import { LoadingState } from '../components/loading-state.js';
import { haveSettled, useShownOnceSettled } from '../components/settled-above.js';
import { userLocale } from '../lib/money-format.js';
import { accountChoices, chosenAccount } from './account-choice.js';
import { AlertHistory } from './alert-history.js';
import { BudgetEditor } from './budget-editor.js';
import { BudgetFiguresTable } from './budget-figures-table.js';
import { type BudgetForm, budgetToForm, newBudgetForm } from './budget-form.js';
import { STATUS_LABELS, buildBudgetChart, costLine } from './chart-data.js';
import { NotificationChannels } from './notification-channels.js';
import { PeriodValuesTable } from './period-values-table.js';
import { periodDaysLabel, periodLabel } from './periods.js';
import type { Budget } from './types.js';
import { useAlertHistory, useBudget, useBudgetAccounts, useBudgetUsage } from './use-budgets.js';

// ECharts comes in its own chunk (shared with the cost explorer), after the page is up.
const BudgetChart = lazy(() => import('./budget-chart.js'));

interface Editing {
  budgetId: number | null;
  form: BudgetForm;
}

export default function BudgetsPage() {
  const [params, setParams] = useSearchParams();
  const { data: session } = useSession();
  const canEdit = session?.permissions.includes('budgets.edit') ?? false;
  const locale = userLocale();
  const [editing, setEditing] = useState<Editing | null>(null);

  const accounts = useBudgetAccounts();
  const account = accounts.data ? chosenAccount(accounts.data, params.get('account')) : null;
  const usage = useBudgetUsage(account);
  const line = usage.data ? costLine(usage.data) : undefined;
  const budget = useBudget(line?.budgetId);
  // The alert history's first page (the query AlertHistory shows): the channels below wait for it too.
  const alerts = useAlertHistory(account, usage.data?.accountingYear, 1);
  // The channels come last: drawn once everything above has its data, they are not pushed down by it.
  const showChannels = useShownOnceSettled(haveSettled(accounts, usage, budget, alerts));
  const chart = useMemo(() => (usage.data && line ? buildBudgetChart(usage.data, line) : null), [usage.data, line]);

  const selectAccount = (next: string) => setParams({ account: next }, { replace: true });
  const year = usage.data?.accountingYear ?? new Date().getUTCFullYear();
  const startCreate = () => setEditing({ budgetId: null, form: newBudgetForm(account ?? '', year) });
  const startEdit = (b: Budget) => setEditing({ budgetId: b.id, form: budgetToForm(b) });
  const saved = (b: Budget) => {
    setEditing(null);
    notifications.show({ color: 'teal', title: 'Budget saved', message: `The ${b.accountingYear} budget of ${b.billingAccountId} is saved.` });
    if (b.billingAccountId !== account) selectAccount(b.billingAccountId);
  };
  const fetching = accounts.isFetching || usage.isFetching || budget.isFetching;
  const title = usage.data ? `${periodLabel(usage.data.accountingYear, usage.data.accountingPeriod)} of ${usage.data.billingAccountId}` : '';

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Group gap="sm" align="baseline">
          <Title order={1} size="h2">
            Budgets
          </Title>
          <Text size="xs" c="dimmed" role="status" style={{ visibility: fetching && !accounts.isPending && !usage.isPending ? 'visible' : 'hidden' }}>
            Updating…
          </Text>
        </Group>
        {canEdit && (
          <Button variant="default" onClick={startCreate} disabled={accounts.isPending}>
            New budget
          </Button>
        )}
      </Group>

      {accounts.isError && <ApiErrorAlert error={accounts.error} title="Budgets could not be loaded" onRetry={() => void accounts.refetch()} />}
      {accounts.isPending && !accounts.isError && (
        // The account picker's place and the period line's are held while the accounts load, so nothing below moves when they come.
        <>
          <Select label="Billing account" w={{ base: '100%', xs: 360 }} data={[]} disabled placeholder="Reading accounts…" />
          <Skeleton height={26} width={320} />
          <LoadingState label="Reading budgets…" height={340} />
        </>
      )}
      {accounts.isSuccess && account === null && (
        <EmptyState title="No budgets yet" height={340}>
          No billing account of this workspace has a budget. {canEdit ? 'Create one with New budget.' : 'A budget administrator can create one.'}
        </EmptyState>
      )}

      {account !== null && (
        <>
          <Select
            label="Billing account"
            w={{ base: '100%', xs: 360 }}
            searchable
            allowDeselect={false}
            data={accountChoices(accounts.data ?? [], account)}
            value={account}
            onChange={(value) => value && selectAccount(value)}
            nothingFoundMessage="No account with a budget matches"
          />
          {usage.isError && <ApiErrorAlert error={usage.error} title="Usage of the budget could not be loaded" onRetry={() => void usage.refetch()} />}
          {usage.isPending && !usage.isError && (
            <>
              <Skeleton height={26} width={320} />
              <LoadingState label="Measuring the period…" height={340} />
            </>
          )}
          {usage.data && (
            <Group gap="sm" wrap="wrap" mih={26}>
              <Text fw={600}>{periodLabel(usage.data.accountingYear, usage.data.accountingPeriod)}</Text>
              <Text c="dimmed" size="sm">
                {periodDaysLabel(usage.data.accountingStartDate, usage.data.accountingEndDate)} (current period)
              </Text>
              {line && (
                <Badge variant="light" color={line.status.startsWith('THRESHOLD') ? 'red' : 'gray'} data-testid="budget-status">
                  {STATUS_LABELS[line.status]} · {line.usagePercent} % used
                </Badge>
              )}
              {usage.data.useDefaultThresholds && line && (
                <Text size="xs" c="dimmed">
                  Thresholds: the workspace’s defaults
                </Text>
              )}
            </Group>
          )}
          {usage.data && !line && (
            <EmptyState title={`No budget for ${usage.data.accountingYear}`} height={240}>
              {account} has no cost budget for accounting year {usage.data.accountingYear}. {canEdit ? 'Create one with New budget.' : ''}
            </EmptyState>
          )}
          {chart && usage.data && (
            <>
              <Paper withBorder p="sm" aria-busy={usage.isFetching}>
                <Suspense fallback={<LoadingState label="Drawing the chart…" height={340} />}>
                  <BudgetChart data={chart} title={title} locale={locale} />
                </Suspense>
              </Paper>
              <Text size="sm" c="dimmed" data-testid="projection-note">
                {line?.projectedUsage == null
                  ? 'Not projected: the period has not begun.'
                  : 'Projected: the cost so far ÷ the days up to the last day with a cost × the days in the period, as projected alerts compute it (the whole cost once the period has ended).'}
              </Text>
              <BudgetFiguresTable data={chart} caption={`${title}, in ${chart.currency}.`} locale={locale} />
            </>
          )}
          {budget.isError && <ApiErrorAlert error={budget.error} title="The budget could not be loaded" onRetry={() => void budget.refetch()} />}
          {budget.data && usage.data && (
            <Stack gap="xs">
              <Group justify="space-between" align="flex-end">
                <Title order={2} size="h3">
                  Period values, {budget.data.accountingYear}
                </Title>
                {canEdit && (
                  <Button variant="light" onClick={() => startEdit(budget.data)}>
                    Edit budget
                  </Button>
                )}
              </Group>
              <PeriodValuesTable budget={budget.data} currentPeriod={usage.data.accountingPeriod} locale={locale} />
            </Stack>
          )}
          {usage.data && <AlertHistory key={`${account}-${usage.data.accountingYear}`} billingAccountId={account} accountingYear={usage.data.accountingYear} locale={locale} />}
        </>
      )}

      {showChannels && <NotificationChannels canEdit={canEdit} />}

      {editing && <BudgetEditor budgetId={editing.budgetId} initial={editing.form} locale={locale} onClose={() => setEditing(null)} onSaved={saved} />}
    </Stack>
  );
}
