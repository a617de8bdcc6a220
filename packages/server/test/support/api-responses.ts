/** Reading and expecting the GreenLake shapes every API answers in: query strings, 400 issues, error bodies. */
import { expect } from 'vitest';

/** One issue of a 400's first error detail. */
export interface Issue {
  source: string;
  subject: string;
  description: string;
}

/** `path` with `params` as its query string (none when `params` is empty). */
export function withQuery(path: string, params: Record<string, string | number> = {}): string {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString();
  return query ? `${path}?${query}` : path;
}

/** The issues of a 400 body's first error detail. */
export function issuesOf(res: { json(): unknown }): Issue[] {
  return (res.json() as { errorDetails: { issues: Issue[] }[] }).errorDetails[0]!.issues;
}

/** The whole body of a GreenLake error with one metadata detail (any debugId), for `toEqual`. */
export function metadataError(
  httpStatusCode: number,
  errorCode: string,
  message: string,
  detail: { source: unknown; metadata: Record<string, unknown> },
): Record<string, unknown> {
  return {
    httpStatusCode,
    errorCode,
    message,
    debugId: expect.any(String),
    errorDetails: [{ type: 'hpe.greenlake.metadata', ...detail }],
  };
}
