/**
 * A workspace's API clients and API tokens (permission workspace.clients.manage): list, create (the
 * client secret or the token shown once, with a copy button), delete or revoke after confirmation.
 */
import { Badge, Button, Code, Group, NumberInput, Paper, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { issuesAbout } from '../api/errors.js';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import { EmptyState } from '../components/empty-state.js';
import { LoadingState } from '../components/loading-state.js';
import { ScrollRegion } from '../components/scroll-region.js';
import { haveSettled, useShownOnceSettled } from '../components/settled-above.js';
import { utcDay, utcMinute } from '../inventory/formats.js';
import { ConfirmDelete } from './confirm-delete.js';
import { RoleBadges } from './role-badges.js';
import { RolePicker } from './role-picker.js';
import { ShownOnce } from './shown-once.js';
import type { CreatedApiClient, CreatedApiToken } from './types.js';
import {
  useApiClients,
  useApiTokens,
  useCreateApiClient,
  useCreateApiToken,
  useDeleteApiClient,
  useRevokeApiToken,
} from './use-admin.js';
import { WorkspaceSelect, useChosenWorkspace } from './workspace-choice.js';

/** The name-and-roles form both an API client and an API token are created with. */
function NameRolesForm({
  label,
  workspaceId,
  pending,
  error,
  extra,
  onSubmit,
}: {
  label: string;
  workspaceId: string;
  pending: boolean;
  error: unknown;
  extra?: ReactNode;
  onSubmit: (name: string, roles: string[], reset: () => void) => void;
}) {
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [nameError, setNameError] = useState<string | undefined>();
  const serverIssue = (field: string) => issuesAbout(error, field).join(' ') || undefined;
  return (
    <Paper withBorder p="sm">
      <form
        noValidate
        aria-label={`New ${label}`}
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim() === '') return setNameError('Enter a name.');
          setNameError(undefined);
          onSubmit(name.trim(), roles, () => {
            setName('');
            setRoles([]);
          });
        }}
      >
        <Stack gap="sm">
          <Text fw={600}>New {label}</Text>
          {error !== null && error !== undefined && <ApiErrorAlert error={error} title={`The ${label} was not created`} />}
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput label="Name" required w={240} value={name} error={nameError ?? serverIssue('name')} onChange={(e) => setName(e.currentTarget.value)} />
            <RolePicker workspaceId={workspaceId} value={roles} onChange={setRoles} error={serverIssue('roles')} />
            {extra}
          </Group>
          <Group>
            <Button type="submit" loading={pending}>
              Create {label}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function ApiClients({ workspaceId }: { workspaceId: string }) {
  const clients = useApiClients(workspaceId);
  const create = useCreateApiClient(workspaceId);
  const remove = useDeleteApiClient(workspaceId);
  const [created, setCreated] = useState<CreatedApiClient | null>(null);
  const items = clients.data ?? [];
  // The form comes under the list: drawn once the list has come, it is not pushed down by it.
  const showForm = useShownOnceSettled(haveSettled(clients));
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        API clients
      </Title>
      <Text size="sm" c="dimmed">
        Programs that get access tokens with a client id and secret (OAuth 2 client credentials).
      </Text>
      {created && (
        <ShownOnce title={`API client “${created.name}” created`} label="client secret" value={created.clientSecret} testId="client-secret" onDismiss={() => setCreated(null)} />
      )}
      {created && (
        <Text size="sm">
          Client id <Code data-testid="client-id">{created.clientId}</Code>
        </Text>
      )}
      {clients.isError && <ApiErrorAlert error={clients.error} title="API clients could not be loaded" onRetry={() => void clients.refetch()} />}
      {clients.isPending && !clients.isError && <LoadingState label="Reading API clients…" height={120} />}
      {clients.isSuccess && items.length === 0 && <EmptyState title="No API clients" height={120} />}
      {items.length > 0 && (
        <ScrollRegion label="API clients" minWidth={720}>
          <Table withTableBorder striped data-testid="api-clients">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Client id</Table.Th>
                <Table.Th scope="col">Roles</Table.Th>
                <Table.Th scope="col">Created (UTC)</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.clientId}>
                  <Table.Th scope="row" fw={500}>
                    {c.name}
                  </Table.Th>
                  <Table.Td>
                    <Code>{c.clientId}</Code>
                  </Table.Td>
                  <Table.Td>
                    <RoleBadges roles={c.roles} />
                  </Table.Td>
                  <Table.Td>{utcDay(c.createdAt)}</Table.Td>
                  <Table.Td ta="right">
                    <ConfirmDelete
                      what={`the API client ${c.name}`}
                      consequence="Its access tokens stop working at once."
                      failure="The API client was not deleted"
                      pending={remove.isPending && remove.variables === c.clientId}
                      error={remove.variables === c.clientId ? remove.error : null}
                      onConfirm={(done) => remove.mutate(c.clientId, { onSettled: done })}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
      {showForm && (
        <NameRolesForm
          label="API client"
          workspaceId={workspaceId}
          pending={create.isPending}
          error={create.error}
          onSubmit={(name, roles, reset) =>
            create.mutate(
              { name, roles },
              {
                onSuccess: (client) => {
                  reset();
                  setCreated(client);
                },
              },
            )
          }
        />
      )}
    </Stack>
  );
}

