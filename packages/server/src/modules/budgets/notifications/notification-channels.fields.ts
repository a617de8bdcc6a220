/** Which notification-channel fields the list's filter, sort and select may name, and as which columns. */
import { listSpec } from '../../../platform/query/index.js';
import { DEFAULT_LIMIT } from './notification-channels.schemas.js';

/** In the order an item carries them. */
export const channelList = listSpec(
  {
    id: { column: 'id', type: 'uuid' },
    name: { column: 'name', type: 'string' },
    kind: { column: 'kind', type: 'string' },
    url: { column: 'url', type: 'string', nullable: true },
    recipients: { column: 'recipients', type: 'string', array: true, sort: false },
    enabled: { column: 'enabled', type: 'boolean' },
    createdAt: { column: 'created_at', type: 'timestamp' },
    updatedAt: { column: 'updated_at', type: 'timestamp' },
  },
  { defaultSort: ['createdAt'], defaultLimit: DEFAULT_LIMIT },
);
