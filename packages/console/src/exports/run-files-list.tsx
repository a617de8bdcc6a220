/** A run's files by billing period: path, rows and bytes, and where the period's manifest.json is on the server. */
import { Code, Stack, Table, Text } from '@mantine/core';
import { ScrollRegion } from '../components/scroll-region.js';
import { formatNumber, userLocale } from '../lib/money-format.js';
import { bytesText } from './download-contents.js';
import { filesByPeriod } from './run-files.js';
import type { ExportRunFile } from './types.js';

export function RunFilesList({ files, runId }: { files: readonly ExportRunFile[]; runId: string }) {
  if (files.length === 0) return <Text size="sm">No file written.</Text>;
  return (
    <Stack gap="xs" data-testid="run-files">
      {filesByPeriod(files).map((group) => (
        <Stack key={group.directory} gap={4}>
          <ScrollRegion label={`Files of ${group.period ?? group.directory} (run ${runId})`} minWidth={520}>
            <Table withTableBorder>
              <Table.Caption>
                {group.period ? `Billing period ${group.period}` : group.directory}: manifest at <Code>{group.manifest}</Code> in the server’s export directory
                (CONSUMO_EXPORT_DIR); the API does not serve it.
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Path (under CONSUMO_EXPORT_DIR)</Table.Th>
                  <Table.Th scope="col" ta="right">
                    Rows
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    Bytes
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {group.files.map((file) => (
                  <Table.Tr key={file.path}>
                    <Table.Td>
                      <Code>{file.path}</Code>
                    </Table.Td>
                    <Table.Td ta="right">{formatNumber(file.rows, userLocale(), 0)}</Table.Td>
                    <Table.Td ta="right" title={`${file.bytes} bytes`}>
                      {bytesText(file.bytes)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
        </Stack>
      ))}
    </Stack>
  );
}
