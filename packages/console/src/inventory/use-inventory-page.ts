/** One page of an inventory list through the SDK; the page on screen stays while the next loads, and a refused filter is not retried. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { isBadRequest } from '../api/errors.js';
import { type ListState, listQuery } from './list-state.js';

export interface ListPage<T> {
  items: T[];
  count: number;
  offset: number;
  total: number;
}

export type ListQuery = ReturnType<typeof listQuery>;

export function useInventoryPage<T>(resource: string, state: ListState, fetchPage: (query: ListQuery, signal: AbortSignal) => Promise<ListPage<T>>) {
  const query = listQuery(state);
  return useQuery({
    queryKey: ['inventory', resource, 'list', query],
    queryFn: ({ signal }) => fetchPage(query, signal),
    retry: (count, error) => count < 2 && !isBadRequest(error),
    placeholderData: keepPreviousData,
  });
}
