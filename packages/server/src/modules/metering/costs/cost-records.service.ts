/** GET cost-records: parses filter, filter-tags, sort, select and paging, and writes each row as a FOCUS item. */
import { compileTagFilter } from '../../../platform/filter-sql/index.js';
import { type Page, page, parseListQuery } from '../../../platform/query/index.js';
import type { Executor } from '../../../storage/database.js';
import { COST_RECORD_FIELDS, TAGS_COLUMN, costRecordList } from './cost-records.fields.js';
import * as repo from './cost-records.repository.js';
import type { CostRecordDto, CostRecordsQuery } from './costs.schemas.js';
import { focusValue } from '../../cost-records/index.js';

export async function listCostRecords(db: Executor, workspaceId: string, query: CostRecordsQuery): Promise<Page<CostRecordDto>> {
  const list = parseListQuery(query, costRecordList);
  const tagFilter = query['filter-tags'];
  // Kept in FOCUS order whatever order `select` named them in.
  const fields = list.selected ? COST_RECORD_FIELDS.filter((f) => list.selected?.includes(f.name)) : COST_RECORD_FIELDS;
  const { rows, total } = await repo.listCostRecords(db, workspaceId, {
    where: list.where,
    // No index backs it on cost_records, so the exact per-row test is used (no folded-containment pre-check).
    tagWhere: tagFilter === undefined ? undefined : compileTagFilter(tagFilter, TAGS_COLUMN, 'filter-tags'),
    sort: list.sort,
    limit: list.limit,
    offset: list.offset,
    columns: fields.map((f) => f.column),
  });
  const items = rows.map((row) => Object.fromEntries(fields.map((f) => [f.name, focusValue(f.type, row[f.column])])));
  return page(items, list.offset, total);
}
