/**
 * /console/exports: the workspace's FOCUS export definitions (GET …/focus-exports) with their
 * profile, dataset, format, compression, schedule and last run; with exports.manage, "New export".
 */
import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useSession } from '../auth/use-session.js';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import { EmptyState } from '../components/empty-state.js';
import { LoadingState } from '../components/loading-state.js';
import { ScrollRegion } from '../components/scroll-region.js';
import { DetailLink } from '../inventory/detail-link.js';
import { ExportEditor } from './export-editor.js';
import { SCHEDULE_LABELS } from './export-form.js';
import { userEventText } from './export-fields.js';
import { useExports } from './use-exports.js';

export default function ExportsPage() {
  const exports = useExports();
  const { data: session } = useSession();
  const canManage = session?.permissions.includes('exports.manage') ?? false;
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const items = exports.data?.items ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h2">
          Exports
        </Title>
        {canManage && <Button onClick={() => setCreating(true)}>New export</Button>}
      </Group>
      <Text size="sm">FOCUS export definitions: download one for a range, or run it to write files on the server.</Text>
      {exports.isError && <ApiErrorAlert error={exports.error} title="The exports could not be loaded" onRetry={() => void exports.refetch()} />}
      {exports.isPending && <LoadingState label="Reading the exports…" />}
      {exports.data && items.length === 0 && <EmptyState title="No export yet">{canManage ? 'Create one with “New export”.' : 'Someone who manages exports can create one.'}</EmptyState>}
      {items.length > 0 && (
        <ScrollRegion label="Exports" minWidth={880}>
          <Table withTableBorder striped highlightOnHover data-testid="exports-table">
            <Table.Caption>{items.length} export definitions (times in UTC).</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Profile</Table.Th>
                <Table.Th scope="col">Dataset</Table.Th>
                <Table.Th scope="col">Format</Table.Th>
                <Table.Th scope="col">Schedule</Table.Th>
                <Table.Th scope="col">Last run</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>
                    <DetailLink to={`/exports/${e.id}`}>{e.name}</DetailLink>
                  </Table.Td>
                  <Table.Td>{e.profile}</Table.Td>
                  <Table.Td>{e.dataset}</Table.Td>
                  <Table.Td>
                    {e.format}
                    {e.compression === 'gzip' ? ' (gzip)' : ''}
                  </Table.Td>
                  <Table.Td>{SCHEDULE_LABELS[e.schedule ?? 'NONE']}</Table.Td>
                  <Table.Td>{userEventText(e.lastRun)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
      {creating && <ExportEditor onClose={() => setCreating(false)} onSaved={(saved) => void navigate(`/exports/${saved.id}`)} />}
    </Stack>
  );
}
