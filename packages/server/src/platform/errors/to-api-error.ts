/** Turns anything thrown (Fastify's own errors, validation failures, bugs) into an ApiError. */
import { ApiError, type Issue, type IssueSource, badRequest } from './api-error.js';
import { errorNameForStatus } from './error-catalog.js';

const sourceOfContext: Record<string, IssueSource> = {
  querystring: 'query.parameter',
  params: 'path.parameter',
  body: 'field',
  headers: 'header',
};

/** What the HTTP layer throws: Fastify's errors carry a status, a code, and for validation failures Ajv's issues. */
interface HttpLayerError {
  message?: string;
  statusCode?: number;
  code?: string;
  validation?: unknown[];
  validationContext?: string;
}

interface AjvIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  /** The value that failed (the query-string validator is verbose). */
  data?: unknown;
}

/** What to write instead of repeating a parameter that takes one value. */
const SINGLE_VALUE_HINTS: Record<string, string> = {
  filter: "join the conditions with 'and' (or 'or') in one filter",
  'filter-tags': "join the conditions with 'and' (or 'or') in one filter-tags",
};

/**
 * A parameter that takes one value, given several times (`limit=5&limit=10`): Ajv sees an array
 * where a scalar belongs. List parameters (select, sort, groupBy, id) accept arrays, so their
 * issues never arrive here with an array at the parameter itself.
 */
function repeatedParameter(issue: AjvIssue): string | undefined {
  if (!Array.isArray(issue.data) || !/^\/[^/]+$/.test(issue.instancePath)) return undefined;
  const name = issue.instancePath.slice(1).replace(/~1/g, '/').replace(/~0/g, '~');
  const hint = SINGLE_VALUE_HINTS[name] ?? `give one ${name}=… only`;
  return `Takes one value but was given ${issue.data.length} times; ${hint}.`;
}

function describe(issue: AjvIssue): string {
  const p = issue.params;
  switch (issue.keyword) {
    case 'required':
      return 'Required parameter is missing.';
    case 'minimum':
      return `Must be a numeric value which is ${String(p.limit)} or greater.`;
    case 'maximum':
      return `Must be a numeric value which is ${String(p.limit)} or less.`;
    case 'type':
      return `Must be ${p.type === 'integer' ? 'an integer' : `of type ${String(p.type)}`}.`;
    case 'enum':
      return `Must be one of: ${(p.allowedValues as unknown[]).map((v) => (v === null ? 'null' : String(v))).join(', ')}.`;
    case 'additionalProperties':
      return 'Unknown property.';
    default:
      return issue.message ? `${issue.message[0]?.toUpperCase()}${issue.message.slice(1)}.` : 'Invalid value.';
  }
}

/** A JSON pointer as the field paths of our own checks write it: `/roles/1/name` → `roles[1].name`. */
function subjectOf(issue: AjvIssue): string {
  const path = issue.instancePath
    .replace(/\/(\d+)(?=\/|$)/g, '[$1]')
    .replace(/^\//, '')
    .replace(/\//g, '.');
  const extra =
    (issue.params.missingProperty as string | undefined) ?? (issue.params.additionalProperty as string | undefined);
  if (extra) return path ? `${path}.${extra}` : extra;
  return path || 'body';
}

function validationError(err: HttpLayerError): ApiError {
  const context = err.validationContext ?? 'body';
  const source = sourceOfContext[context] ?? 'field';
  const issues: Issue[] = [];
  const repeated = new Set<string>();
  for (const v of err.validation as AjvIssue[]) {
    const subject = subjectOf(v);
    // A repeated parameter fails every branch of its schema, each time with the same array: one issue says it.
    if (repeated.has(subject)) continue;
    const once = context === 'querystring' ? repeatedParameter(v) : undefined;
    if (once !== undefined) repeated.add(subject);
    issues.push({ source, subject, description: once ?? describe(v) });
  }
  return badRequest(issues);
}

/**
 * SQLSTATEs that only text a client sent can cause: PostgreSQL stores no NUL character (U+0000) in
 * text (22021 for a parameter, 22P05 for `\u0000` in JSON). Mapped here, once for every route, rather
 * than checked field by field (a scan of every body would cost the hot paths).
 */
const CLIENT_TEXT_SQLSTATES = new Set(['22021', '22P05']);

function clientTextError(code: unknown): ApiError | undefined {
  if (typeof code !== 'string' || !CLIENT_TEXT_SQLSTATES.has(code)) return undefined;
  return badRequest([
    { source: 'field', subject: 'request', description: 'A value holds the NUL character (U+0000), which text cannot hold; remove it.' },
  ]);
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const e = err as HttpLayerError | undefined;
  if (e && Array.isArray(e.validation)) return validationError(e);
  const text = clientTextError(e?.code);
  if (text) return text;
  const status = typeof e?.statusCode === 'number' ? e.statusCode : 500;
  if (status >= 400 && status < 500) {
    // Fastify's client errors carry a safe message (media type, body size, JSON syntax).
    const name = errorNameForStatus(status);
    if (name === 'BAD_REQUEST') {
      return badRequest([{ source: 'field', subject: 'body', description: e?.message ?? 'Invalid request body.' }]);
    }
    return new ApiError(name, { message: e?.message });
  }
  return new ApiError('INTERNAL_SERVER_ERROR', {
    details: [{ type: 'hpe.greenlake.retry_info', retryAfterSeconds: 30 }],
  });
}
