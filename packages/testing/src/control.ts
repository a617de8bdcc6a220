/**
 * The harness's `control`: the SDK's typed stand-in calls (reset, snapshots, clock, faults, request
 * log — and whatever else `standIn(client)` offers) plus verification over the request log.
 */
import { isDeepStrictEqual } from 'node:util';
import { type ConsumoClient, type RequestLogQuery, standIn } from '@consumo/sdk';
import { type LoggedRequest, type RequestMatch, describeMatch } from './request-match.js';

export type { LoggedRequest, RequestMatch } from './request-match.js';

/** The request log holds at most CONSUMO_REQUEST_LOG_SIZE entries; this reads them all. */
const WHOLE_LOG = 100_000;

/** Whether a logged body is the expected one: equal JSON for an object, the same text for a string. */
function bodyMatches(logged: LoggedRequest['requestBody'], expected: unknown): boolean {
  if (logged.text === null) return false;
  if (typeof expected === 'string') return logged.text === expected;
  try {
    return isDeepStrictEqual(JSON.parse(logged.text), expected);
  } catch {
    return false;
  }
}

export function harnessControl(client: ConsumoClient) {
  const sdk = standIn(client);

  /** The logged requests that match, oldest first (the log's own order is newest first). */
  const find = async (match: RequestMatch = {}): Promise<LoggedRequest[]> => {
    const { body, ...filters } = match;
    const query: RequestLogQuery = { ...filters, limit: WHOLE_LOG };
    const { items } = await sdk.requests.list(query);
    const found = body === undefined ? items : items.filter((item) => bodyMatches(item.requestBody, body));
    return found.reverse();
  };

  /**
   * WireMock's verify: exactly `times` logged requests match (default 1), or an Error that says
   * what was asked and what the log holds. Answers the matching requests, oldest first.
   */
  const verify = async (match: RequestMatch, times = 1): Promise<LoggedRequest[]> => {
    const found = await find(match);
    if (found.length === times) return found;
    const { items } = await sdk.requests.list({ limit: 20 });
    const seen = items.map((r) => `  ${r.method} ${r.path}${r.query ? `?${r.query}` : ''} → ${r.status}`).reverse();
    throw new Error(
      `expected ${times} request${times === 1 ? '' : 's'} matching ${describeMatch(match)}, found ${found.length}; ` +
        `the log's last ${seen.length} (oldest first):\n${seen.join('\n') || '  (empty)'}`,
    );
  };

  return {
    ...sdk,
    requests: { ...sdk.requests, find, verify },
  };
}

export type HarnessControl = ReturnType<typeof harnessControl>;
