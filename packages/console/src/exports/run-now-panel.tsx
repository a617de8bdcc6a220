/**
 * Run now (exports.manage): POST …/runs for the schedule's range or a chosen one; the 202's run is
 * then followed on the page (`?operation=<runId>`), so a reload keeps following it.
 */
import { Button, Checkbox, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import { DEFAULT_RANGE, type RangeChoice, rangeProblem } from './download-range.js';
import { RangeFields } from './range-fields.js';
import type { ExportConfig } from './types.js';
import { useStartRun } from './use-exports.js';

export function RunNowPanel({ config, running, onStarted }: { config: ExportConfig; running: boolean; onStarted: (runId: string) => void }) {
  const [useSchedule, setUseSchedule] = useState(config.schedule !== null);
  const [range, setRange] = useState<RangeChoice>(DEFAULT_RANGE);
  const [problem, setProblem] = useState<string | undefined>();
  const start = useStartRun();

  const submit = () => {
    const why = useSchedule ? undefined : rangeProblem(range);
    setProblem(why);
    if (why) return;
    start.mutate({ id: config.id, range: useSchedule ? undefined : range }, { onSuccess: onStarted });
  };

  return (
    <Paper withBorder p="md" data-testid="run-now-panel">
      <Stack gap="sm">
        <Title order={2} size="h4">
          Write files
        </Title>
        <Text size="sm">
          A run writes the export to files on the server, one billing period at a time, each period’s directory with a manifest.json next to its files.
        </Text>
        {config.schedule !== null && (
          <Checkbox label={`The schedule’s range (${config.schedule})`} checked={useSchedule} onChange={(e) => setUseSchedule(e.currentTarget.checked)} />
        )}
        {!useSchedule && <RangeFields label="Run range" range={range} onChange={setRange} {...(problem && { error: problem })} />}
        {start.isError && <ApiErrorAlert error={start.error} title="The run was not started" />}
        <Stack align="flex-start">
          <Button onClick={submit} loading={start.isPending} disabled={running}>
            Run now
          </Button>
        </Stack>
      </Stack>
    </Paper>
  );
}
