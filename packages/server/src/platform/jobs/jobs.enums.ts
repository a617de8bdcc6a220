/** The states of a durable job (ADR 0008). */
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * The lanes of background work (ADR 0008), each with its own worker slots so a long batch run can
 * never hold the slot a short interactive operation needs: `interactive` for what a client waits on
 * (subscription operations, notification delivery, the schedule tick), `batch` for long runs
 * (rating, exports, budget evaluation). Listed in the order a one-shot `runOnce` looks at them.
 */
export const JOB_LANES = ['interactive', 'batch'] as const;
export type JobLane = (typeof JOB_LANES)[number];

/** The lane of a kind that declares none: a forgotten declaration can slow its own kind, never an interactive one. */
export const DEFAULT_JOB_LANE: JobLane = 'batch';
