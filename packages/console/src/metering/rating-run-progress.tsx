/**
 * One rating run followed to its end (GET /metering/v1/rating-runs/{id} at the server's interval,
 * the async-operation rules): its state as a badge and in words, the days rated of the days to rate,
 * the records written, or its error. When it ends, `onEnded` runs once (the run list is read again).
 */
import { Badge, CloseButton, Code, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import { utcMinute } from '../inventory/formats.js';
import { formatNumber, userLocale } from '../lib/money-format.js';
import { RunError } from '../exports/run-progress.js';
import { isTerminal, statusColor, statusWords } from '../subscriptions/operation-state.js';
import type { RatingRun } from './types.js';
import { useRatingRun } from './use-metering.js';
import { lastDay } from './view-state.js';

export function RatingRunProgress({ runId, onEnded, onDismiss }: { runId: string; onEnded: (run: RatingRun) => void; onDismiss: () => void }) {
  const query = useRatingRun(runId);
  const run = query.data;
  const ended = isTerminal(run?.status);
  const reported = useRef<string | null>(null);
  const locale = userLocale();
  useEffect(() => {
    if (run && ended && reported.current !== run.id) {
      reported.current = run.id;
      onEnded(run);
    }
  }, [run, ended, onEnded]);

  return (
    <Paper withBorder p="md" data-testid="rating-run" data-status={run?.status ?? 'LOADING'}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} size="h4">
            Rating run
          </Title>
          <CloseButton aria-label="Stop following this run" onClick={onDismiss} />
        </Group>
        {query.isError && <ApiErrorAlert error={query.error} title="The run could not be read" onRetry={() => void query.refetch()} />}
        {!run && !query.isError && (
          <Text size="sm" role="status">
            Reading the run…
          </Text>
        )}
        {run && (
          <>
            <Group gap="sm" wrap="wrap">
              <Badge variant="light" color={statusColor(run.status)} data-testid="rating-run-status">
                {run.status}
              </Badge>
              <Text size="sm" role="status" aria-live="polite">
                {statusWords(run.status)} — {run.result.from} to {lastDay(run.result)}, {formatNumber(run.result.daysRated, locale, 0)} of{' '}
                {formatNumber(run.result.daysTotal, locale, 0)} days rated, {formatNumber(run.result.recordsWritten, locale, 0)} cost records written
              </Text>
            </Group>
            <Progress value={run.progressPercent} aria-label="Progress of the rating run" animated={!ended} color={ended ? statusColor(run.status) : undefined} />
            <Text size="xs" c="dimmed">
              Run <Code>{run.id}</Code> ({run.result.trigger}) · started {utcMinute(run.startedAt)}
              {run.endedAt ? ` · ended ${utcMinute(run.endedAt)}` : ` · asked again every ${Math.max(2, run.suggestedPollingIntervalSeconds)} s`}
            </Text>
            <RunError error={run.error} />
          </>
        )}
      </Stack>
    </Paper>
  );
}
