/**
 * The export filter as rows, one fieldset per criterion: a column of the export's dataset (picked
 * from its FOCUS columns, or typed: an x_ column or Tags.<key>), an operator that applies to it, and
 * its values (none, one, or a list as tags). Each row shows its own problems, the server's included;
 * the criteria as JSON are shown read-only below.
 */
import { ActionIcon, Autocomplete, Box, Button, Code, Fieldset, Group, Input, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import type { FilterOperator } from '@consumo/focus/formats';
import {
  type FilterDataset,
  type FilterRow,
  OPERATOR_LABELS,
  type RowErrors,
  columnNames,
  criteriaOf,
  newRow,
  operatorsFor,
  valueShape,
  withOperator,
} from './filter-rows.js';

export interface FilterRowsEditorProps {
  rows: FilterRow[];
  dataset: FilterDataset;
  /** Each row's problems to show, in the rows' order. */
  errors: readonly RowErrors[];
  /** The server's words about the filter as a whole. */
  error?: string | undefined;
  onChange: (rows: FilterRow[], changed: { index: number } | 'rows') => void;
}

export function FilterRowsEditor({ rows, dataset, errors, error, onChange }: FilterRowsEditorProps) {
  const columns = columnNames(dataset);
  const setRow = (index: number, row: FilterRow) => onChange(rows.map((r, i) => (i === index ? row : r)), { index });
  const json = JSON.stringify(criteriaOf(rows), null, 2);

  return (
    <Stack gap="xs" data-testid="filter-rows">
      <div>
        <Text size="sm" fw={500}>
          Filter
        </Text>
        <Text size="sm" c="dimmed">
          {rows.length === 0 ? 'No criteria: the export has every record.' : 'A record is exported when it meets every criterion.'}{' '}
          {dataset === 'CostAndUsage'
            ? 'Columns: the FOCUS 1.2 Cost and Usage columns, Consumo’s x_ columns or Tags.<key> (type them).'
            : 'Columns: the ContractCommitment dataset’s FOCUS 1.3 columns, or its x_ columns (type them).'}
        </Text>
      </div>
      {rows.map((row, index) => {
        const n = index + 1;
        const shown = errors[index] ?? {};
        const shape = valueShape(row.operator);
        const operators = operatorsFor(row.name.trim(), dataset);
        // A saved operator that no longer applies stays choosable, so the row shows why it is wrong.
        const choices = row.operator !== '' && !operators.includes(row.operator) ? [row.operator, ...operators] : operators;
        return (
          <Fieldset key={row.key} legend={`Criterion ${n}`} p="sm" data-testid="filter-row">
            <Group align="flex-start" gap="sm" wrap="wrap">
              <Autocomplete
                label="Column"
                required
                w={{ base: '100%', sm: 220 }}
                data={columns}
                maxDropdownHeight={260}
                value={row.name}
                error={shown.name}
                onChange={(name) => setRow(index, { ...row, name })}
              />
              <Select
                label="Operator"
                required
                w={{ base: '100%', sm: 220 }}
                allowDeselect={false}
                searchable
                data={choices.map((op) => ({ value: op, label: `${op} (${OPERATOR_LABELS[op]})` }))}
                value={row.operator === '' ? null : row.operator}
                error={shown.operator}
                onChange={(op) => op && setRow(index, withOperator(row, op as FilterOperator))}
              />
              <Box style={{ flex: '1 1 200px' }}>
                {shape === 'one' && (
                  <TextInput label="Value" required value={row.values[0] ?? ''} error={shown.values} onChange={(e) => setRow(index, { ...row, values: [e.currentTarget.value] })} />
                )}
                {shape === 'many' && (
                  <TagsInput
                    label="Values"
                    required
                    description={row.operator === 'BETWEEN' || row.operator === 'NOT_BETWEEN' ? 'The lower and the upper bound: Enter after each.' : 'Enter or a comma after each.'}
                    maxTags={row.operator === 'BETWEEN' || row.operator === 'NOT_BETWEEN' ? 2 : undefined}
                    value={row.values}
                    error={shown.values}
                    onChange={(values) => setRow(index, { ...row, values })}
                  />
                )}
                {shape === 'none' && (
                  <Text size="sm" mt={28}>
                    No value.
                  </Text>
                )}
              </Box>
              <ActionIcon
                variant="default"
                size="lg"
                mt={25}
                aria-label={`Remove criterion ${n}`}
                onClick={() => onChange(rows.filter((_, i) => i !== index), 'rows')}
              >
                <span aria-hidden="true">×</span>
              </ActionIcon>
            </Group>
            {shape === 'none' && shown.values && <Input.Error mt={4}>{shown.values}</Input.Error>}
            {shown.row && <Input.Error mt={4}>{shown.row}</Input.Error>}
          </Fieldset>
        );
      })}
      {error && <Input.Error>{error}</Input.Error>}
      <Group justify="space-between" align="flex-start">
        <Button variant="default" size="xs" onClick={() => onChange([...rows, newRow()], 'rows')}>
          Add criterion
        </Button>
      </Group>
      <Box component="details">
        <Box component="summary" fz="sm">
          The filter as JSON
        </Box>
        <Code block data-testid="filter-json">
          {json}
        </Code>
      </Box>
    </Stack>
  );
}
