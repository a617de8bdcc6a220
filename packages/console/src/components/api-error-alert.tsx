/** Any API error in words: the message, its errorCode and debugId (to quote to an operator), and the details. */
import { Alert, Button, Code, Group, List, Stack, Text } from '@mantine/core';
import { describeError } from '../api/errors.js';

export function ApiErrorAlert({ error, title = 'Something went wrong', onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  const problem = describeError(error);
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      <Stack gap="xs">
        <Text size="sm">{problem.message}</Text>
        {problem.details && (
          <List size="sm">
            {problem.details.map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
        )}
        {(problem.errorCode ?? problem.debugId) && (
          <Group gap="md">
            {problem.errorCode && (
              <Text size="xs">
                Error code <Code>{problem.errorCode}</Code>
              </Text>
            )}
            {problem.debugId && (
              <Text size="xs">
                Debug id <Code data-testid="debug-id">{problem.debugId}</Code>
              </Text>
            )}
          </Group>
        )}
        {onRetry && (
          <Group>
            <Button size="xs" variant="light" color="red" onClick={onRetry}>
              Try again
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
