/**
 * The budgets page's server state through the SDK, all under the query key 'budgets': a saved budget
 * invalidates every one of them, so the usage, the chart and the alerts are read again.
 */
import { unwrap } from '@consumo/sdk';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.js';
import { isBadRequest } from '../api/errors.js';
import { ALERT_PAGE_SIZE, alertFilter } from './alert-labels.js';
import type { BudgetInput, ChannelInput } from './types.js';

const PAGE = 1000;
const noRetryOn400 = (count: number, error: unknown) => count < 2 && !isBadRequest(error);

/** The billing accounts that have a budget (any year), sorted: the choices of the account Select. */
export function useBudgetAccounts() {
  return useQuery({
    queryKey: ['budgets', 'accounts'],
    queryFn: async ({ signal }) => {
      const accounts = new Set<string>();
      for (let offset = 0; ; offset += PAGE) {
        const page = unwrap(
          await api.GET('/budgets/v1/budgets', { params: { query: { select: 'billingAccountId', sort: 'billingAccountId', limit: PAGE, offset } }, signal }),
        );
        for (const item of page.items) accounts.add(item.billingAccountId);
        if (page.items.length < PAGE || offset + page.count >= page.total) break;
      }
      return [...accounts].sort();
    },
  });
}

/** The account's current period (usage without year and period), its COST budget line and the thresholds in force. */
export function useBudgetUsage(billingAccountId: string | null) {
  return useQuery({
    queryKey: ['budgets', 'usage', billingAccountId],
    enabled: billingAccountId !== null,
    queryFn: async ({ signal }) => unwrap(await api.GET('/budgets/v1/usage', { params: { query: { billingAccountId: billingAccountId!, type: 'COST' } }, signal })),
    retry: noRetryOn400,
  });
}

/** One budget, whole (its 12 period values), for the editor and the period table. */
export function useBudget(id: number | undefined) {
  return useQuery({
    queryKey: ['budgets', 'budget', id],
    enabled: id !== undefined,
    queryFn: async ({ signal }) => unwrap(await api.GET('/budgets/v1/budgets/{id}', { params: { path: { id: id! } }, signal })),
  });
}

/** One page of the account's alerts in a year, newest first. */
export function useAlertHistory(billingAccountId: string | null, accountingYear: number | undefined, page: number) {
  return useQuery({
    queryKey: ['budgets', 'alerts', billingAccountId, accountingYear, page],
    enabled: billingAccountId !== null && accountingYear !== undefined,
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/budgets/v1/alerts', {
          params: { query: { filter: alertFilter(billingAccountId!, accountingYear!), limit: ALERT_PAGE_SIZE, offset: (page - 1) * ALERT_PAGE_SIZE } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Creates (no id) or replaces (id) a budget; then everything budget-related is read again. */
export function useSaveBudget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, body }: { id: number | null; body: BudgetInput }) =>
      id === null
        ? unwrap(await api.POST('/budgets/v1/budgets', { body }))
        : unwrap(await api.PUT('/budgets/v1/budgets/{id}', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['budgets'] }),
  });
}

const CHANNELS = ['budgets', 'channels'] as const;

export function useChannels() {
  return useQuery({
    queryKey: CHANNELS,
    queryFn: async ({ signal }) => unwrap(await api.GET('/budgets/v1/notification-channels', { params: { query: { sort: 'name', limit: 1000 } }, signal })),
  });
}

export function useCreateChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ChannelInput) => unwrap(await api.POST('/budgets/v1/notification-channels', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CHANNELS }),
  });
}

export function useDeleteChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      unwrap(await api.DELETE('/budgets/v1/notification-channels/{id}', { params: { path: { id } } }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CHANNELS }),
  });
}
