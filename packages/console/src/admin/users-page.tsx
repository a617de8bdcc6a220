/**
 * A workspace's users, the people who sign in to the console (permission workspace.users.manage):
 * list, create (a generated password shown once), reset the password (a new one shown once; their
 * sessions end), delete after confirmation.
 */
import { Button, Group, Paper, PasswordInput, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useSession } from '../auth/use-session.js';
import { issuesAbout } from '../api/errors.js';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import { EmptyState } from '../components/empty-state.js';
import { LoadingState } from '../components/loading-state.js';
import { ScrollRegion } from '../components/scroll-region.js';
import { haveSettled, useShownOnceSettled } from '../components/settled-above.js';
import { utcDay } from '../inventory/formats.js';
import { ConfirmDelete } from './confirm-delete.js';
import { RoleBadges } from './role-badges.js';
import { RolePicker } from './role-picker.js';
import { ShownOnce } from './shown-once.js';
import type { User } from './types.js';
import { useCreateUser, useDeleteUser, useResetPassword, useUsers } from './use-admin.js';
import { type UserErrors, type UserForm, MIN_PASSWORD, emptyUserForm, userBody, validateUserForm } from './user-form.js';
import { WorkspaceSelect, useChosenWorkspace } from './workspace-choice.js';

interface ShownPassword {
  email: string;
  password: string;
}

function NewUserForm({ workspaceId, onPassword }: { workspaceId: string; onPassword: (shown: ShownPassword | null) => void }) {
  const [form, setForm] = useState<UserForm>(emptyUserForm());
  const [errors, setErrors] = useState<UserErrors>({});
  const create = useCreateUser(workspaceId);
  const serverIssue = (field: string) => issuesAbout(create.error, field).join(' ') || undefined;
  const submit = () => {
    const found = validateUserForm(form);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    create.mutate(userBody(form), {
      onSuccess: (user) => {
        setForm(emptyUserForm());
        onPassword(user.password ? { email: user.email, password: user.password } : null);
      },
    });
  };
  return (
    <Paper withBorder p="sm">
      <form
        noValidate
        aria-label="New user"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Text fw={600}>New user</Text>
          {create.isError && <ApiErrorAlert error={create.error} title="The user was not created" />}
          {create.isSuccess && (
            <Text size="sm" role="status">
              {create.data.email} can sign in now.
            </Text>
          )}
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput
              label="E-mail"
              required
              type="email"
              autoComplete="off"
              w={260}
              value={form.email}
              error={errors.email ?? serverIssue('email')}
              onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
            />
            <TextInput label="Name" w={220} value={form.name} error={errors.name ?? serverIssue('name')} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} />
            <PasswordInput
              label="Password"
              description={`At least ${MIN_PASSWORD} characters; empty: one is generated and shown once`}
              autoComplete="new-password"
              w={300}
              value={form.password}
              error={errors.password ?? serverIssue('password')}
              onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
            />
          </Group>
          <RolePicker workspaceId={workspaceId} value={form.roles} onChange={(roles) => setForm({ ...form, roles })} error={serverIssue('roles')} />
          <Group>
            <Button type="submit" loading={create.isPending}>
              Create user
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function ResetPassword({ workspaceId, user, onPassword }: { workspaceId: string; user: User; onPassword: (shown: ShownPassword) => void }) {
  const reset = useResetPassword(workspaceId);
  return (
    <ConfirmDelete
      action="Reset password"
      what={`of ${user.email}`}
      failure="The password was not reset"
      consequence="A new password is generated and shown once; the user's sessions end."
      pending={reset.isPending}
      error={reset.error}
      onConfirm={(done) =>
        reset.mutate(user.id, {
          onSuccess: (result) => result.password && onPassword({ email: result.email, password: result.password }),
          onSettled: done,
        })
      }
    />
  );
}

export default function UsersPage() {
  const [workspaceId, choose] = useChosenWorkspace();
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Users
      </Title>
      <Text size="sm" c="dimmed">
        People who sign in to this console, with the same roles as API clients.
      </Text>
      <WorkspaceSelect value={workspaceId} onChange={choose} />
      {/* Another workspace starts with an empty form and no password on screen. */}
      <WorkspaceUsers key={workspaceId} workspaceId={workspaceId} />
    </Stack>
  );
}

function WorkspaceUsers({ workspaceId }: { workspaceId: string }) {
  const { data: session } = useSession();
  const users = useUsers(workspaceId);
  const remove = useDeleteUser(workspaceId);
  const [shown, setShown] = useState<ShownPassword | null>(null);
  const items = users.data ?? [];
  // The form comes under the list: drawn once the list has come, it is not pushed down by it.
  const showForm = useShownOnceSettled(haveSettled(users));
  return (
    <Stack gap="md">
      {shown && <ShownOnce title={`Password of ${shown.email}`} label="password" value={shown.password} testId="user-password" onDismiss={() => setShown(null)} />}
      {users.isError && <ApiErrorAlert error={users.error} title="Users could not be loaded" onRetry={() => void users.refetch()} />}
      {users.isPending && !users.isError && <LoadingState label="Reading users…" height={160} />}
      {users.isSuccess && items.length === 0 && <EmptyState title="No users" height={160} />}
      {items.length > 0 && (
        <ScrollRegion label="Users" minWidth={760}>
          <Table withTableBorder striped data-testid="users">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">E-mail</Table.Th>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Roles</Table.Th>
                <Table.Th scope="col">Created (UTC)</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((u) => (
                <Table.Tr key={u.id} data-user={u.email}>
                  <Table.Th scope="row" fw={500}>
                    {u.email}
                  </Table.Th>
                  <Table.Td>{u.name}</Table.Td>
                  <Table.Td>
                    <RoleBadges roles={u.roles} />
                  </Table.Td>
                  <Table.Td>{utcDay(u.createdAt)}</Table.Td>
                  <Table.Td ta="right">
                    {/* Deleting oneself would end one's own session mid-page: not offered. */}
                    {u.id !== session?.user.id && (
                      <Group gap="xs" justify="flex-end" wrap="nowrap" align="flex-start">
                        <ResetPassword workspaceId={workspaceId} user={u} onPassword={setShown} />
                        <ConfirmDelete
                          what={`the user ${u.email}`}
                          consequence="Their sessions end at once and they can no longer sign in."
                          failure="The user was not deleted"
                          pending={remove.isPending && remove.variables === u.id}
                          error={remove.variables === u.id ? remove.error : null}
                          onConfirm={(done) => remove.mutate(u.id, { onSettled: done })}
                        />
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
      {showForm && <NewUserForm workspaceId={workspaceId} onPassword={setShown} />}
    </Stack>
  );
}
