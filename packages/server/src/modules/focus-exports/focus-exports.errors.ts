/** Consumption Analytics' own error shapes: its 404 "Resource Not Found." and the 400 for an id that is no UUID. */
import { ApiError, invalidId } from '../../platform/errors/index.js';

/** 404 `HPE_GL_CONSUMPTION_ANALYTICS_NOT_FOUND` (the CA v2 spec's example body, `errorDetails: []`). */
export function exportNotFound(): ApiError {
  return new ApiError('CONSUMPTION_ANALYTICS_NOT_FOUND');
}

export function invalidExportId(): ApiError {
  return invalidId('id', 'Must be a UUID (any case, with or without hyphens).');
}

