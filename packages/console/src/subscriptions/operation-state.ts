/**
 * An asynchronous subscription operation as the console watches it: which states are final, how
 * often to ask (the server's suggestion, never faster than the endpoint's 30 a minute allow), its
 * state in words, and where its id comes from (the 202's transactionId, else its Location).
 */
import type { AsyncOperation } from './types.js';

export const OPERATION_STATUSES = ['INITIALIZED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'TIMEDOUT'] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

const TERMINAL: ReadonlySet<string> = new Set(['SUCCEEDED', 'FAILED', 'TIMEDOUT']);

export function isTerminal(status: string | undefined): boolean {
  return status !== undefined && TERMINAL.has(status);
}

/** GET …/async-operations/{id} allows 30 requests a minute per workspace: one every 2 s at most. */
export const MIN_POLL_SECONDS = 2;
/** While a 429 lasts, the next try waits this long. */
export const RATE_LIMITED_RETRY_MS = 5000;

/** Milliseconds until the next poll of an operation still going (before the first answer: the minimum). */
export function pollDelayMs(op: Pick<AsyncOperation, 'suggestedPollingIntervalSeconds'> | undefined): number {
  const suggested = op?.suggestedPollingIntervalSeconds ?? MIN_POLL_SECONDS;
  return Math.max(MIN_POLL_SECONDS, Number.isFinite(suggested) ? suggested : MIN_POLL_SECONDS) * 1000;
}

export const STATUS_WORDS: Record<OperationStatus, string> = {
  INITIALIZED: 'Accepted, waiting to start',
  RUNNING: 'Running',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  TIMEDOUT: 'Timed out',
};

export const STATUS_COLORS: Record<OperationStatus, string> = {
  INITIALIZED: 'gray',
  RUNNING: 'blue',
  SUCCEEDED: 'teal',
  FAILED: 'red',
  TIMEDOUT: 'red',
};

const known = (status: string): status is OperationStatus => (OPERATION_STATUSES as readonly string[]).includes(status);

export function statusWords(status: string): string {
  return known(status) ? STATUS_WORDS[status] : status;
}

export function statusColor(status: string): string {
  return known(status) ? STATUS_COLORS[status] : 'gray';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The operation a 202 names: its transactionId, or the last segment of its Location header. */
export function acceptedOperationId(body: { transactionId?: string } | undefined, location: string | null): string | undefined {
  if (body?.transactionId && UUID.test(body.transactionId)) return body.transactionId;
  const last = location?.split('?')[0]?.split('/').filter(Boolean).pop();
  return last !== undefined && UUID.test(last) ? last : undefined;
}

/** `?operation=` of a page's URL, when it can name an operation. */
export function watchedOperation(params: URLSearchParams): string | undefined {
  const id = params.get('operation');
  return id !== null && UUID.test(id) ? id.toLowerCase() : undefined;
}

/** One line of an operation's result, e.g. "ABC-123: KEY_NOT_FOUND — The key is not in the catalog." */
export function resultLine(item: { key?: string; id?: string; reason?: string; message?: string }): string {
  const subject = item.key ?? item.id ?? 'item';
  const why = [item.reason, item.message].filter(Boolean).join(' — ');
  return why ? `${subject}: ${why}` : subject;
}

/** The operation's error body as text to read: its message and errorCode when it has them, and the whole body as JSON. */
export function operationErrorText(error: unknown): { message?: string; errorCode?: string; json: string } | undefined {
  if (error === undefined || error === null) return undefined;
  const body = error as { message?: unknown; errorCode?: unknown };
  return {
    ...(typeof body.message === 'string' && { message: body.message }),
    ...(typeof body.errorCode === 'string' && { errorCode: body.errorCode }),
    json: JSON.stringify(error, null, 2),
  };
}

const TITLES: Record<string, string> = {
  postSubscriptionsResponse: 'Adding subscription keys',
  patchSubscriptionsResponse: 'Updating tags',
  deleteSubscriptionsResponse: 'Unclaiming subscriptions',
};

/** What the operation does, from its resultType. */
export function operationTitle(resultType: string | undefined): string {
  return (resultType && TITLES[resultType]) ?? 'Subscription operation';
}
