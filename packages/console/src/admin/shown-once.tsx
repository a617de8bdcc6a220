/** A secret the server shows once (a client secret, an API token, a generated password): the value, a copy button, and the warning that it cannot be shown again. */
import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';

export function ShownOnce({ title, label, value, onDismiss, testId }: { title: string; label: string; value: string; onDismiss: () => void; testId: string }) {
  return (
    <Alert color="teal" title={title} withCloseButton onClose={onDismiss} closeButtonLabel="Dismiss" data-testid={`${testId}-shown-once`}>
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          Copy the {label} now: it is shown this once and cannot be shown again. Only its hash is kept.
        </Text>
        <Group gap="xs" wrap="nowrap" align="center">
          <Code data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
            {value}
          </Code>
          <CopyButton value={value}>
            {({ copied, copy }) => (
              <Button size="xs" variant="light" onClick={copy} aria-label={`Copy the ${label}`}>
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Alert>
  );
}
