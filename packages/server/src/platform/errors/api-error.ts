/** ApiError: the one error type routes and services throw; the handler renders it per family. */
import { type ErrorName, errorCatalog } from './error-catalog.js';

export type IssueSource = 'field' | 'header' | 'query.parameter' | 'path.parameter';

export interface Issue {
  source: IssueSource;
  subject: string;
  description?: string;
}

export type ErrorDetail =
  | { type: 'hpe.greenlake.bad_request'; issues: Issue[] }
  | { type: 'hpe.greenlake.metadata'; source: string; metadata: Record<string, unknown> }
  | { type: 'hpe.greenlake.retry_info'; retryAfterSeconds: number }
  | { type: 'hpe.greenlake.precondition_failed'; issues: Issue[] };

export interface ApiErrorOptions {
  message?: string;
  details?: ErrorDetail[];
  headers?: Record<string, string>;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly errorCode: string;
  readonly details: ErrorDetail[];
  readonly headers: Record<string, string>;

  constructor(
    readonly kind: ErrorName,
    options: ApiErrorOptions = {},
  ) {
    const entry = errorCatalog[kind];
    super(options.message ?? entry.message);
    this.status = entry.status;
    this.errorCode = entry.errorCode;
    this.details = options.details ?? [];
    this.headers = options.headers ?? {};
  }
}

/** A 400 listing every offending parameter or field. */
export function badRequest(issues: Issue[], message?: string): ApiError {
  return new ApiError('BAD_REQUEST', { message, details: [{ type: 'hpe.greenlake.bad_request', issues }] });
}

export function queryIssue(subject: string, description: string): ApiError {
  return badRequest([{ source: 'query.parameter', subject, description }]);
}

export function notFound(source: string, id: string): ApiError {
  return new ApiError('NOT_FOUND', {
    details: [{ type: 'hpe.greenlake.metadata', source, metadata: { id: { message: `Resource with id [${id}] not found` } } }],
  });
}
