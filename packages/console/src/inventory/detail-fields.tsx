/** A resource's fields as a two-column table (field name as the row header), for the detail pages. */
import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

export interface DetailField {
  label: string;
  value: ReactNode;
}

export function DetailFields({ caption, fields, testId }: { caption: string; fields: readonly DetailField[]; testId: string }) {
  return (
    <Table withTableBorder variant="vertical" layout="fixed" data-testid={testId}>
      <Table.Caption>{caption}</Table.Caption>
      <Table.Tbody>
        {fields.map((f) => (
          <Table.Tr key={f.label}>
            <Table.Th scope="row" w={{ base: 140, sm: 220 }}>
              {f.label}
            </Table.Th>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>{f.value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
