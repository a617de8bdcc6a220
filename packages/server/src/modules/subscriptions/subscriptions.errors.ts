/** Subscription Management's own 404 (https://developer.greenlake.hpe.com/docs/greenlake/services/subscription-management/public/); its 400 for an id that is no UUID is platform's `invalidId('Id')`. */
import { type ApiError, notFound } from '../../platform/errors/index.js';

/** 404 `HPE_GL_DM_SUBSCRIPTION_ID_NOT_FOUND`, with the metadata detail the spec shows. */
export function subscriptionNotFound(id: string): ApiError {
  return notFound('hpe.greenlake.subscriptionmanagement', id, { error: 'SUBSCRIPTION_NOT_FOUND' });
}

