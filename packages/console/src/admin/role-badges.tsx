import { Badge, Group, Text } from '@mantine/core';

/** A holder's roles as badges (gray light badges pass contrast in both themes, ADR 0027). */
export function RoleBadges({ roles }: { roles: readonly string[] }) {
  if (roles.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No roles
      </Text>
    );
  return (
    <Group gap={4}>
      {roles.map((r) => (
        <Badge key={r} variant="light" color="gray" tt="none">
          {r}
        </Badge>
      ))}
    </Group>
  );
}
