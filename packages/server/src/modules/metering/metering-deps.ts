/** What every part of the metering family is given: the database, the job queue and the clock. */
import type { Db } from '../../storage/database.js';
import type { JobQueue } from '../../platform/jobs/index.js';
import type { EventTimeWindow } from './ingest/event-time-window.js';
import type { OnRunRated } from './rating/rating.worker.js';

export interface MeteringDeps {
  db: Db;
  jobs: JobQueue;
  now: () => number;
  /** How long after an ingest the automatic rating of the touched days starts (CONSUMO_RATING_DELAY_MS). */
  ratingDelayMs: number;
  /** Which event times ingest takes (CONSUMO_EVENT_MAX_AGE_DAYS, CONSUMO_EVENT_MAX_FUTURE_SECONDS; ADR 0012). */
  eventTimeWindow: EventTimeWindow;
  /** Pause between the days of a rating run (CONSUMO_ASYNC_STEP_DELAY_MS). */
  stepDelayMs: number;
  /** Called in the transaction of each rating run's last day (app.ts: enqueue the budget alerts' evaluation). */
  onRunRated?: OnRunRated;
}
