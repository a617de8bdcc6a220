/** The notification channels' 400 for an id that is no UUID and 404 for one the workspace lacks (another workspace's included). */
import { type ApiError, invalidId, notFound } from '../../../platform/errors/index.js';

const SOURCE = 'consumo.budgets.notification-channels';

export function channelNotFound(id: string): ApiError {
  return notFound(SOURCE, id, { message: `No notification channel '${id}' in this workspace.` });
}

export function invalidChannelId(): ApiError {
  return invalidId('id');
}
