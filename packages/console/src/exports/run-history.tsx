/** The export's runs, newest first, a page at a time: status, range, trigger, rows, bytes, and each run's detail on demand (its manifest and files). */
import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { LabelledPagination } from '../components/labelled-pagination.js';
import { Fragment, useState } from 'react';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import { LoadingState } from '../components/loading-state.js';
import { ScrollRegion } from '../components/scroll-region.js';
import { utcMinute } from '../inventory/formats.js';
import { formatNumber, userLocale } from '../lib/money-format.js';
import { statusColor } from '../subscriptions/operation-state.js';
import { bytesText } from './download-contents.js';
import { RunManifestView } from './run-manifest-view.js';
import { RunError } from './run-progress.js';
import { RUN_PAGE_SIZE, useRuns } from './use-exports.js';


export function RunHistory({ exportId }: { exportId: string }) {
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const runs = useRuns(exportId, page);
  const data = runs.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / RUN_PAGE_SIZE)) : 1;

  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        Run history
      </Title>
      {runs.isError && <ApiErrorAlert error={runs.error} title="The runs could not be loaded" onRetry={() => void runs.refetch()} />}
      {runs.isPending && <LoadingState label="Reading the runs…" height={120} />}
      {data && data.total === 0 && <Text size="sm">This export has not run yet.</Text>}
      {data && data.items.length > 0 && (
        <ScrollRegion label="Run history" minWidth={760}>
          <Table withTableBorder striped data-testid="run-history">
            <Table.Caption>Runs of this export, newest first (times in UTC). Show a run’s files for its manifest and downloads.</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Started</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">Range</Table.Th>
                <Table.Th scope="col">Trigger</Table.Th>
                <Table.Th scope="col" ta="right">
                  Rows
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  Bytes
                </Table.Th>
                <Table.Th scope="col">Files</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((run) => (
                <Fragment key={run.id}>
                  <Table.Tr data-run={run.id}>
                    <Table.Td>{utcMinute(run.startedAt)}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={statusColor(run.status)}>
                        {run.status}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {run.result.from} to {run.result.to}
                    </Table.Td>
                    <Table.Td>{run.result.trigger}</Table.Td>
                    <Table.Td ta="right">{formatNumber(run.result.rowsWritten, userLocale(), 0)}</Table.Td>
                    <Table.Td ta="right">{bytesText(run.result.bytesWritten)}</Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-sm"
                        variant="default"
                        aria-expanded={open === run.id}
                        aria-label={`${open === run.id ? 'Hide' : 'Show'} the ${run.result.files.length} files of the run started ${utcMinute(run.startedAt)}`}
                        onClick={() => setOpen(open === run.id ? null : run.id)}
                      >
                        {run.result.files.length} {open === run.id ? '(hide)' : '(show)'}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                  {open === run.id && (
                    <Table.Tr>
                      <Table.Td colSpan={7}>
                        <RunError error={run.error} />
                        <RunManifestView exportId={exportId} run={run} />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
      {data && pages > 1 && (
        <Group justify="flex-end">
          <LabelledPagination total={pages} value={page} onChange={setPage} />
        </Group>
      )}
    </Stack>
  );
}
