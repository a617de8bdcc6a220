/** Any failure of an API call, in words: the server's message, errorCode and debugId from the GreenLake envelope when there is one. */
import { ConsumoApiError } from '@consumo/sdk';

export interface ProblemText {
  message: string;
  status?: number;
  errorCode?: string;
  debugId?: string;
  details?: string[];
}

interface Envelope {
  message?: unknown;
  errorCode?: unknown;
  debugId?: unknown;
  errorDetails?: unknown;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

interface Issue {
  subject: string | undefined;
  description: string | undefined;
}

/** The issues of a GreenLake error body's `errorDetails` (each detail may list some). */
function issuesOf(details: unknown): Issue[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((d: unknown) => {
    const issues = (d as { issues?: unknown }).issues;
    if (!Array.isArray(issues)) return [];
    return issues.map((i: { subject?: unknown; description?: unknown }) => ({ subject: text(i.subject), description: text(i.description) }));
  });
}

function detailLines(details: unknown): string[] {
  return issuesOf(details).map((i) => [i.subject, i.description].filter(Boolean).join(': '));
}

export function describeError(error: unknown): ProblemText {
  if (error instanceof ConsumoApiError) {
    const body = (error.body ?? {}) as Envelope;
    const problem: ProblemText = { message: text(body.message) ?? `The server answered HTTP ${error.status}.`, status: error.status };
    const errorCode = text(body.errorCode);
    const debugId = text(body.debugId);
    const details = detailLines(body.errorDetails);
    if (errorCode) problem.errorCode = errorCode;
    if (debugId) problem.debugId = debugId;
    if (details.length > 0) problem.details = details;
    return problem;
  }
  if (error instanceof TypeError) return { message: 'The server could not be reached. Check your connection and try again.' };
  return { message: error instanceof Error ? error.message : String(error) };
}

export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ConsumoApiError && error.status === 401;
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ConsumoApiError && error.status === 404;
}

export function isBadRequest(error: unknown): boolean {
  return error instanceof ConsumoApiError && error.status === 400;
}

/** The descriptions a 400 gives for one parameter (`subject`), e.g. the filter's syntax error with its position; [] otherwise. */
export function issuesAbout(error: unknown, subject: string): string[] {
  if (!isBadRequest(error)) return [];
  const body = (error as ConsumoApiError).body as Envelope | undefined;
  return issuesOf(body?.errorDetails)
    .filter((i) => i.subject === subject)
    .map((i) => i.description ?? 'not accepted');
}
