/**
 * An export run followed to its end (GET …/runs/{runId} at the server's interval): the periods
 * done, then its rows, bytes and the manifest of its files (with downloads), or its error. When it
 * ends, `onEnded` runs once (the history and the definition are read again).
 */
import { Text } from '@mantine/core';
import { FollowedRunPanel } from '../components/followed-run-panel.js';
import { bytesText } from './download-contents.js';
import { RunManifestView } from './run-manifest-view.js';
import type { ExportRun } from './types.js';
import { useRun } from './use-exports.js';

export { RunError } from '../components/followed-run-panel.js';

export function RunProgress({ exportId, runId, onEnded, onDismiss }: { exportId: string; runId: string; onEnded: (run: ExportRun) => void; onDismiss: () => void }) {
  return (
    <FollowedRunPanel
      query={useRun(exportId, runId)}
      title="Run started here"
      closeLabel="Stop showing this run"
      progressLabel="Progress of the run"
      testId="run"
      summary={(run) => `${run.result.from} to ${run.result.to}, ${run.result.periodsDone} of ${run.result.periods} billing periods written`}
      details={(run, ended) =>
        ended && (
          <Text size="sm">
            {run.result.rowsWritten} rows, {bytesText(run.result.bytesWritten)} in {run.result.files.length} files.
          </Text>
        )
      }
      footer={(run, ended) => ended && <RunManifestView exportId={exportId} run={run} />}
      onEnded={onEnded}
      onDismiss={onDismiss}
    />
  );
}
