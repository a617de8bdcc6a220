/** What started a rating run: a request (API, CLI), an ingest (the automatic run), or demo seeding. */
export const RATING_RUN_TRIGGERS = ['request', 'ingest', 'seed'] as const;
export type RatingRunTrigger = (typeof RATING_RUN_TRIGGERS)[number];
