/** The job queues rating runs on, and what their jobs carry. */

/** A requested (or seeded) run over a range of days; the job id is the run id. */
export const RATING_RUN_QUEUE = 'metering.rating-run';
/** The automatic run after ingest: rates whatever days are marked; the job id is the run id. */
export const AUTO_RATING_QUEUE = 'metering.auto-rating';

export interface RatingRunPayload {
  runId: string;
}

export interface AutoRatingPayload {
  workspaceId: string;
}
