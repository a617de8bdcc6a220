/**
 * A run (an async operation: an export run, a rating run) followed to its end: a titled panel with
 * its state as a badge and in words, a progress bar, its id and times, what the caller adds, and its
 * error. When it ends, `onEnded` runs once. The query polls at the server's interval (the
 * subscriptions' operation rules); each kind of run supplies its own words and details.
 */
import { Alert, Badge, CloseButton, Code, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef } from 'react';
import { utcMinute } from '../inventory/formats.js';
import { isTerminal, operationErrorText, statusColor, statusWords } from '../subscriptions/operation-state.js';
import { ApiErrorAlert } from './api-error-alert.js';

/** What the panel reads of any run. */
export interface FollowedRun {
  id: string;
  status: string;
  progressPercent: number;
  startedAt: string;
  endedAt?: string | null;
  suggestedPollingIntervalSeconds: number;
  error?: unknown;
}

/** A run's error body in words, with its code; nothing when it has none. */
export function RunError({ error }: { error: unknown }) {
  const text = operationErrorText(error);
  if (!text) return null;
  return (
    <Alert color="red" variant="light" title="The run’s error" data-testid="run-error">
      <Text size="sm">
        {text.message ?? 'The run failed.'}
        {text.errorCode && (
          <>
            {' '}
            (<Code>{text.errorCode}</Code>)
          </>
        )}
      </Text>
    </Alert>
  );
}

export interface FollowedRunPanelProps<R extends FollowedRun> {
  query: UseQueryResult<R>;
  title: string;
  closeLabel: string;
  progressLabel: string;
  /** The panel's test id; its badge's is `${testId}-status`. */
  testId: string;
  /** After the state in words: what the run has done so far. */
  summary: (run: R) => ReactNode;
  /** After the id line: e.g. ` (seed)` for how it was started. */
  idNote?: (run: R) => ReactNode;
  /** Below the id line (totals once it ended, its files…), before its error. */
  details?: (run: R, ended: boolean) => ReactNode;
  /** After the error. */
  footer?: (run: R, ended: boolean) => ReactNode;
  onEnded: (run: R) => void;
  onDismiss: () => void;
}

export function FollowedRunPanel<R extends FollowedRun>({
  query,
  title,
  closeLabel,
  progressLabel,
  testId,
  summary,
  idNote,
  details,
  footer,
  onEnded,
  onDismiss,
}: FollowedRunPanelProps<R>) {
  const run = query.data;
  const ended = isTerminal(run?.status);
  const reported = useRef<string | null>(null);
  useEffect(() => {
    if (run && ended && reported.current !== run.id) {
      reported.current = run.id;
      onEnded(run);
    }
  }, [run, ended, onEnded]);

  return (
    <Paper withBorder p="md" data-testid={testId} data-status={run?.status ?? 'LOADING'}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} size="h4">
            {title}
          </Title>
          <CloseButton aria-label={closeLabel} onClick={onDismiss} />
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
              <Badge variant="light" color={statusColor(run.status)} data-testid={`${testId}-status`}>
                {run.status}
              </Badge>
              <Text size="sm" role="status" aria-live="polite">
                {statusWords(run.status)} — {summary(run)}
              </Text>
            </Group>
            <Progress value={run.progressPercent} aria-label={progressLabel} animated={!ended} color={ended ? statusColor(run.status) : undefined} />
            <Text size="xs" c="dimmed">
              Run <Code>{run.id}</Code>
              {idNote?.(run)} · started {utcMinute(run.startedAt)}
              {run.endedAt ? ` · ended ${utcMinute(run.endedAt)}` : ` · asked again every ${Math.max(2, run.suggestedPollingIntervalSeconds)} s`}
            </Text>
            {details?.(run, ended)}
            <RunError error={run.error} />
            {footer?.(run, ended)}
          </>
        )}
      </Stack>
    </Paper>
  );
}
