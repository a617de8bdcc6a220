/** What the Subscription Management module needs from the application; its routes, services and worker share it. */
import type { JobQueue } from '../../platform/jobs/index.js';
import type { Db } from '../../storage/database.js';

export interface SubscriptionsDeps {
  db: Db;
  jobs: JobQueue;
  now: () => number;
  /** Pause between the items of an operation (CONSUMO_ASYNC_STEP_DELAY_MS). */
  stepDelayMs: number;
}
