/** The `error` of an operation that ended FAILED: the GreenLake error envelope, from the error catalog. */
import { type ErrorName, errorCatalog } from '../errors/error-catalog.js';

export interface OperationError {
  httpStatusCode: number;
  errorCode: string;
  message: string;
  /** The operation's id: what a client quotes when it asks why. */
  debugId: string;
  errorDetails?: unknown[];
  [key: string]: unknown;
}

export function operationError(name: ErrorName, message: string, operationId: string, details?: unknown[]): OperationError {
  const entry = errorCatalog[name];
  return {
    httpStatusCode: entry.status,
    errorCode: entry.errorCode,
    message,
    debugId: operationId,
    ...(details && { errorDetails: details }),
  };
}
