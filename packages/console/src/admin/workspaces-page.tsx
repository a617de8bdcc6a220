/**
 * Workspaces (permission workspace.view): the operator's every workspace, each provider followed by
 * its tenants; a workspace administrator's own. Creating and deleting them is the operator's
 * (platform.workspaces.manage) and is offered to no one else.
 */
import { Badge, Button, Code, Group, Paper, Select, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../auth/use-session.js';
import { issuesAbout } from '../api/errors.js';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import { EmptyState } from '../components/empty-state.js';
import { LoadingState } from '../components/loading-state.js';
import { ScrollRegion } from '../components/scroll-region.js';
import { utcDay } from '../inventory/formats.js';
import { ConfirmDelete } from './confirm-delete.js';
import type { Workspace } from './types.js';
import { useCreateWorkspace, useDeleteWorkspace, useWorkspaces } from './use-admin.js';
import { workspaceRows } from './workspace-tree.js';

function NewWorkspaceForm({ providers }: { providers: readonly Workspace[] }) {
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState<string | null>(null);
  const [companyName, setCompanyName] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const create = useCreateWorkspace();
  const serverIssue = (field: string) => (create.isError ? issuesAbout(create.error, field).join(' ') || undefined : undefined);
  const submit = () => {
    if (name.trim() === '') return setNameError('Enter a name.');
    setNameError(undefined);
    create.mutate(
      { name: name.trim(), ...(parentId && { parentId }), ...(companyName.trim() && { companyName: companyName.trim() }) },
      {
        onSuccess: () => {
          setName('');
          setParentId(null);
          setCompanyName('');
        },
      },
    );
  };
  return (
    <Paper withBorder p="sm">
      <form
        noValidate
        aria-label="New workspace"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Text fw={600}>New workspace</Text>
          {create.isError && <ApiErrorAlert error={create.error} title="The workspace was not created" />}
          {create.isSuccess && (
            <Text size="sm" role="status">
              Created “{create.data.name}” (<Code>{create.data.id}</Code>).
            </Text>
          )}
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput label="Name" required w={240} value={name} error={nameError ?? serverIssue('name')} onChange={(e) => setName(e.currentTarget.value)} />
            <Select
              label="Provider"
              description="Makes it a tenant of this workspace"
              placeholder="None"
              clearable
              searchable
              w={280}
              data={providers.map((p) => ({ value: p.id, label: p.name }))}
              value={parentId}
              onChange={setParentId}
              error={serverIssue('parentId')}
            />
            <TextInput label="Company name" w={240} value={companyName} error={serverIssue('companyName')} onChange={(e) => setCompanyName(e.currentTarget.value)} />
          </Group>
          <Group>
            <Button type="submit" loading={create.isPending}>
              Create workspace
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function DeleteWorkspace({ workspace }: { workspace: Workspace }) {
  const remove = useDeleteWorkspace();
  return (
    <ConfirmDelete
      what={`the workspace ${workspace.name}`}
      failure="The workspace was not deleted"
      consequence="Everything in it goes at once: its API clients, tokens, users, data and export files. This cannot be undone."
      pending={remove.isPending}
      error={remove.error}
      onConfirm={(done) => remove.mutate(workspace.id, { onSettled: done })}
    />
  );
}

export default function WorkspacesPage() {
  const { data: session } = useSession();
  const permissions = session?.permissions ?? [];
  const isOperator = permissions.includes('platform.workspaces.manage');
  const workspaces = useWorkspaces();
  const rows = workspaceRows(workspaces.data ?? []);
  const own = session?.user.workspaceId;
  const manageLinks = [
    permissions.includes('workspace.clients.manage') && { to: 'api-clients', label: 'API clients' },
    permissions.includes('workspace.users.manage') && { to: 'users', label: 'Users' },
  ].filter((l): l is { to: string; label: string } => Boolean(l));

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Workspaces
      </Title>
      <Text size="sm" c="dimmed">
        {isOperator
          ? 'Every workspace of the installation; tenants are listed under their provider.'
          : 'Your workspace. Other workspaces are managed by the installation’s operator.'}
      </Text>
      {workspaces.isError && <ApiErrorAlert error={workspaces.error} title="Workspaces could not be loaded" onRetry={() => void workspaces.refetch()} />}
      {workspaces.isPending && !workspaces.isError && <LoadingState label="Reading workspaces…" />}
      {workspaces.isSuccess && rows.length === 0 && <EmptyState title="No workspaces" />}
      {rows.length > 0 && (
        <ScrollRegion label="Workspaces" minWidth={760}>
          <Table withTableBorder striped data-testid="workspaces">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Id</Table.Th>
                <Table.Th scope="col">Provider / tenants</Table.Th>
                <Table.Th scope="col">Created (UTC)</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map(({ workspace: w, parentName, isTenant, tenantCount }) => (
                <Table.Tr key={w.id} data-workspace={w.id}>
                  <Table.Th scope="row" fw={500} pl={isTenant ? 'xl' : undefined}>
                    <Group gap="xs" wrap="nowrap">
                      {w.name}
                      {w.id === own && (
                        <Badge variant="light" color="blue" tt="none">
                          Yours
                        </Badge>
                      )}
                    </Group>
                    {w.companyName && (
                      <Text size="xs" c="dimmed">
                        {w.companyName}
                      </Text>
                    )}
                  </Table.Th>
                  <Table.Td>
                    <Code>{w.id}</Code>
                  </Table.Td>
                  <Table.Td>
                    {w.parentId !== null
                      ? `Tenant of ${parentName ?? w.parentId}`
                      : tenantCount > 0
                        ? `Provider of ${tenantCount} tenant${tenantCount === 1 ? '' : 's'}`
                        : '—'}
                  </Table.Td>
                  <Table.Td>{utcDay(w.createdAt)}</Table.Td>
                  <Table.Td ta="right">
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      {manageLinks.map((l) => (
                        <Button key={l.to} size="xs" variant="subtle" component={Link} to={`/admin/${l.to}?workspace=${w.id}`} aria-label={`${l.label} of ${w.name}`}>
                          {l.label}
                        </Button>
                      ))}
                      {isOperator && w.id !== own && tenantCount === 0 && <DeleteWorkspace workspace={w} />}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
      {isOperator && workspaces.isSuccess && <NewWorkspaceForm providers={(workspaces.data ?? []).filter((w) => w.parentId === null)} />}
    </Stack>
  );
}
