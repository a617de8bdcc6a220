/**
 * Create or edit a budget: the 12 period values (decimal text, checked here and again by the
 * server, whose 400 issues are shown at the field they name), Copy the first value to all, Divide a
 * yearly amount by 12 exactly, the alert switches and thresholds. Saved with POST or PUT.
 */
import { Alert, Button, Checkbox, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import { formatMoney } from '../lib/money-format.js';
import { type BudgetForm, type FieldErrors, LEVELS, budgetBody, checkAmount, serverFieldErrors, thresholdField, validateBudgetForm, valueField } from './budget-form.js';
import { PERIOD_NUMBERS, copyFirstToAll, divideYearly, yearTotal } from './periods.js';
import type { Budget } from './types.js';
import { useSaveBudget } from './use-budgets.js';

export interface BudgetEditorProps {
  /** The budget replaced (PUT), or null to create one (POST). */
  budgetId: number | null;
  initial: BudgetForm;
  locale: string | undefined;
  onClose: () => void;
  onSaved: (budget: Budget) => void;
}

export function BudgetEditor({ budgetId, initial, locale, onClose, onSaved }: BudgetEditorProps) {
  const narrow = useMediaQuery('(max-width: 36em)');
  const [form, setForm] = useState(initial);
  const [yearly, setYearly] = useState('');
  const [yearlyError, setYearlyError] = useState<string | undefined>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useSaveBudget();
  const creating = budgetId === null;
  const total = yearTotal(form.values);
  const currency = form.currency.trim().toUpperCase();

  const update = (patch: Partial<BudgetForm>) => setForm((f) => ({ ...f, ...patch }));
  const setValue = (period: number, text: string) => {
    update({ values: form.values.map((v, i) => (i === period - 1 ? text : v)) });
    if (errors[valueField(period)]) setErrors((e) => ({ ...e, [valueField(period)]: undefined }));
  };
  const copy = () => {
    const problem = checkAmount(form.values[0] ?? '');
    if (problem) return setErrors((e) => ({ ...e, [valueField(1)]: problem }));
    update({ values: copyFirstToAll(form.values) });
    setErrors({});
  };
  const divide = () => {
    const values = divideYearly(yearly);
    if (!values) return setYearlyError(checkAmount(yearly) || 'Not an amount.');
    setYearlyError(undefined);
    update({ values });
    setErrors({});
  };
  const submit = () => {
    const found = validateBudgetForm(form);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    save.mutate(
      { id: budgetId, body: budgetBody(form) },
      {
        onSuccess: (budget) => onSaved(budget),
        onError: (error) => setErrors(serverFieldErrors(error)),
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={creating ? 'New budget' : `Edit the ${form.accountingYear} budget of ${form.billingAccountId}`} size="xl" fullScreen={narrow} closeButtonProps={{ 'aria-label': 'Close' }}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          {save.isError && <ApiErrorAlert error={save.error} title="The budget was not saved" />}
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label="Billing account"
              required
              readOnly={!creating}
              value={form.billingAccountId}
              error={errors.billingAccountId}
              onChange={(e) => update({ billingAccountId: e.currentTarget.value })}
            />
            <TextInput label="Accounting year" required inputMode="numeric" readOnly={!creating} value={form.accountingYear} error={errors.accountingYear} onChange={(e) => update({ accountingYear: e.currentTarget.value })} />
            <TextInput
              label="Currency"
              description={creating ? 'Empty: the account’s' : undefined}
              maxLength={3}
              value={form.currency}
              error={errors.currency}
              onChange={(e) => update({ currency: e.currentTarget.value })}
            />
          </SimpleGrid>
          <TextInput label="Description" value={form.description} error={errors.description} maxLength={1024} onChange={(e) => update({ description: e.currentTarget.value })} />

          <Stack gap="xs">
            <Text fw={600} id="period-values-label">
              Period values
            </Text>
            <Group align="flex-end" gap="sm" wrap="wrap">
              <TextInput
                label="Yearly amount"
                placeholder="120000.00"
                inputMode="decimal"
                w={180}
                value={yearly}
                error={yearlyError}
                onChange={(e) => setYearly(e.currentTarget.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    divide();
                  }
                }}
              />
              <Button variant="default" onClick={divide}>
                Divide by 12
              </Button>
              <Button variant="default" onClick={copy}>
                Copy the first value to all
              </Button>
            </Group>
            <SimpleGrid cols={{ base: 2, xs: 3, md: 4 }} spacing="sm" role="group" aria-labelledby="period-values-label">
              {PERIOD_NUMBERS.map((p) => (
                <TextInput
                  key={p}
                  label={`Period ${p}`}
                  inputMode="decimal"
                  value={form.values[p - 1] ?? ''}
                  error={errors[valueField(p)]}
                  onChange={(e) => setValue(p, e.currentTarget.value)}
                  styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', textAlign: 'right' } }}
                  data-testid={`period-${p}`}
                />
              ))}
            </SimpleGrid>
            {errors.costPeriods && (
              <Text c="red" size="sm" role="alert">
                {errors.costPeriods}
              </Text>
            )}
            <Text size="sm" c="dimmed" data-testid="year-total">
              Year total: {total === null ? '—' : /^[A-Z]{3}$/.test(currency) ? `${formatMoney(total, currency, locale)} (${total})` : total}
            </Text>
          </Stack>

          <Stack gap="xs">
            <Text fw={600}>Alerts</Text>
            <Group gap="lg">
              <Checkbox label="Standard alerts (cost so far)" checked={form.standardAlertsEnabled} onChange={(e) => update({ standardAlertsEnabled: e.currentTarget.checked })} />
              <Checkbox label="Projected alerts (cost projected to the period’s end)" checked={form.projectedAlertsEnabled} onChange={(e) => update({ projectedAlertsEnabled: e.currentTarget.checked })} />
            </Group>
            <Checkbox
              label="Use the workspace’s default thresholds"
              checked={form.useDefaultThresholds}
              onChange={(e) => update({ useDefaultThresholds: e.currentTarget.checked })}
              error={errors.useDefaultThresholds}
            />
            <SimpleGrid cols={{ base: 3 }} spacing="sm">
              {LEVELS.map((level) => (
                <TextInput
                  key={level}
                  label={`Threshold ${level} (%)`}
                  inputMode="numeric"
                  disabled={form.useDefaultThresholds}
                  value={form.thresholds[level - 1]}
                  error={errors[thresholdField(level)]}
                  onChange={(e) => {
                    const thresholds = [...form.thresholds] as BudgetForm['thresholds'];
                    thresholds[level - 1] = e.currentTarget.value;
                    update({ thresholds });
                  }}
                />
              ))}
            </SimpleGrid>
            {!form.useDefaultThresholds && (
              <Alert variant="light" color="gray">
                0 turns a level off; an empty level is not set.
              </Alert>
            )}
          </Stack>

          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {creating ? 'Create budget' : 'Save budget'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
