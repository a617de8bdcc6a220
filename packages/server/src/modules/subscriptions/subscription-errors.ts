/** Subscription Management's own error shapes (reference §3): its 404 and its "Id is not a valid UUID." 400. */
import { ApiError, badRequest } from '../../platform/errors/index.js';

/** 404 `HPE_GL_DM_SUBSCRIPTION_ID_NOT_FOUND`, with the metadata detail the spec shows. */
export function subscriptionNotFound(id: string): ApiError {
  return new ApiError('SUBSCRIPTION_NOT_FOUND', {
    details: [
      {
        type: 'hpe.greenlake.metadata',
        source: 'hpe.greenlake.subscriptionmanagement',
        metadata: { id: { message: `Resource with id [${id}] not found` } },
      },
    ],
  });
}

/** 400 for a path id that is not a UUID, worded as the spec's example. */
export function invalidId(subject = 'Id'): ApiError {
  return badRequest([{ source: 'path.parameter', subject, description: 'Id is not a valid UUID.' }]);
}
