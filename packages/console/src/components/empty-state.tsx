import { Center, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function EmptyState({ title, children, height = 240 }: { title: string; children?: ReactNode; height?: number }) {
  return (
    <Center h={height}>
      <Stack align="center" gap={4} maw={480} ta="center">
        <Title order={3} size="h4">
          {title}
        </Title>
        {children && (
          <Text size="sm" c="dimmed">
            {children}
          </Text>
        )}
      </Stack>
    </Center>
  );
}
