/** GET /metering/v1/cost-summary for a view, through the SDK; the previous result stays on screen while the next loads. */
import { unwrap } from '@consumo/sdk';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/client.js';
import { isBadRequest } from '../api/errors.js';
import type { CostView } from './view-state.js';

export function useCostSummary(view: Pick<CostView, 'groupBy' | 'granularity' | 'from' | 'to' | 'filter'>) {
  const { groupBy, granularity, from, to, filter } = view;
  return useQuery({
    queryKey: ['cost-summary', groupBy, granularity, from, to, filter],
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/metering/v1/cost-summary', { params: { query: { groupBy, granularity, from, to, ...(filter && { filter }) } }, signal }),
      ),
    // A filter the server refuses stays refused: no retry, its message is shown at the filter box.
    retry: (count, error) => count < 2 && !isBadRequest(error),
    placeholderData: keepPreviousData,
  });
}
