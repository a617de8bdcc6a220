import { Center, Loader, Stack, Text } from '@mantine/core';

export function LoadingState({ label = 'Loading…', height = 240 }: { label?: string; height?: number }) {
  return (
    <Center h={height} role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="md" />
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </Stack>
    </Center>
  );
}
