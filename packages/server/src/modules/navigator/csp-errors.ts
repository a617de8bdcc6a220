/**
 * VMware's error shape for Cloud Partner Navigator and the CSP token exchange (ADR 0020):
 * `{statusCode, errorCode, message, requestId, cspErrorCode, moduleCode}` — CSP's
 * `CspErrorResponse` fields, with `statusCode` and `errorCode` first as Navigator's `ErrorResponse`
 * is inferred to read. Turns whatever was thrown inside the family (the guards' GreenLake errors,
 * Fastify's, the database's refusals of client text) into that shape — never a stack trace.
 */
import { ApiError, toApiError } from '../../platform/errors/index.js';

/** The errorCode of each status, in CSP's snake_case. */
const CODE_OF_STATUS: Record<number, string> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  408: 'request_timeout',
  409: 'conflict',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  431: 'request_header_fields_too_large',
  500: 'internal_error',
  503: 'service_unavailable',
};

export type CspModule = 'navigator.auth' | 'navigator.core' | 'navigator.billing';

/** The 400s that say more than `invalid_request`: CSP's OAuth2 `invalid_grant` (RFC 6749 §5.2) and the billing API's refusals. */
export type CspErrorCode = 'invalid_grant' | 'unknown_tenant' | 'unknown_service' | 'no_active_service' | 'range_too_long';

export class CspError extends Error {
  override readonly name = 'CspError';
  readonly errorCode: string;
  readonly module: CspModule | undefined;

  constructor(
    readonly status: number,
    message: string,
    options: { errorCode?: CspErrorCode; module?: CspModule } = {},
  ) {
    super(message);
    this.errorCode = options.errorCode ?? CODE_OF_STATUS[status] ?? 'error';
    this.module = options.module;
  }
}

export const cspBadRequest = (message: string, errorCode?: CspErrorCode) => new CspError(400, message, { errorCode, module: 'navigator.billing' });
export const cspNotFound = (message: string) => new CspError(404, message, { module: 'navigator.core' });
/** A token the exchange refuses: unknown, revoked or expired. */
export const cspInvalidGrant = (message: string) => new CspError(400, message, { errorCode: 'invalid_grant', module: 'navigator.auth' });

export interface CspErrorBody {
  statusCode: number;
  errorCode: string;
  message: string;
  requestId: string;
  cspErrorCode: string;
  moduleCode: string;
}

function apiErrorMessage(error: ApiError): string {
  for (const detail of error.details) {
    if (detail.type === 'hpe.greenlake.bad_request') return detail.issues.map((i) => `${i.subject}: ${i.description ?? 'is not valid'}`).join(' ');
    if (detail.type !== 'hpe.greenlake.metadata') continue;
    const { reason, permission } = detail.metadata as { reason?: unknown; permission?: unknown };
    if (typeof reason === 'string') return `${error.message}: ${reason}.`;
    if (typeof permission === 'string') return `${error.message}: the caller's roles do not grant '${permission}'.`;
  }
  return error.message;
}

/** What the route answers for anything thrown; `serverFault` says whether to log it as ours. */
export function toCspError(err: unknown): { error: CspError; serverFault: boolean } {
  if (err instanceof CspError) return { error: err, serverFault: err.status >= 500 };
  const api = err instanceof ApiError ? err : toApiError(err);
  if (api.status >= 500) return { error: new CspError(api.status, 'The server could not complete the request; it has been logged.'), serverFault: true };
  return { error: new CspError(api.status, apiErrorMessage(api)), serverFault: false };
}

export function cspErrorBody(error: CspError, requestId: string): CspErrorBody {
  const moduleCode = error.module ?? 'navigator';
  return {
    statusCode: error.status,
    errorCode: error.errorCode,
    message: error.message,
    requestId,
    cspErrorCode: `${error.status}.${moduleCode}.${error.errorCode}`,
    moduleCode,
  };
}
