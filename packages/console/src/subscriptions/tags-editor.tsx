/**
 * A subscription's tags, editable: a row per tag (key, value, remove), "Add tag", and "Save tags",
 * which sends only what changed as a JSON merge patch (PATCH /subscriptions/v1/subscriptions?id=,
 * an async operation). The API's rules are checked at each row before anything is sent.
 */
import { ActionIcon, Alert, Button, Group, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import { ScrollRegion } from '../components/scroll-region.js';
import { MAX_TAGS, type TagRow, hasProblems, tagPatch, tagProblems, tagRows } from './tag-edit.js';
import { useUpdateTags } from './use-subscriptions.js';

export interface TagsEditorProps {
  subscriptionId: string;
  tags: Readonly<Record<string, string>>;
  /** While an update runs, the rows wait for its end. */
  locked: boolean;
  onAccepted: (operationId: string) => void;
}

export function TagsEditor({ subscriptionId, tags, locked, onAccepted }: TagsEditorProps) {
  const [rows, setRows] = useState<TagRow[]>(() => tagRows(tags));
  const update = useUpdateTags();
  const problems = tagProblems(tags, rows);
  const patch = tagPatch(tags, rows);
  const changes = Object.keys(patch).length;
  const invalid = hasProblems(problems);

  const setRow = (n: number, row: Partial<TagRow>) => setRows((current) => current.map((r, i) => (i === n ? { ...r, ...row } : r)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (invalid || changes === 0) return;
    update.mutate({ id: subscriptionId, tags: patch }, { onSuccess: onAccepted });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {rows.length === 0 ? (
          <Text size="sm">No tags yet. Add one below.</Text>
        ) : (
          <ScrollRegion label="Tags" minWidth={560}>
            <Table withTableBorder data-testid="tags-editor">
              <Table.Caption>Keys compare without case; a value may be empty. {MAX_TAGS} tags at most.</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Key</Table.Th>
                  <Table.Th scope="col">Value</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>Remove</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row, n) => (
                  <Table.Tr key={n}>
                    <Table.Td valign="top">
                      <TextInput
                        aria-label={`Key of tag ${n + 1}`}
                        value={row.key}
                        maxLength={128}
                        disabled={locked}
                        error={problems.rows[n]}
                        onChange={(e) => setRow(n, { key: e.currentTarget.value })}
                      />
                    </Table.Td>
                    <Table.Td valign="top">
                      <TextInput aria-label={`Value of tag ${n + 1}`} value={row.value} maxLength={256} disabled={locked} onChange={(e) => setRow(n, { value: e.currentTarget.value })} />
                    </Table.Td>
                    <Table.Td valign="top" w={56}>
                      <ActionIcon
                        variant="default"
                        size="lg"
                        aria-label={`Remove tag ${row.key || n + 1}`}
                        disabled={locked}
                        onClick={() => setRows((current) => current.filter((_, i) => i !== n))}
                      >
                        <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
                          <path d="M6 6l12 12M18 6L6 18" />
                        </svg>
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
        )}
        {problems.overall && (
          <Alert color="red" variant="light">
            {problems.overall}
          </Alert>
        )}
        {update.isError && <ApiErrorAlert error={update.error} title="The tags were not accepted" />}
        <Group gap="sm">
          <Button variant="default" disabled={locked || rows.length >= MAX_TAGS} onClick={() => setRows((current) => [...current, { key: '', value: '' }])}>
            Add tag
          </Button>
          <Button type="submit" disabled={locked || invalid || changes === 0} loading={update.isPending}>
            Save tags
          </Button>
          <Button variant="subtle" disabled={locked || changes === 0} onClick={() => setRows(tagRows(tags))}>
            Undo changes
          </Button>
          <Text size="xs" c="dimmed" aria-live="polite">
            {changes === 0 ? 'No changes.' : `${changes} ${changes === 1 ? 'change' : 'changes'} to save.`}
          </Text>
        </Group>
      </Stack>
    </form>
  );
}
