/**
 * /console/exports/:id: one export definition, its download for a range, "Run now" followed to its
 * end (`?operation=<runId>`, the subscriptions' watched-operation hook), and its run history; with
 * exports.manage also edit and delete (after a confirmation).
 */
import { Button, Group, Stack, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { isNotFound } from '../api/errors.js';
import { useSession } from '../auth/use-session.js';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import { EmptyState } from '../components/empty-state.js';
import { LoadingState } from '../components/loading-state.js';
import { BackLink } from '../inventory/back-link.js';
import { DetailFields } from '../inventory/detail-fields.js';
import { isUuid } from '../inventory/formats.js';
import { isTerminal } from '../subscriptions/operation-state.js';
import { useWatchedOperation } from '../subscriptions/use-watched-operation.js';
import { DeleteExportDialog } from './delete-export-dialog.js';
import { DownloadPanel } from './download-panel.js';
import { ExportEditor } from './export-editor.js';
import { exportFields } from './export-fields.js';
import { RunHistory } from './run-history.js';
import { RunNowPanel } from './run-now-panel.js';
import { RunProgress } from './run-progress.js';
import { EXPORTS_KEY, useExport, useRun } from './use-exports.js';

export default function ExportDetailPage() {
  const { id } = useParams();
  const config = useExport(id);
  const { data: session } = useSession();
  const canManage = session?.permissions.includes('exports.manage') ?? false;
  const [runId, watch, dismiss] = useWatchedOperation();
  const watched = useRun(id ?? '', runId);
  const running = runId !== undefined && !isTerminal(watched.data?.status) && !watched.isError;
  const [dialog, setDialog] = useState<'edit' | 'delete' | null>(null);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const ended = useCallback(() => void queryClient.invalidateQueries({ queryKey: EXPORTS_KEY }), [queryClient]);
  const missing = !isUuid(id) || (config.isError && isNotFound(config.error));
  const c = config.data;

  return (
    <Stack gap="md">
      <BackLink to="/exports" label="Exports" />
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h2">
          {c ? `Export “${c.name}”` : 'Export'}
        </Title>
        {c && canManage && (
          <Group gap="sm">
            <Button variant="default" onClick={() => setDialog('edit')}>
              Edit
            </Button>
            <Button variant="outline" color="red" onClick={() => setDialog('delete')}>
              Delete
            </Button>
          </Group>
        )}
      </Group>
      {missing && <EmptyState title="No such export">No export of this workspace has the id {id}.</EmptyState>}
      {config.isError && !missing && <ApiErrorAlert error={config.error} title="The export could not be loaded" onRetry={() => void config.refetch()} />}
      {!missing && config.isPending && <LoadingState label="Reading the export…" />}
      {c && (
        <>
          <DetailFields caption={`Export “${c.name}” (times in UTC).`} fields={exportFields(c)} testId="export-fields" />
          <DownloadPanel exportId={c.id} />
          {runId && <RunProgress key={runId} exportId={c.id} runId={runId} onEnded={ended} onDismiss={dismiss} />}
          {canManage && <RunNowPanel config={c} running={running} onStarted={watch} />}
          <RunHistory exportId={c.id} />
          {dialog === 'edit' && <ExportEditor config={c} onClose={() => setDialog(null)} onSaved={() => setDialog(null)} />}
          {dialog === 'delete' && <DeleteExportDialog config={c} onClose={() => setDialog(null)} onDeleted={() => void navigate('/exports', { replace: true })} />}
        </>
      )}
    </Stack>
  );
}
