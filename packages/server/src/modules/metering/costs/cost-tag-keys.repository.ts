/** The tag keys present in a range of days, from `cost_tag_rollups_daily`, never from cost_records. */
import { sql } from 'kysely';
import type { Executor } from '../../../storage/database.js';

/**
 * The workspace's distinct keys in key order, walked one index probe per key (a loose index scan
 * on (workspace_id, tag_key, day): PostgreSQL has no skip scan), each kept when it has a row in
 * [from, to). Reads a few rows per key however many rollup rows the range holds.
 */
export async function tagKeysInRange(db: Executor, workspaceId: string, from: string, to: string, limit: number): Promise<string[]> {
  const { rows } = await sql<{ tag_key: string }>`
    with recursive keys (tag_key) as (
      (select tag_key from cost_tag_rollups_daily where workspace_id = ${workspaceId} order by tag_key limit 1)
      union all
      select (
        select r.tag_key from cost_tag_rollups_daily r
        where r.workspace_id = ${workspaceId} and r.tag_key > k.tag_key order by r.tag_key limit 1
      )
      from keys k where k.tag_key is not null
    )
    select k.tag_key from keys k
    where k.tag_key is not null and exists (
      select 1 from cost_tag_rollups_daily r
      where r.workspace_id = ${workspaceId} and r.tag_key = k.tag_key and r.day >= ${from}::date and r.day < ${to}::date
    )
    order by k.tag_key
    limit ${limit}`.execute(db);
  return rows.map((r) => r.tag_key);
}
