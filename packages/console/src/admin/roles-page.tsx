/** Roles and the permissions each grants (permission platform.roles.view), read-only: roles are defined by the server. */
import { Code, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import { LoadingState } from '../components/loading-state.js';
import { useRoles } from './use-admin.js';

export default function RolesPage() {
  const roles = useRoles();
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Roles
      </Title>
      <Text size="sm" c="dimmed">
        What each role lets its holders do. Roles are part of Consumo and cannot be changed here; grant them to API clients and users.
      </Text>
      {roles.isError && <ApiErrorAlert error={roles.error} title="Roles could not be loaded" onRetry={() => void roles.refetch()} />}
      {roles.isPending && !roles.isError && <LoadingState label="Reading roles…" />}
      <Stack gap="sm" data-testid="roles">
        {(roles.data ?? []).map((role) => (
          <Paper key={role.name} withBorder p="sm" component="section" aria-labelledby={`role-${role.name}`}>
            <Title order={2} size="h4" id={`role-${role.name}`}>
              {role.name}
            </Title>
            <Text size="sm" mb="xs">
              {role.description}
            </Text>
            <Group gap={6} aria-label={`Permissions of ${role.name}`} role="list">
              {role.permissions.map((p) => (
                <Code key={p} role="listitem">
                  {p}
                </Code>
              ))}
            </Group>
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}
