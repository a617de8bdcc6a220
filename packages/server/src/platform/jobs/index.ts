/** Durable jobs: the queue every long task (async operations, rating, exports) runs through. */
export { JobQueue, JobQueueStopping, PermanentJobError, type EnqueueOptions, type JobContext, type JobHandler, type JobQueueOptions, type JobRow } from './job-queue.js';
