/**
 * The Exports page's server state through the SDK, all under the query key 'exports': the
 * definitions, one definition, its run history, one run polled until it ends (the subscriptions'
 * async-operation rules: the server's interval, never faster than 2 s, a 429 waits), a run's
 * manifests, and the writes.
 */
import { ConsumoApiError, unwrap } from '@consumo/sdk';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.js';
import { isBadRequest, isNotFound } from '../api/errors.js';
import { isUuid } from '../inventory/formats.js';
import { RATE_LIMITED_RETRY_MS, acceptedOperationId, isTerminal, pollDelayMs } from '../subscriptions/operation-state.js';
import { rangeParams, type RangeChoice } from './download-range.js';
import type { ExportCreateBody, ExportPatchBody } from './types.js';

export const EXPORTS_KEY = ['exports'] as const;
export const RUN_PAGE_SIZE = 10;

const isRateLimited = (error: unknown) => error instanceof ConsumoApiError && error.status === 429;
const noRetryOnClientError = (count: number, error: unknown) => count < 2 && !isBadRequest(error) && !isNotFound(error);

export function useExports() {
  return useQuery({
    queryKey: [...EXPORTS_KEY, 'list'],
    queryFn: async ({ signal }) => unwrap(await api.GET('/consumption-analytics/v1beta1/focus-exports', { signal })),
  });
}

export function useExport(id: string | undefined) {
  return useQuery({
    queryKey: [...EXPORTS_KEY, 'one', id],
    enabled: isUuid(id),
    queryFn: async ({ signal }) => unwrap(await api.GET('/consumption-analytics/v1beta1/focus-exports/{id}', { params: { path: { id: id! } }, signal })),
    retry: noRetryOnClientError,
  });
}

/** One page of the export's runs, newest first. */
export function useRuns(id: string, page: number) {
  return useQuery({
    queryKey: [...EXPORTS_KEY, 'runs', id, page],
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/consumption-analytics/v1beta1/focus-exports/{id}/runs', {
          params: { path: { id }, query: { limit: RUN_PAGE_SIZE, offset: (page - 1) * RUN_PAGE_SIZE } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** A run, asked again at the server's suggested interval until it is SUCCEEDED, FAILED or TIMEDOUT. */
export function useRun(exportId: string, runId: string | undefined) {
  return useQuery({
    queryKey: [...EXPORTS_KEY, 'run', exportId, runId],
    enabled: runId !== undefined,
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/consumption-analytics/v1beta1/focus-exports/{id}/runs/{runId}', { params: { path: { id: exportId, runId: runId! } }, signal })),
    refetchInterval: (query) => (isTerminal(query.state.data?.status) ? false : pollDelayMs(query.state.data)),
    retry: (count, error) => (isRateLimited(error) ? count < 12 : noRetryOnClientError(count, error)),
    retryDelay: (count, error) => (isRateLimited(error) ? RATE_LIMITED_RETRY_MS : Math.min(1000 * 2 ** count, 8000)),
    staleTime: 0,
  });
}

/** The manifests of the run's billing periods, once it has written one; read again as the run moves on. */
export function useRunManifest(exportId: string, run: { id: string; status: string; result: { periodsDone: number } }) {
  return useQuery({
    queryKey: [...EXPORTS_KEY, 'manifest', exportId, run.id, run.status, run.result.periodsDone],
    enabled: run.result.periodsDone > 0,
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/consumption-analytics/v1beta1/focus-exports/{id}/runs/{runId}/manifest', { params: { path: { id: exportId, runId: run.id } }, signal }),
      ),
    retry: noRetryOnClientError,
  });
}

function useInvalidateExports() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: EXPORTS_KEY });
}

export function useCreateExport() {
  const invalidate = useInvalidateExports();
  return useMutation({
    mutationFn: async (body: ExportCreateBody) => unwrap(await api.POST('/consumption-analytics/v1beta1/focus-exports', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateExport() {
  const invalidate = useInvalidateExports();
  return useMutation({
    mutationFn: async ({ id, patch }: { id: string; patch: ExportPatchBody }) =>
      unwrap(await api.PATCH('/consumption-analytics/v1beta1/focus-exports/{id}', { params: { path: { id } }, body: patch })),
    onSuccess: invalidate,
  });
}

export function useDeleteExport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      const result = await api.DELETE('/consumption-analytics/v1beta1/focus-exports/{id}', { params: { path: { id } } });
      if (!result.response.ok) throw new ConsumoApiError(result.response.status, result.error);
    },
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: [...EXPORTS_KEY, 'one', id] });
      return queryClient.invalidateQueries({ queryKey: [...EXPORTS_KEY, 'list'] });
    },
  });
}

/** POST …/runs for the range (or the schedule's range when `range` is undefined) → the run id to follow. */
export function useStartRun() {
  return useMutation({
    mutationFn: async ({ id, range }: { id: string; range: RangeChoice | undefined }) => {
      const result = await api.POST('/consumption-analytics/v1beta1/focus-exports/{id}/runs', {
        params: { path: { id } },
        body: range ? rangeParams(range) : {},
      });
      const body = unwrap(result);
      const runId = acceptedOperationId(body, result.response.headers.get('location'));
      if (!runId) throw new Error('The server accepted the run but named no run to follow.');
      return runId;
    },
  });
}
