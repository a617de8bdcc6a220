/** A destructive action behind a confirmation: the first click asks, naming what goes and what follows; the second does it. */
import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { ApiErrorAlert } from '../components/api-error-alert.js';

export function ConfirmDelete({
  action = 'Delete',
  what,
  consequence,
  failure,
  pending,
  error,
  onConfirm,
}: {
  /** The button's word: Delete, Revoke, Reset password. */
  action?: string;
  /** What it acts on, after the action: "the user ana@example.com". */
  what: string;
  consequence: string;
  /** The error alert's title when the server refuses. */
  failure: string;
  pending: boolean;
  error: unknown;
  onConfirm: (done: () => void) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  return (
    <Stack gap={4} align="flex-end">
      {confirming ? (
        <Stack gap={4} align="flex-end" role="group" aria-label={`Confirm: ${action.toLowerCase()} ${what}`}>
          <Text size="xs" maw={280} ta="right">
            {consequence}
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Button size="xs" color="red" loading={pending} onClick={() => onConfirm(() => setConfirming(false))}>
              {action} {what}
            </Button>
            <Button size="xs" variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </Group>
        </Stack>
      ) : (
        <Button size="xs" variant="subtle" color="red" onClick={() => setConfirming(true)} aria-label={`${action} ${what}`}>
          {action}
        </Button>
      )}
      {error !== null && error !== undefined && <ApiErrorAlert error={error} title={failure} />}
    </Stack>
  );
}
