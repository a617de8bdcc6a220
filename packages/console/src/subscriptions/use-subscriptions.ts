/**
 * The subscription pages' server state through the SDK, under the query key ['inventory',
 * 'subscriptions']: a page of the list, one subscription, an async operation polled until it ends,
 * and the two writes that start one (add keys, update tags).
 */
import { ConsumoApiError, unwrap } from '@consumo/sdk';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../api/client.js';
import { isNotFound } from '../api/errors.js';
import { isUuid } from '../inventory/formats.js';
import type { ListState } from '../inventory/list-state.js';
import { useInventoryPage } from '../inventory/use-inventory-page.js';
import { addBody } from './add-keys-form.js';
import { RATE_LIMITED_RETRY_MS, acceptedOperationId, isTerminal, pollDelayMs } from './operation-state.js';
import type { TagPatch } from './tag-edit.js';

export const SUBSCRIPTIONS_KEY = ['inventory', 'subscriptions'] as const;

const isRateLimited = (error: unknown) => error instanceof ConsumoApiError && error.status === 429;

export function useSubscriptionPage(state: ListState) {
  return useInventoryPage('subscriptions', state, async (query, signal) =>
    unwrap(await api.GET('/subscriptions/v1/subscriptions', { params: { query }, signal })),
  );
}

export function useSubscription(id: string | undefined) {
  return useQuery({
    queryKey: [...SUBSCRIPTIONS_KEY, 'one', id],
    enabled: isUuid(id),
    queryFn: async ({ signal }) => unwrap(await api.GET('/subscriptions/v1/subscriptions/{id}', { params: { path: { id: id! } }, signal })),
    retry: (count, error) => count < 2 && !isNotFound(error),
  });
}

/** The operation, asked again at the server's suggested interval until it is SUCCEEDED, FAILED or TIMEDOUT; a 429 waits and tries again. */
export function useOperation(id: string | undefined) {
  return useQuery({
    queryKey: ['inventory', 'subscription-operations', id],
    enabled: id !== undefined,
    queryFn: async ({ signal }) => unwrap(await api.GET('/subscriptions/v1/async-operations/{id}', { params: { path: { id: id! } }, signal })),
    refetchInterval: (query) => (isTerminal(query.state.data?.status) ? false : pollDelayMs(query.state.data)),
    retry: (count, error) => (isRateLimited(error) ? count < 12 : count < 2 && !isNotFound(error)),
    retryDelay: (count, error) => (isRateLimited(error) ? RATE_LIMITED_RETRY_MS : Math.min(1000 * 2 ** count, 8000)),
    staleTime: 0,
  });
}

/** The operation id a 202 names. */
function operationOf(result: { data?: { transactionId?: string }; error?: unknown; response: Response }): string {
  const body = unwrap(result);
  const id = acceptedOperationId(body, result.response.headers.get('location'));
  if (!id) throw new Error('The server accepted the request but named no operation to follow.');
  return id;
}

/** POST /subscriptions/v1/subscriptions (one to five keys, optionally a dry run) → the operation's id. */
export function useAddKeys() {
  return useMutation({
    mutationFn: async ({ keys, dryRun }: { keys: string[]; dryRun: boolean }) =>
      operationOf(await api.POST('/subscriptions/v1/subscriptions', { params: { query: { 'dry-run': dryRun } }, body: addBody(keys) })),
  });
}

/** PATCH /subscriptions/v1/subscriptions?id= with a merge patch of tags → the operation's id. */
export function useUpdateTags() {
  return useMutation({
    mutationFn: async ({ id, tags }: { id: string; tags: TagPatch }) =>
      operationOf(await api.PATCH('/subscriptions/v1/subscriptions', { params: { query: { id: [id] } }, body: { tags } })),
  });
}