function ApiTokens({ workspaceId }: { workspaceId: string }) {
  const tokens = useApiTokens(workspaceId);
  const create = useCreateApiToken(workspaceId);
  const revoke = useRevokeApiToken(workspaceId);
  const [ttlDays, setTtlDays] = useState<number>(180);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const items = tokens.data ?? [];
  const showForm = useShownOnceSettled(haveSettled(tokens));
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        API tokens
      </Title>
      <Text size="sm" c="dimmed">
        VMware Cloud Partner Navigator API tokens, exchanged for access tokens; they expire.
      </Text>
      {created && <ShownOnce title={`API token “${created.name}” created`} label="API token" value={created.token} testId="api-token" onDismiss={() => setCreated(null)} />}
      {tokens.isError && <ApiErrorAlert error={tokens.error} title="API tokens could not be loaded" onRetry={() => void tokens.refetch()} />}
      {tokens.isPending && !tokens.isError && <LoadingState label="Reading API tokens…" height={120} />}
      {tokens.isSuccess && items.length === 0 && <EmptyState title="No API tokens" height={120} />}
      {items.length > 0 && (
        <ScrollRegion label="API tokens" minWidth={720}>
          <Table withTableBorder striped data-testid="api-tokens">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Roles</Table.Th>
                <Table.Th scope="col">Expires (UTC)</Table.Th>
                <Table.Th scope="col">State</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((t) => (
                <Table.Tr key={t.id}>
                  <Table.Th scope="row" fw={500}>
                    {t.name}
                  </Table.Th>
                  <Table.Td>
                    <RoleBadges roles={t.roles} />
                  </Table.Td>
                  <Table.Td>{utcMinute(t.expiresAt)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={t.revokedAt ? 'gray' : 'teal'}>
                      {t.revokedAt ? `Revoked ${utcDay(t.revokedAt)}` : 'Active'}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">
                    {!t.revokedAt && (
                      <ConfirmDelete
                        action="Revoke"
                        what={`the API token ${t.name}`}
                        consequence="It and the access tokens exchanged for it stop working at once."
                        failure="The API token was not revoked"
                        pending={revoke.isPending && revoke.variables === t.id}
                        error={revoke.variables === t.id ? revoke.error : null}
                        onConfirm={(done) => revoke.mutate(t.id, { onSettled: done })}
                      />
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
      {showForm && (
        <NameRolesForm
          label="API token"
          workspaceId={workspaceId}
          pending={create.isPending}
          error={create.error}
          extra={<NumberInput label="Expires after (days)" min={1} max={3650} allowDecimal={false} w={180} value={ttlDays} onChange={(v) => setTtlDays(typeof v === 'number' ? v : 180)} />}
          onSubmit={(name, roles, reset) =>
            create.mutate(
              { name, roles, ttlDays },
              {
                onSuccess: (token) => {
                  reset();
                  setCreated(token);
                },
              },
            )
          }
        />
      )}
    </Stack>
  );
}

export default function ApiClientsPage() {
  const [workspaceId, choose] = useChosenWorkspace();
  return (
    <Stack gap="xl">
      <Stack gap="sm">
        <Title order={1} size="h2">
          API clients and tokens
        </Title>
        <WorkspaceSelect value={workspaceId} onChange={choose} />
      </Stack>
      {/* A new workspace starts with empty forms and no secret on screen. */}
      <WorkspaceAccess key={workspaceId} workspaceId={workspaceId} />
    </Stack>
  );
}

/** A workspace's API clients, then its API tokens: both read at once, the tokens drawn once the clients above have come. */
function WorkspaceAccess({ workspaceId }: { workspaceId: string }) {
  const clients = useApiClients(workspaceId);
  useApiTokens(workspaceId);
  const showTokens = useShownOnceSettled(haveSettled(clients));
  return (
    <>
      <ApiClients workspaceId={workspaceId} />
      {showTokens && <ApiTokens workspaceId={workspaceId} />}
    </>
  );
}
