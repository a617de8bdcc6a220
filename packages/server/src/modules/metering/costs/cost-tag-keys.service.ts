/** GET cost-tag-keys: the tag keys cost-summary can group by (groupByTag) over a range of days. */
import { badRequest } from '../../../platform/errors/index.js';
import type { Executor } from '../../../storage/database.js';
import { MAX_TAG_KEYS } from './cost-summary.fields.js';
import { dayRangeIssues } from './cost-summary-params.js';
import { tagKeysInRange } from './cost-tag-keys.repository.js';
import type { CostTagKeysDto, CostTagKeysQuery } from './costs.schemas.js';

export async function costTagKeys(db: Executor, workspaceId: string, query: CostTagKeysQuery): Promise<CostTagKeysDto> {
  const { issues } = dayRangeIssues(query.from, query.to);
  if (issues.length) throw badRequest(issues);
  const keys = await tagKeysInRange(db, workspaceId, query.from, query.to, MAX_TAG_KEYS);
  return { from: query.from, to: query.to, items: keys.map((key) => ({ key })), count: keys.length };
}
