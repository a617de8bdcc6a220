/** What a verification over the request log asks for, and how it reads in an error message. */
import type { StandInControl } from '@consumo/sdk';

/** One entry of the stand-in's request log (method, path, query, status, bodies — secrets redacted). */
export type LoggedRequest = Awaited<ReturnType<StandInControl['requests']['list']>>['items'][number];

export interface RequestMatch {
  /** An HTTP method, e.g. POST. */
  method?: string;
  /** A path glob: `*` within one segment, `**` across segments, `?` one character. */
  path?: string;
  /** The status the stand-in answered. */
  status?: number;
  /** Received at or after this RFC 3339 instant. */
  since?: string;
  /** The request body as logged (after redaction): a string is compared as text, anything else as equal JSON. */
  body?: unknown;
}

export function describeMatch(match: RequestMatch): string {
  const parts = [match.method ?? '*', match.path ?? '/**'];
  if (match.status !== undefined) parts.push(`→ ${match.status}`);
  if (match.since !== undefined) parts.push(`since ${match.since}`);
  if (match.body !== undefined) parts.push(`with body ${typeof match.body === 'string' ? match.body : JSON.stringify(match.body)}`);
  return parts.join(' ');
}
