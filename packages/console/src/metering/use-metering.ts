/**
 * The Metering page's server state through the SDK, all under the query key 'metering': the
 * catalog (meters, prices and a price's versions, commitments), ingest statistics and rejected
 * batches, rating runs, one run polled until it ends (the async-operation rules: the server's
 * interval, never faster than 2 s, a 429 waits) and starting one.
 */
import { ConsumoApiError, unwrap } from '@consumo/sdk';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.js';
import { isBadRequest, isNotFound } from '../api/errors.js';
import { RATE_LIMITED_RETRY_MS, acceptedOperationId, isTerminal, pollDelayMs } from '../subscriptions/operation-state.js';
import type { DayRange } from './view-state.js';

export const METERING_KEY = ['metering'] as const;
/** Catalog lists are read whole, up to the API's page limit; more is said, not hidden. */
export const CATALOG_LIMIT = 1000;
export const REJECTION_PAGE_SIZE = 10;
export const RUN_PAGE_SIZE = 10;

const isRateLimited = (error: unknown) => error instanceof ConsumoApiError && error.status === 429;
const noRetryOnClientError = (count: number, error: unknown) => count < 2 && !isBadRequest(error) && !isNotFound(error);

export function useMeters() {
  return useQuery({
    queryKey: [...METERING_KEY, 'meters'],
    queryFn: async ({ signal }) => unwrap(await api.GET('/metering/v1/meters', { params: { query: { sort: 'id', limit: CATALOG_LIMIT } }, signal })),
  });
}

export function usePrices() {
  return useQuery({
    queryKey: [...METERING_KEY, 'prices'],
    queryFn: async ({ signal }) => unwrap(await api.GET('/metering/v1/prices', { params: { query: { sort: 'skuId', limit: CATALOG_LIMIT } }, signal })),
  });
}

/** Every version of one SKU price, by effectiveFrom ascending (read when its row is opened). */
export function usePriceVersions(skuId: string) {
  return useQuery({
    queryKey: [...METERING_KEY, 'price-versions', skuId],
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/metering/v1/prices/{skuId}/versions', { params: { path: { skuId }, query: { limit: CATALOG_LIMIT } }, signal })),
    retry: noRetryOnClientError,
  });
}

export function useCommitments() {
  return useQuery({
    queryKey: [...METERING_KEY, 'commitments'],
    queryFn: async ({ signal }) => unwrap(await api.GET('/metering/v1/commitments', { params: { query: { sort: 'id', limit: CATALOG_LIMIT } }, signal })),
  });
}

export function useIngestStatistics(range: DayRange) {
  return useQuery({
    queryKey: [...METERING_KEY, 'ingest-statistics', range.from, range.to],
    queryFn: async ({ signal }) => unwrap(await api.GET('/metering/v1/ingest-statistics', { params: { query: { from: range.from, to: range.to } }, signal })),
    placeholderData: keepPreviousData,
    retry: noRetryOnClientError,
  });
}

export function useIngestRejections(page: number) {
  return useQuery({
    queryKey: [...METERING_KEY, 'ingest-rejections', page],
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/metering/v1/ingest-rejections', {
          params: { query: { limit: REJECTION_PAGE_SIZE, offset: (page - 1) * REJECTION_PAGE_SIZE } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useRatingRuns(page: number) {
  return useQuery({
    queryKey: [...METERING_KEY, 'rating-runs', page],
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/metering/v1/rating-runs', { params: { query: { limit: RUN_PAGE_SIZE, offset: (page - 1) * RUN_PAGE_SIZE } }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** A rating run, asked again at the server's suggested interval until it is SUCCEEDED, FAILED or TIMEDOUT. */
export function useRatingRun(id: string | undefined) {
  return useQuery({
    queryKey: [...METERING_KEY, 'rating-run', id],
    enabled: id !== undefined,
    queryFn: async ({ signal }) => unwrap(await api.GET('/metering/v1/rating-runs/{id}', { params: { path: { id: id! } }, signal })),
    refetchInterval: (query) => (isTerminal(query.state.data?.status) ? false : pollDelayMs(query.state.data)),
    retry: (count, error) => (isRateLimited(error) ? count < 12 : noRetryOnClientError(count, error)),
    retryDelay: (count, error) => (isRateLimited(error) ? RATE_LIMITED_RETRY_MS : Math.min(1000 * 2 ** count, 8000)),
    staleTime: 0,
  });
}

/** POST /metering/v1/rating-runs for the range → the run id to follow; the run list is read again. */
export function useStartRatingRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (range: DayRange) => {
      const result = await api.POST('/metering/v1/rating-runs', { body: range });
      const body = unwrap(result);
      const runId = acceptedOperationId(body, result.response.headers.get('location'));
      if (!runId) throw new Error('The server accepted the run but named no run to follow.');
      return runId;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...METERING_KEY, 'rating-runs'] }),
  });
}
