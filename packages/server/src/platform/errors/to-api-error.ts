/** Turns anything thrown (Fastify's own errors, validation failures, bugs) into an ApiError. */
import type { FastifyError } from 'fastify';
import { ApiError, type Issue, type IssueSource, badRequest } from './api-error.js';
import { errorNameForStatus } from './error-catalog.js';

const sourceOfContext: Record<string, IssueSource> = {
  querystring: 'query.parameter',
  params: 'path.parameter',
  body: 'field',
  headers: 'header',
};

interface AjvIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
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

function validationError(err: FastifyError): ApiError {
  const source = sourceOfContext[err.validationContext ?? 'body'] ?? 'field';
  const issues: Issue[] = (err.validation as AjvIssue[]).map((v) => ({ source, subject: subjectOf(v), description: describe(v) }));
  return badRequest(issues);
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const e = err as Partial<FastifyError>;
  if (e && Array.isArray(e.validation)) return validationError(e as FastifyError);
  const status = typeof e?.statusCode === 'number' ? e.statusCode : 500;
  if (status >= 400 && status < 500) {
    // Fastify's client errors carry a safe message (media type, body size, JSON syntax).
    const name = errorNameForStatus(status);
    if (name === 'BAD_REQUEST') {
      return badRequest([{ source: 'field', subject: 'body', description: e.message ?? 'Invalid request body.' }]);
    }
    return new ApiError(name, { message: e.message });
  }
  return new ApiError('INTERNAL_SERVER_ERROR', {
    details: [{ type: 'hpe.greenlake.retry_info', retryAfterSeconds: 30 }],
  });
}
