/** What the FOCUS exports module needs from the application: its routes, run worker and schedules share it. */
import type { JobQueue } from '../../platform/jobs/index.js';
import type { Db } from '../../storage/database.js';
import type { RowStreams } from '../../storage/engines/database-engine.js';

export interface FocusExportsDeps {
  db: Db;
  /** Large reads: rows in chunks, CSV written by the engine where it can. */
  streams: RowStreams;
  jobs: JobQueue;
  now: () => number;
  /** CONSUMO_EXPORT_DIR: where export runs write their files. */
  exportDir: string;
  /** CONSUMO_EXPORT_PART_ROWS: rows per part file. */
  partRows: number;
  /** CONSUMO_ASYNC_STEP_DELAY_MS: pause between the billing periods of a run. */
  stepDelayMs?: number;
}
