/** GET /metering/v1/cost-tag-keys for the view's range: the tag keys the explorer can stack by. */
import { unwrap } from '@consumo/sdk';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.js';
import type { CostView } from './view-state.js';

export function useTagKeys(view: Pick<CostView, 'from' | 'to'>) {
  const { from, to } = view;
  return useQuery({
    queryKey: ['cost-tag-keys', from, to],
    queryFn: async ({ signal }) => unwrap(await api.GET('/metering/v1/cost-tag-keys', { params: { query: { from, to } }, signal })).items.map((i) => i.key),
    // The keys change only when rating runs: a minute is fresh enough for a menu.
    staleTime: 60_000,
  });
}
