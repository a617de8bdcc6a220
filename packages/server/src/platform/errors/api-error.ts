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

/** How a family's 404 differs from the default one, where its vendor words it otherwise. */
export interface NotFoundWording {
  /** The catalog entry (default NOT_FOUND), e.g. Subscription Management's SUBSCRIPTION_NOT_FOUND. */
  error?: ErrorName;
  /** The top-level message (default: the catalog entry's). */
  message?: string;
  /** What the metadata calls the missing object, before `[id] not found` (default `Resource with id`). */
  noun?: string;
}

/** A 404 whose metadata detail, from `source`, names the id not found: `Resource with id [id] not found`. */
export function notFound(source: string, id: string, wording: NotFoundWording = {}): ApiError {
  return new ApiError(wording.error ?? 'NOT_FOUND', {
    message: wording.message,
    details: [{ type: 'hpe.greenlake.metadata', source, metadata: { id: { message: `${wording.noun ?? 'Resource with id'} [${id}] not found` } } }],
  });
}

/** The 400 for a path parameter that is not a UUID: `Id is not a valid UUID.`, unless the family words it otherwise. */
export function invalidId(subject: string, description = 'Id is not a valid UUID.'): ApiError {
  return badRequest([{ source: 'path.parameter', subject, description }]);
}
