/** Words for the explorer's choices. */
import type { CostColumn, GroupBy, StackBy } from './view-state.js';

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

/** What the explorer stacks by, in words: `Service`, `Tag: team`. */
export function stackLabel(stack: StackBy): string {
  return 'tag' in stack ? `Tag: ${stack.tag}` : GROUP_BY_LABELS[stack.groupBy];
}
