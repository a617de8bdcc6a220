/**
 * A run's detail: the manifest of each billing period it wrote (GET …/runs/{runId}/manifest) — its
 * files with rows, bytes and sha256 as the manifest gives them, and a download link per file (fetched
 * and counted, then saved under the server's name) — or why a period's files are gone. Loading,
 * nothing written yet, and a refused read (the API's words and debugId) are each said plainly.
 */
import { Alert, Anchor, Code, Stack, Table, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import { LoadingState } from '../components/loading-state.js';
import { ScrollRegion } from '../components/scroll-region.js';
import { utcMinute } from '../inventory/formats.js';
import { formatNumber, userLocale } from '../lib/money-format.js';
import { isTerminal } from '../subscriptions/operation-state.js';
import { type DownloadProgress, bytesText, progressText, saveBlob } from './download-contents.js';
import { type ManifestPeriod, downloadRunFile, downloadableFiles, hasManifest, periodText, runFileUrl } from './run-files.js';
import type { ExportRun } from './types.js';
import { useRunManifest } from './use-exports.js';

export function RunManifestView({ exportId, run }: { exportId: string; run: ExportRun }) {
  if (!hasManifest(run)) {
    return (
      <Text size="sm" data-testid="run-manifest-empty">
        {isTerminal(run.status)
          ? 'The run wrote no billing period, so it has no manifest and no file.'
          : 'No billing period written yet: each period’s manifest appears here once the period is done.'}
      </Text>
    );
  }
  return <ManifestPeriods exportId={exportId} run={run} />;
}

function ManifestPeriods({ exportId, run }: { exportId: string; run: ExportRun }) {
  const manifest = useRunManifest(exportId, run);
  if (manifest.isPending) return <LoadingState label="Reading the run’s manifest…" height={80} />;
  if (manifest.isError) {
    return <ApiErrorAlert error={manifest.error} title="The run’s manifest could not be loaded" onRetry={() => void manifest.refetch()} />;
  }
  return (
    <Stack gap="sm" data-testid="run-manifest">
      {manifest.data.periods.map((period) => (
        <PeriodFiles key={period.billingPeriod} exportId={exportId} runId={run.id} period={period} />
      ))}
    </Stack>
  );
}

type FileState = { phase: 'loading'; name: string; progress: DownloadProgress } | { phase: 'saved'; name: string; fileName: string; bytes: number } | { phase: 'failed'; name: string; error: unknown };

function PeriodFiles({ exportId, runId, period }: { exportId: string; runId: string; period: ManifestPeriod }) {
  const [state, setState] = useState<FileState | null>(null);
  const busy = useRef(false);
  const m = period.manifest;

  if (!m) {
    return (
      <Alert color="gray" variant="light" title={`Billing period ${period.billingPeriod}`} data-period={period.billingPeriod}>
        <Text size="sm">{periodText(period)}</Text>
      </Alert>
    );
  }

  const download = async (name: string) => {
    if (busy.current) return;
    busy.current = true;
    setState({ phase: 'loading', name, progress: { received: 0 } });
    try {
      const url = runFileUrl(exportId, runId, period.billingPeriod, name);
      const saved = await downloadRunFile(url, `${period.billingPeriod}_${name}`, (progress) => setState({ phase: 'loading', name, progress }));
      saveBlob(saved.fileName, saved.blob);
      setState({ phase: 'saved', name, fileName: saved.fileName, bytes: saved.bytes });
    } catch (error) {
      setState({ phase: 'failed', name, error });
    } finally {
      busy.current = false;
    }
  };

  const files = downloadableFiles(period);
  return (
    <Stack gap={4} data-period={period.billingPeriod}>
      <Text size="sm">{periodText(period)}</Text>
      {m.files.length === 0 && <Text size="sm">No record in this period: the manifest lists no part file.</Text>}
      <ScrollRegion label={`Files of billing period ${period.billingPeriod} (run ${runId})`} minWidth={640}>
        <Table withTableBorder data-testid="manifest-files">
          <Table.Caption>
            manifest.json of {period.billingPeriod}, written {utcMinute(m.createdAt)} UTC: {formatNumber(m.rows, userLocale(), 0)} rows,{' '}
            {bytesText(m.bytes)} in {m.files.length} {m.files.length === 1 ? 'part' : 'parts'}.
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">File</Table.Th>
              <Table.Th scope="col" ta="right">
                Rows
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Size
              </Table.Th>
              <Table.Th scope="col">SHA-256</Table.Th>
              <Table.Th scope="col">Download</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {files.map((file) => (
              <Table.Tr key={file.name} data-file={file.name}>
                <Table.Td>
                  <Code>{file.name}</Code>
                </Table.Td>
                <Table.Td ta="right">{file.rows === undefined ? 'metadata' : formatNumber(file.rows, userLocale(), 0)}</Table.Td>
                <Table.Td ta="right" title={`${file.bytes} bytes`}>
                  {bytesText(file.bytes)}
                </Table.Td>
                <Table.Td>
                  <Code style={{ wordBreak: 'break-all' }}>{file.sha256}</Code>
                </Table.Td>
                <Table.Td>
                  <Anchor
                    href={runFileUrl(exportId, runId, period.billingPeriod, file.name)}
                    download={`${period.billingPeriod}_${file.name}`}
                    size="sm"
                    aria-label={`Download ${file.name} of billing period ${period.billingPeriod}`}
                    onClick={(event) => {
                      event.preventDefault();
                      void download(file.name);
                    }}
                  >
                    Download
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollRegion>
      {state?.phase === 'loading' && (
        <Text size="sm" role="status" aria-live="polite">
          {state.name}: {progressText(state.progress)}
        </Text>
      )}
      {state?.phase === 'saved' && (
        <Text size="sm" role="status" data-testid="run-file-saved">
          Saved {state.fileName} ({bytesText(state.bytes)}).
        </Text>
      )}
      {state?.phase === 'failed' && <ApiErrorAlert error={state.error} title={`${state.name} could not be downloaded`} />}
    </Stack>
  );
}
