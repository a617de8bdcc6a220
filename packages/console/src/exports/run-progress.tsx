/**
 * A run followed to its end (GET …/runs/{runId} at the server's interval, the subscriptions'
 * operation rules): its state as a badge and in words, the periods done, then its rows, bytes and
 * files, or its error. When it ends, `onEnded` runs once (the history and the definition are read again).
 */
import { Alert, Badge, CloseButton, Code, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import { utcMinute } from '../inventory/formats.js';
import { isTerminal, operationErrorText, statusColor, statusWords } from '../subscriptions/operation-state.js';
import { bytesText } from './download-contents.js';
import { RunFilesList } from './run-files-list.js';
import type { ExportRun } from './types.js';
import { useRun } from './use-exports.js';

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

export function RunProgress({ exportId, runId, onEnded, onDismiss }: { exportId: string; runId: string; onEnded: (run: ExportRun) => void; onDismiss: () => void }) {
  const query = useRun(exportId, runId);
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
    <Paper withBorder p="md" data-testid="run" data-status={run?.status ?? 'LOADING'}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} size="h4">
            Run started here
          </Title>
          <CloseButton aria-label="Stop showing this run" onClick={onDismiss} />
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
              <Badge variant="light" color={statusColor(run.status)} data-testid="run-status">
                {run.status}
              </Badge>
              <Text size="sm" role="status" aria-live="polite">
                {statusWords(run.status)} — {run.result.from} to {run.result.to}, {run.result.periodsDone} of {run.result.periods} billing periods written
              </Text>
            </Group>
            <Progress value={run.progressPercent} aria-label="Progress of the run" animated={!ended} color={ended ? statusColor(run.status) : undefined} />
            <Text size="xs" c="dimmed">
              Run <Code>{run.id}</Code> · started {utcMinute(run.startedAt)}
              {run.endedAt ? ` · ended ${utcMinute(run.endedAt)}` : ` · asked again every ${Math.max(2, run.suggestedPollingIntervalSeconds)} s`}
            </Text>
            {ended && (
              <Text size="sm">
                {run.result.rowsWritten} rows, {bytesText(run.result.bytesWritten)} in {run.result.files.length} files.
              </Text>
            )}
            <RunError error={run.error} />
            {ended && <RunFilesList files={run.result.files} runId={run.id} />}
          </>
        )}
      </Stack>
    </Paper>
  );
}
