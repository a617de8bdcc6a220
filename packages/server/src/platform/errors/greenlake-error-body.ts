/** The GreenLake error envelope: httpStatusCode, errorCode, message, debugId, errorDetails. */
import type { ApiError, ErrorDetail } from './api-error.js';

export interface GreenLakeErrorBody {
  httpStatusCode: number;
  errorCode: string;
  message: string;
  debugId: string;
  errorDetails: ErrorDetail[];
}

export function greenlakeErrorBody(error: ApiError, debugId: string): GreenLakeErrorBody {
  return {
    httpStatusCode: error.status,
    errorCode: error.errorCode,
    message: error.message,
    debugId,
    errorDetails: error.details,
  };
}
