/**
 * Following an asynchronous operation of the API — a subscription operation, a rating run, an
 * export run: it is active until its status is terminal, and polled at the interval the server
 * suggests (`suggestedPollingIntervalSeconds`), within bounds.
 */
import type { paths } from '@consumo/sdk';

type RunStatus = paths['/metering/v1/rating-runs/{id}']['get']['responses'][200]['content']['application/json']['status'];

/**
 * Not yet ended. The server's runs are INITIALIZED or RUNNING while active; the GreenLake
 * async-operation standard also names PAUSED, which a subscription operation may report.
 */
const ACTIVE_STATUSES: ReadonlySet<string> = new Set(['INITIALIZED', 'RUNNING', 'PAUSED'] satisfies (RunStatus | 'PAUSED')[]);

/** The pause when the server suggests none. */
const DEFAULT_POLL_MS = 2000;
const MIN_POLL_MS = 250;

export const isActive = (op: { status: string }) => ACTIVE_STATUSES.has(op.status);

/** The server's suggested polling interval, clamped to [250 ms, maxMs]; 2 s (or maxMs if less) when it suggests none. */
export function pollDelayMs(op: { suggestedPollingIntervalSeconds?: number | string | null }, maxMs = 60_000): number {
  const suggested = Number(op.suggestedPollingIntervalSeconds) * 1000;
  return Math.min(maxMs, Number.isFinite(suggested) ? Math.max(MIN_POLL_MS, suggested) : DEFAULT_POLL_MS);
}
