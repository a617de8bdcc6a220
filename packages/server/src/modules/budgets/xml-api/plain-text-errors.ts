/**
 * Cloud Cruiser's error shape: the HTTP status, and the failure message as the plain-text body
 * (ADR 0017). Turns whatever was thrown inside `/rest/v1` into that — never a stack trace — and
 * answers 401 with the Basic challenge Cloud Cruiser's clients expect.
 */
import { ApiError, toApiError } from '../../../platform/errors/index.js';
import { XmlError } from '../../../platform/xml/index.js';
import { BudgetApiError } from '../budgets.errors.js';

export const BASIC_CHALLENGE = 'Basic realm="Cloud Cruiser", charset="UTF-8"';

export interface PlainTextError {
  status: number;
  message: string;
  /** A fault of ours, to be logged. */
  serverFault: boolean;
}

interface HttpLayerError {
  statusCode?: unknown;
  message?: unknown;
  code?: unknown;
}

function apiErrorText(error: ApiError): string {
  for (const detail of error.details) {
    if (detail.type === 'hpe.greenlake.bad_request') return detail.issues.map((i) => i.description ?? i.subject).join(' ');
    if (detail.type !== 'hpe.greenlake.metadata') continue;
    const { reason, permission } = detail.metadata as { reason?: unknown; permission?: unknown };
    if (typeof reason === 'string') return `${error.message}: ${reason}.`;
    if (typeof permission === 'string') return `${error.message}: this client's roles do not grant '${permission}'.`;
  }
  return error.message;
}

/** What Fastify itself reports (415, 413, a body that is not there) says what is wrong in its message. */
const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'The request body must be application/xml.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is too large.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is empty; it must be an XML document.',
};

export function toPlainTextError(err: unknown): PlainTextError {
  if (err instanceof BudgetApiError) return { status: err.status, message: err.message, serverFault: false };
  if (err instanceof XmlError) return { status: 400, message: /[.!?]$/.test(err.message) ? err.message : `${err.message}.`, serverFault: false };
  if (err instanceof ApiError) return { status: err.status, message: apiErrorText(err), serverFault: err.status >= 500 };
  const e = (err ?? {}) as HttpLayerError;
  const known = typeof e.code === 'string' ? FASTIFY_MESSAGES[e.code] : undefined;
  if (known && typeof e.statusCode === 'number') return { status: e.statusCode, message: known, serverFault: false };
  // Everything else is classified as for the JSON families: Fastify's client errors, the database's refusals of client text.
  const api = toApiError(err);
  if (api.status < 500) return { status: api.status, message: apiErrorText(api), serverFault: false };
  return { status: 500, message: 'The server could not complete the request; it has been logged.', serverFault: true };
}
