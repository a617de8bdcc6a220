/** Words for the explorer's choices. */
import type { CostColumn, GroupBy } from './view-state.js';

export const GROUP_BY_LABELS: Record<GroupBy, string> = {
  ServiceName: 'Service',
  ServiceCategory: 'Service category',
  BillingAccountId: 'Billing account',
  SubAccountId: 'Sub-account',
  RegionId: 'Region',
  ResourceType: 'Resource type',
  SkuId: 'SKU',
  ChargeCategory: 'Charge category',
};

export const COST_LABELS: Record<CostColumn, string> = {
  BilledCost: 'Billed cost',
  EffectiveCost: 'Effective cost',
  ListCost: 'List cost',
};
