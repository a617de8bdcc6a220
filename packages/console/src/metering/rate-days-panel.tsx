/**
 * "Rate days" (metering.rating.run): POST /metering/v1/rating-runs for a first and last day (UTC,
 * both inclusive here; `to` is sent exclusive); the 202's run is then followed on the page
 * (`?operation=<runId>`), so a reload keeps following it.
 */
import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import { useStartRatingRun } from './use-metering.js';
import { ratingRangeProblem } from './rate-days.js';
import { rangeOfDays } from './view-state.js';

export function RateDaysPanel({ running, onStarted, initialDay }: { running: boolean; onStarted: (runId: string) => void; initialDay: string }) {
  const [first, setFirst] = useState(initialDay);
  const [last, setLast] = useState(initialDay);
  const [problem, setProblem] = useState<string | undefined>();
  const start = useStartRatingRun();

  const submit = () => {
    const range = rangeOfDays(first, last);
    const why = ratingRangeProblem(range);
    setProblem(why);
    if (!why) start.mutate(range, { onSuccess: onStarted });
  };

  return (
    <Paper withBorder p="md" data-testid="rate-days-panel">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4">
            Rate days
          </Title>
          <Text size="sm">Rates (or re-rates) every day from the first to the last with the prices in force on each; a day's cost records are replaced at once.</Text>
          <Group gap="sm" align="flex-end" wrap="wrap">
            <TextInput type="date" label="Rate from (UTC)" value={first} onChange={(e) => setFirst(e.currentTarget.value)} error={problem} />
            <TextInput type="date" label="Rate through (UTC)" value={last} onChange={(e) => setLast(e.currentTarget.value)} />
            <Button type="submit" loading={start.isPending} disabled={running}>
              Rate days
            </Button>
          </Group>
          {start.isError && <ApiErrorAlert error={start.error} title="The rating run was not started" />}
        </Stack>
      </form>
    </Paper>
  );
}
