/**
 * "Add subscription keys": one to five keys (typed or pasted), optionally a dry run; sent as
 * POST /subscriptions/v1/subscriptions, which answers 202 with the async operation to follow.
 * Problems the form can see are shown before sending; the server's 400 in words, with its debugId.
 */
import { Button, Checkbox, Group, List, Modal, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import { MAX_KEYS_PER_ADD, parseKeys } from './add-keys-form.js';
import { useAddKeys } from './use-subscriptions.js';

export function AddKeysDialog({ opened, onClose, onAccepted }: { opened: boolean; onClose: () => void; onAccepted: (operationId: string) => void }) {
  const [text, setText] = useState('');
  const [dryRun, setDryRun] = useState(false);
  const [tried, setTried] = useState(false);
  const add = useAddKeys();
  const parsed = parseKeys(text);
  const showProblems = tried && parsed.problems.length > 0;

  const close = () => {
    setText('');
    setDryRun(false);
    setTried(false);
    add.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (parsed.problems.length > 0) return;
    add.mutate(
      { keys: parsed.keys, dryRun },
      {
        onSuccess: (id) => {
          close();
          onAccepted(id);
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={close} title="Add subscription keys" size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">
            Claims keys for this workspace. The server answers at once and works through the keys in the background; the page follows the operation to its end.
          </Text>
          <Textarea
            label="Subscription keys"
            description={`One to ${MAX_KEYS_PER_ADD} keys, one a line (commas or spaces also separate them).`}
            autosize
            minRows={3}
            maxRows={8}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            error={showProblems ? parsed.problems.join(' ') : undefined}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            data-autofocus
          />
          <Checkbox label="Dry run: check the keys and change nothing" checked={dryRun} onChange={(event) => setDryRun(event.currentTarget.checked)} />
          {parsed.keys.length > 0 && !showProblems && (
            <Text size="xs" c="dimmed">
              {parsed.keys.length} {parsed.keys.length === 1 ? 'key' : 'keys'}: {parsed.keys.join(', ')}
            </Text>
          )}
          {add.isError && <ApiErrorAlert error={add.error} title="The keys were not accepted" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={add.isPending}>
              {dryRun ? 'Check keys' : 'Add keys'}
            </Button>
          </Group>
          <List size="xs" c="dimmed">
            <List.Item>Each key is claimed or refused on its own: the operation’s result says which, and why.</List.Item>
          </List>
        </Stack>
      </form>
    </Modal>
  );
}
