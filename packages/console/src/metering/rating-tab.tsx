/** Rating runs: the one followed (`?operation=<runId>`), "Rate days" for those with metering.rating.run, and the runs, newest first. */
import { Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { isTerminal } from '../subscriptions/operation-state.js';
import { useWatchedOperation } from '../subscriptions/use-watched-operation.js';
import { RateDaysPanel } from './rate-days-panel.js';
import { RatingRunProgress } from './rating-run-progress.js';
import { RatingRunsTable } from './rating-runs-table.js';
import { METERING_KEY, useRatingRun } from './use-metering.js';

export function RatingTab({ canRun }: { canRun: boolean }) {
  const [runId, follow, dismiss] = useWatchedOperation();
  const followed = useRatingRun(runId);
  const running = runId !== undefined && !isTerminal(followed.data?.status) && !followed.isError;
  const queryClient = useQueryClient();
  // What a run changes: the run list (and the costs other pages read, under their own keys).
  const ended = useCallback(() => void queryClient.invalidateQueries({ queryKey: [...METERING_KEY, 'rating-runs'] }), [queryClient]);
  const [today] = useState(() => new Date().toISOString().slice(0, 10));

  return (
    <Stack gap="md">
      {runId && <RatingRunProgress key={runId} runId={runId} onEnded={ended} onDismiss={dismiss} />}
      {canRun && <RateDaysPanel running={running} onStarted={follow} initialDay={today} />}
      <RatingRunsTable followed={runId} onFollow={follow} />
    </Stack>
  );
}
