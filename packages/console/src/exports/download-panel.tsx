/**
 * Download an export's contents for a range: streamed with fetch and counted (bytes received, and a
 * percentage when the size is known), then saved under the server's file name. Nothing in the range
 * (204) and a refused range (400: the API's words and debugId) are said plainly.
 */
import { Alert, Button, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import { type DownloadProgress, bytesText, downloadContents, percentDone, progressText, saveBlob } from './download-contents.js';
import { DEFAULT_RANGE, type RangeChoice, rangeProblem, rangeText } from './download-range.js';
import { RangeFields } from './range-fields.js';

type DownloadState =
  | { phase: 'idle' }
  | { phase: 'loading'; progress: DownloadProgress }
  | { phase: 'saved'; fileName: string; bytes: number }
  | { phase: 'empty'; range: string }
  | { phase: 'failed'; error: unknown };

export function DownloadPanel({ exportId }: { exportId: string }) {
  const [range, setRange] = useState<RangeChoice>(DEFAULT_RANGE);
  const [state, setState] = useState<DownloadState>({ phase: 'idle' });
  const [problem, setProblem] = useState<string | undefined>();
  const abort = useRef<AbortController | null>(null);

  const start = async () => {
    const why = rangeProblem(range);
    setProblem(why);
    if (why) return;
    abort.current = new AbortController();
    setState({ phase: 'loading', progress: { received: 0 } });
    try {
      const outcome = await downloadContents(exportId, range, (progress) => setState({ phase: 'loading', progress }), { signal: abort.current.signal });
      if (outcome.kind === 'empty') return setState({ phase: 'empty', range: rangeText(range) });
      saveBlob(outcome.fileName, outcome.blob);
      setState({ phase: 'saved', fileName: outcome.fileName, bytes: outcome.bytes });
    } catch (error) {
      setState(error instanceof DOMException && error.name === 'AbortError' ? { phase: 'idle' } : { phase: 'failed', error });
    } finally {
      abort.current = null;
    }
  };

  const loading = state.phase === 'loading';
  const percent = loading ? percentDone(state.progress) : undefined;
  return (
    <Paper withBorder p="md" data-testid="download-panel">
      <Stack gap="sm">
        <Title order={2} size="h4">
          Download
        </Title>
        <Text size="sm">The export’s records for a range, as the definition says (profile, format, compression), saved as the server names the file.</Text>
        <RangeFields label="Download range" range={range} onChange={setRange} {...(problem && { error: problem })} />
        {problem && range.kind === 'relative' && <Text size="sm">{problem}</Text>}
        <Stack gap={4} align="flex-start">
          {loading ? (
            <Button variant="default" onClick={() => abort.current?.abort()}>
              Cancel download
            </Button>
          ) : (
            <Button onClick={() => void start()}>Download</Button>
          )}
        </Stack>
        {loading && (
          <Stack gap={4}>
            <Progress
              value={percent ?? 100}
              animated
              striped={percent === undefined}
              aria-label="Download progress"
              {...(percent === undefined && { 'aria-valuetext': progressText(state.progress) })}
            />
            <Text size="sm" role="status" aria-live="polite" data-testid="download-progress">
              {progressText(state.progress)}
            </Text>
          </Stack>
        )}
        {state.phase === 'saved' && (
          <Text size="sm" role="status" data-testid="download-saved">
            Saved {state.fileName} ({bytesText(state.bytes)}).
          </Text>
        )}
        {state.phase === 'empty' && (
          <Alert color="blue" variant="light" title="Nothing to download" data-testid="download-empty">
            No record matches this export in {state.range}: the server answered 204 and no file was saved.
          </Alert>
        )}
        {state.phase === 'failed' && <ApiErrorAlert error={state.error} title="The download was refused" />}
      </Stack>
    </Paper>
  );
}
