/**
 * The fair claim (ADR 0008): within a lane, the next job comes from the workspace with the fewest
 * running jobs, then the one served longest ago (round-robin), then the oldest due work — not from
 * one first-in-first-out line that a noisy workspace fills. Jobs without a workspace (installation
 * housekeeping) are never served in a turn, so they go first among equals.
 *
 * Two steps: `fairOrder` reads the candidate workspaces in turn order without locking anything (a
 * stale read only makes a turn approximate), then `claimInWorkspace` takes that workspace's oldest
 * due job with FOR UPDATE SKIP LOCKED, which alone decides who gets a job: two processes never
 * take the same one, and a worker that finds a workspace's job locked moves on to the next workspace.
 * Every query walks the index jobs_lane_due (lane, workspace_id, run_at, id), so a backlog of
 * 100,000 queued jobs costs one index probe per workspace, not a sort of the backlog.
 */
import { sql } from 'kysely';
import type { Executor } from '../../storage/database.js';
import type { JobLane } from './jobs.enums.js';
import type { JobRow } from './jobs.repository.js';

export interface ClaimRequest {
  lane: JobLane;
  /** The kinds this worker has handlers for: a job of another kind is never taken. */
  queues: readonly string[];
  workerId: string;
  now: Date;
  leaseUntil: Date;
}

/** How many workspaces, at most, one claim tries before it gives up until the next poll. */
const CANDIDATES = 16;

/** A job is due when its time has come, or when it is running on a lease that ran out (its worker died). */
const due = (now: Date) => sql`d.status in ('queued', 'running') and d.run_at <= ${now} and (d.status = 'queued' or d.lease_until < ${now})`;

/**
 * The workspaces (null: jobs without one) that have due work in the lane, in turn order. A running
 * job was claimed when its run_at had come, so `run_at <= now` bounds both kinds of due job.
 */
export async function fairOrder(db: Executor, lane: JobLane, queues: readonly string[], now: Date): Promise<(string | null)[]> {
  const kinds = sql.join(queues);
  const result = await sql<{ workspace_id: string | null }>`
    with recursive ws (workspace_id) as (
      (select workspace_id from jobs
        where lane = ${lane} and status in ('queued', 'running') and workspace_id is not null
        order by workspace_id limit 1)
      union all
      select (select j.workspace_id from jobs j
               where j.lane = ${lane} and j.status in ('queued', 'running') and j.workspace_id > ws.workspace_id
               order by j.workspace_id limit 1)
        from ws where ws.workspace_id is not null
    ),
    heads as (
      select ws.workspace_id,
             (select d.run_at from jobs d
               where d.lane = ${lane} and d.workspace_id = ws.workspace_id and ${due(now)} and d.queue in (${kinds})
               order by d.run_at, d.id limit 1) as head
        from ws where ws.workspace_id is not null
      union all
      select null::text,
             (select d.run_at from jobs d
               where d.lane = ${lane} and d.workspace_id is null and ${due(now)} and d.queue in (${kinds})
               order by d.run_at, d.id limit 1)
    )
    select h.workspace_id
      from heads h
      left join job_turns t on t.workspace_id = h.workspace_id and t.lane = ${lane}
     where h.head is not null
     order by (select count(*) from jobs r
                where r.lane = ${lane} and r.status = 'running' and r.lease_until >= ${now}
                  and (r.workspace_id = h.workspace_id or (r.workspace_id is null and h.workspace_id is null))),
              t.served nulls first, h.head, h.workspace_id
     limit ${CANDIDATES}`.execute(db);
  return result.rows.map((r) => r.workspace_id);
}

/** Takes the workspace's oldest due job of the lane, skipping one another worker is taking right now. */
export async function claimInWorkspace(db: Executor, workspaceId: string | null, claim: ClaimRequest): Promise<JobRow | undefined> {
  const scope = workspaceId === null ? sql`d.workspace_id is null` : sql`d.workspace_id = ${workspaceId}`;
  const result = await sql<JobRow>`
    update jobs
       set status = 'running', attempts = attempts + 1, lease_until = ${claim.leaseUntil},
           locked_by = ${claim.workerId}, updated_at = ${claim.now}
     where id = (select d.id from jobs d
                  where d.lane = ${claim.lane} and ${scope} and ${due(claim.now)} and d.queue in (${sql.join(claim.queues)})
                  order by d.run_at, d.id limit 1
                  for update skip locked)
    returning *`.execute(db);
  return result.rows[0];
}

/** Marks the workspace as served just now in the lane: it goes to the back of the round-robin. */
export async function recordTurn(db: Executor, workspaceId: string, lane: JobLane): Promise<void> {
  await sql`
    insert into job_turns (workspace_id, lane, served) values (${workspaceId}, ${lane}, nextval('job_turns_served'))
    on conflict (workspace_id, lane) do update set served = excluded.served`.execute(db);
}

/** One fair claim: the first workspace in turn order whose due job this worker can lock. */
export async function claimNextJob(db: Executor, claim: ClaimRequest): Promise<JobRow | undefined> {
  if (claim.queues.length === 0) return undefined;
  for (const workspaceId of await fairOrder(db, claim.lane, claim.queues, claim.now)) {
    const job = await claimInWorkspace(db, workspaceId, claim);
    if (!job) continue;
    if (workspaceId !== null) await recordTurn(db, workspaceId, claim.lane);
    return job;
  }
  return undefined;
}
