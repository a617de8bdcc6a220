/** One table of the catalog with its heading, loading and error states, words when it is empty, and "more than shown". */
import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import { LoadingState } from '../components/loading-state.js';
import { CATALOG_LIMIT } from './use-metering.js';

/** A catalog section: its heading, its loading and error states, the words when it is empty, and "more than shown". */
export function CatalogSection({
  title,
  query,
  empty,
  children,
}: {
  title: string;
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown; data?: { total: number; count: number } | undefined };
  empty: string;
  children: ReactNode;
}) {
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        {title}
      </Title>
      {query.isError && <ApiErrorAlert error={query.error} title={`The ${title.toLowerCase()} could not be loaded`} onRetry={() => void query.refetch()} />}
      {query.isPending && <LoadingState label={`Reading the ${title.toLowerCase()}…`} height={120} />}
      {query.data && query.data.total === 0 && <Text size="sm">{empty}</Text>}
      {query.data && query.data.total > 0 && children}
      {query.data && query.data.total > query.data.count && (
        <Text size="xs" c="dimmed">
          The first {CATALOG_LIMIT} of {query.data.total} are shown; the API lists them all.
        </Text>
      )}
    </Stack>
  );
}

