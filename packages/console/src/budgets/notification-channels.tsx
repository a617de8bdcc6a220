/** Where alerts go: the workspace's notification channels, a form for a webhook or e-mail one, delete; a webhook's signing secret is shown once. */
import { Alert, Badge, Button, Code, CopyButton, Group, Paper, SegmentedControl, Stack, Table, Text, TextInput, Textarea, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import { EmptyState } from '../components/empty-state.js';
import { LoadingState } from '../components/loading-state.js';
import { issuesAbout } from '../api/errors.js';
import { type ChannelErrors, type ChannelForm, type ChannelKind, channelBody, channelTarget, emptyChannelForm, validateChannelForm } from './channel-form.js';
import type { CreatedChannel, NotificationChannel } from './types.js';
import { useChannels, useCreateChannel, useDeleteChannel } from './use-budgets.js';
import { ScrollRegion } from '../components/scroll-region.js';

function NewChannelForm({ onCreated }: { onCreated: (channel: CreatedChannel) => void }) {
  const [form, setForm] = useState<ChannelForm>(emptyChannelForm());
  const [errors, setErrors] = useState<ChannelErrors>({});
  const create = useCreateChannel();
  const serverIssue = (field: keyof ChannelErrors) => {
    const issues = create.isError ? issuesAbout(create.error, field) : [];
    return issues.length > 0 ? issues.join(' ') : undefined;
  };
  const submit = () => {
    const found = validateChannelForm(form);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    create.mutate(channelBody(form), {
      onSuccess: (channel) => {
        setForm(emptyChannelForm(form.kind));
        onCreated(channel);
      },
    });
  };
  return (
    <Paper withBorder p="sm">
      <form
        noValidate
        aria-label="New notification channel"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Text fw={600} id="channel-kind-label">
            New channel
          </Text>
          <SegmentedControl
            aria-labelledby="channel-kind-label"
            data={[
              { value: 'WEBHOOK', label: 'Webhook' },
              { value: 'EMAIL', label: 'E-mail' },
            ]}
            value={form.kind}
            onChange={(kind) => setForm({ ...form, kind: kind as ChannelKind })}
            w="fit-content"
          />
          {create.isError && <ApiErrorAlert error={create.error} title="The channel was not created" />}
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput label="Name" required w={240} value={form.name} error={errors.name ?? serverIssue('name')} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} />
            {form.kind === 'WEBHOOK' ? (
              <TextInput
                label="Webhook URL"
                required
                type="url"
                placeholder="https://hooks.example.com/consumo"
                style={{ flex: '1 1 280px' }}
                value={form.url}
                error={errors.url ?? serverIssue('url')}
                onChange={(e) => setForm({ ...form, url: e.currentTarget.value })}
              />
            ) : (
              <Textarea
                label="Recipients"
                description="E-mail addresses, separated by commas or lines (at most 50)"
                required
                autosize
                minRows={1}
                style={{ flex: '1 1 280px' }}
                value={form.recipients}
                error={errors.recipients ?? serverIssue('recipients')}
                onChange={(e) => setForm({ ...form, recipients: e.currentTarget.value })}
              />
            )}
          </Group>
          <Group>
            <Button type="submit" loading={create.isPending}>
              Add channel
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function DeleteButton({ channel }: { channel: NotificationChannel }) {
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteChannel();
  return (
    <Stack gap={4} align="flex-end">
      {confirming ? (
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" color="red" loading={remove.isPending} onClick={() => remove.mutate(channel.id, { onSettled: () => setConfirming(false) })}>
            Delete {channel.name}
          </Button>
          <Button size="xs" variant="default" onClick={() => setConfirming(false)}>
            Keep
          </Button>
        </Group>
      ) : (
        <Button size="xs" variant="subtle" color="red" onClick={() => setConfirming(true)} aria-label={`Delete the channel ${channel.name}`}>
          Delete
        </Button>
      )}
      {remove.isError && <ApiErrorAlert error={remove.error} title="The channel was not deleted" />}
    </Stack>
  );
}

export function NotificationChannels({ canEdit }: { canEdit: boolean }) {
  const channels = useChannels();
  const [created, setCreated] = useState<CreatedChannel | null>(null);
  const items = channels.data?.items ?? [];
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        Notification channels
      </Title>
      <Text size="sm" c="dimmed">
        Every alert of the workspace goes to each enabled channel.
      </Text>
      {created?.signingSecret && (
        <Alert color="teal" title={`Webhook “${created.name}” added`} withCloseButton onClose={() => setCreated(null)} closeButtonLabel="Dismiss">
          <Stack gap="xs">
            <Text size="sm">Its signing secret is shown this once: keep it to check the Consumo-Signature of each delivery.</Text>
            <Group gap="xs" wrap="nowrap">
              <Code data-testid="signing-secret" style={{ overflowWrap: 'anywhere' }}>
                {created.signingSecret}
              </Code>
              <CopyButton value={created.signingSecret}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="light" onClick={copy}>
                    {copied ? 'Copied' : 'Copy'}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Stack>
        </Alert>
      )}
      {channels.isError && <ApiErrorAlert error={channels.error} title="Channels could not be loaded" onRetry={() => void channels.refetch()} />}
      {channels.isPending && !channels.isError && <LoadingState label="Reading channels…" height={120} />}
      {channels.isSuccess && items.length === 0 && (
        <EmptyState title="No notification channels" height={120}>
          Alerts are recorded but sent nowhere. {canEdit ? 'Add a webhook or an e-mail channel below.' : ''}
        </EmptyState>
      )}
      {items.length > 0 && (
        <ScrollRegion label="Notification channels" minWidth={600}>
          <Table withTableBorder striped data-testid="channels">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Kind</Table.Th>
                <Table.Th scope="col">Sends to</Table.Th>
                <Table.Th scope="col">State</Table.Th>
                {canEdit && (
                  <Table.Th scope="col" ta="right">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Th scope="row" fw={500}>
                    {c.name}
                  </Table.Th>
                  <Table.Td>{c.kind === 'WEBHOOK' ? 'Webhook' : 'E-mail'}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{channelTarget(c)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={c.enabled ? 'teal' : 'gray'}>
                      {c.enabled ? 'Enabled' : 'Disabled'}
                    </Badge>
                  </Table.Td>
                  {canEdit && (
                    <Table.Td ta="right">
                      <DeleteButton channel={c} />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
      {canEdit && <NewChannelForm onCreated={setCreated} />}
    </Stack>
  );
}
