/** Durable jobs: the queue every long task (async operations, rating, exports) runs through, fair between workspaces and lanes. */
export {
  DEFAULT_LANE_CONCURRENCY, JobQueue, JobQueueStopping, PermanentJobError,
  type EnqueueOptions, type JobContext, type JobHoldRule, type RunNowOutcome, type JobHandler, type JobQueueOptions, type JobRow, type LaneConcurrency, type RegisterOptions,
} from './job-queue.js';
export { HELD_RUN_AT } from './jobs.repository.js';
export { JOB_LANES, type JobLane } from './jobs.enums.js';
