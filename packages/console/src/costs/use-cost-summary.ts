/** GET /metering/v1/cost-summary for a view (by a dimension or a tag key), through the SDK; the previous result stays on screen while the next loads. */
import { unwrap } from '@consumo/sdk';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/client.js';
import { isBadRequest } from '../api/errors.js';
import type { CostView } from './view-state.js';

export function useCostSummary(view: Pick<CostView, 'groupBy' | 'tag' | 'granularity' | 'from' | 'to' | 'filter'>) {
  const { groupBy, tag, granularity, from, to, filter } = view;
  // Stacked by a tag key: grouped by that key alone (its values and the untagged rest), not by a dimension too.
  const grouping = tag === null ? { groupBy } : { groupByTag: tag };
  return useQuery({
    queryKey: ['cost-summary', groupBy, tag, granularity, from, to, filter],
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/metering/v1/cost-summary', { params: { query: { ...grouping, granularity, from, to, ...(filter && { filter }) } }, signal }),
      ),
    // A filter the server refuses stays refused: no retry, its message is shown at the filter box.
    retry: (count, error) => count < 2 && !isBadRequest(error),
    placeholderData: keepPreviousData,
  });
}
