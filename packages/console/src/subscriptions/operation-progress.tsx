/**
 * An async subscription operation followed to its end: its state (INITIALIZED, RUNNING, SUCCEEDED,
 * FAILED, TIMEDOUT) in words and as a badge, its progress, then the result (each key or
 * subscription done or not, and why) or the error body. When it ends, `onEnded` runs once.
 */
import { Alert, Badge, CloseButton, Code, Group, List, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import { DetailLink } from '../inventory/detail-link.js';
import { utcMinute } from '../inventory/formats.js';
import { isTerminal, operationErrorText, operationTitle, resultLine, statusColor, statusWords } from './operation-state.js';
import type { AsyncOperation, OperationResultItem } from './types.js';
import { useOperation } from './use-subscriptions.js';

function ResultItem({ item }: { item: OperationResultItem }) {
  const line = resultLine(item);
  return <List.Item>{item.id && !item.reason ? <DetailLink to={`/subscriptions/${item.id}`}>{line}</DetailLink> : line}</List.Item>;
}

function OperationResult({ op }: { op: AsyncOperation }) {
  const { succeededSubscriptions: done, failedSubscriptions: failed, dryRun } = op.result;
  const error = operationErrorText(op.error);
  return (
    <Stack gap="xs">
      {dryRun && <Text size="sm">A dry run: the server checked the request and changed nothing.</Text>}
      {done.length > 0 && (
        <div>
          <Text size="sm" fw={600}>
            Succeeded ({done.length})
          </Text>
          <List size="sm" data-testid="operation-succeeded">
            {done.map((item, n) => (
              <ResultItem key={`${item.key ?? item.id ?? ''}-${n}`} item={item} />
            ))}
          </List>
        </div>
      )}
      {failed.length > 0 && (
        <div>
          <Text size="sm" fw={600}>
            Failed ({failed.length})
          </Text>
          <List size="sm" data-testid="operation-failed">
            {failed.map((item, n) => (
              <ResultItem key={`${item.key ?? item.id ?? ''}-${n}`} item={item} />
            ))}
          </List>
        </div>
      )}
      {error && (
        <Alert color="red" variant="light" title="The operation’s error" data-testid="operation-error">
          <Stack gap={4}>
            {error.message && <Text size="sm">{error.message}</Text>}
            {error.errorCode && (
              <Text size="xs">
                Error code <Code>{error.errorCode}</Code>
              </Text>
            )}
            {/* A long body scrolls in its own region, which keyboard users can focus (axe: scrollable-region-focusable). */}
            <Code block role="region" aria-label="The error body" tabIndex={0} style={{ maxHeight: 240, overflow: 'auto' }}>
              {error.json}
            </Code>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}

export function OperationProgress({ id, onEnded, onDismiss }: { id: string; onEnded: (op: AsyncOperation) => void; onDismiss: () => void }) {
  const operation = useOperation(id);
  const op = operation.data;
  const ended = isTerminal(op?.status);
  // Once per operation: the lists and the subscription are read again after the change.
  const reported = useRef<string | null>(null);
  useEffect(() => {
    if (op && ended && reported.current !== op.id) {
      reported.current = op.id;
      onEnded(op);
    }
  }, [op, ended, onEnded]);

  return (
    <Paper withBorder p="md" data-testid="operation" data-status={op?.status ?? 'LOADING'}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} size="h4">
            {operationTitle(op?.resultType)}
          </Title>
          <CloseButton aria-label="Stop showing this operation" onClick={onDismiss} />
        </Group>
        {operation.isError && <ApiErrorAlert error={operation.error} title="The operation could not be read" onRetry={() => void operation.refetch()} />}
        {op && (
          <>
            <Group gap="sm" wrap="wrap">
              <Badge variant="light" color={statusColor(op.status)} data-testid="operation-status">
                {op.status}
              </Badge>
              <Text size="sm" role="status" aria-live="polite">
                {statusWords(op.status)}
                {ended ? '' : ` — ${op.progressPercent} %`}
              </Text>
            </Group>
            <Progress value={op.progressPercent} aria-label="Progress of the operation" animated={!ended} color={ended ? statusColor(op.status) : undefined} />
            <Text size="xs" c="dimmed">
              Operation <Code>{op.id}</Code> · started {utcMinute(op.startedAt)}
              {op.endedAt ? ` · ended ${utcMinute(op.endedAt)}` : ` · asked again every ${Math.max(2, op.suggestedPollingIntervalSeconds)} s`}
            </Text>
            <OperationResult op={op} />
          </>
        )}
        {!op && !operation.isError && (
          <Text size="sm" role="status">
            Reading the operation…
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
