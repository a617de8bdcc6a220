/** What every part of the metering family is given: the database, the job queue and the clock. */
import type { Db } from '../../storage/database.js';
import type { JobQueue } from '../../platform/jobs/index.js';

export interface MeteringDeps {
  db: Db;
  jobs: JobQueue;
  now: () => number;
  /** How long after an ingest the automatic rating of the touched days starts (CONSUMO_RATING_DELAY_MS). */
  ratingDelayMs: number;
  /** Pause between the days of a rating run (CONSUMO_ASYNC_STEP_DELAY_MS). */
  stepDelayMs: number;
}
