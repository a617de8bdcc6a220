/**
 * Fair background work (issue 15, ADR 0008): every job runs in a lane — `interactive` (short
 * operations a client waits on) or `batch` (long runs) — and within a lane workspaces take turns.
 * - `jobs.lane`, set at enqueue from the kind's declared lane; jobs already waiting are sorted by
 *   the kinds declared interactive at the time of this migration, the rest stay batch.
 * - `jobs_lane_due` (lane, workspace, run_at, id) over unfinished jobs answers both "which workspaces
 *   have work in this lane" (a skip scan) and "this workspace's oldest due job" (one range probe);
 *   it replaces `jobs_due`, which ordered every workspace's jobs in one line (the FIFO).
 * - `jobs_lane_running` counts a workspace's running jobs without walking its queued backlog.
 * - `job_turns` remembers, per workspace and lane, when it was last served (a sequence number, so
 *   turns are ordered even when the clock stands still): the round-robin's memory.
 */
import { type Kysely, sql } from 'kysely';

const INTERACTIVE_QUEUES = ['subscriptions.operation', 'budgets.notify', 'focus-exports.schedule'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table jobs add column lane text not null default 'batch' check (lane in ('interactive', 'batch'))`.execute(db);
  await sql`update jobs set lane = 'interactive' where queue in (${sql.join(INTERACTIVE_QUEUES)}) and status in ('queued', 'running')`.execute(db);
  await sql`create index jobs_lane_due on jobs (lane, workspace_id, run_at, id) where status in ('queued', 'running')`.execute(db);
  await sql`create index jobs_lane_running on jobs (lane, workspace_id) where status = 'running'`.execute(db);
  await sql`drop index if exists jobs_due`.execute(db);
  await sql`create sequence job_turns_served`.execute(db);
  await sql`
    create table job_turns (
      workspace_id text not null references workspaces (id) on delete cascade,
      lane text not null check (lane in ('interactive', 'batch')),
      served bigint not null,
      primary key (workspace_id, lane)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists job_turns`.execute(db);
  await sql`drop sequence if exists job_turns_served`.execute(db);
  await sql`create index if not exists jobs_due on jobs (run_at, id) where status in ('queued', 'running')`.execute(db);
  await sql`drop index if exists jobs_lane_running`.execute(db);
  await sql`drop index if exists jobs_lane_due`.execute(db);
  await sql`alter table jobs drop column if exists lane`.execute(db);
}
