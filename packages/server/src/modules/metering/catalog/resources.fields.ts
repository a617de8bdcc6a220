/** Which resource fields the list's filter, sort and select may touch. */
import { selectOnly } from '../../../platform/query/index.js';
import { idKeyedList, nullable } from './catalog.fields.js';

export const resourceList = idKeyedList({
  billingAccountId: 'string',
  subAccountId: nullable('string'),
  subAccountName: nullable('string'),
  name: nullable('string'),
  resourceType: nullable('string'),
  serviceName: 'string',
  serviceCategory: 'string',
  serviceSubcategory: nullable('string'),
  regionId: nullable('string'),
  regionName: nullable('string'),
  availabilityZone: nullable('string'),
  tags: selectOnly,
  deviceId: nullable('uuid'),
});
