/**
 * One rating run followed to its end (GET /metering/v1/rating-runs/{id} at the server's interval):
 * the days rated of the days to rate, the records written, or its error. When it ends, `onEnded`
 * runs once (the run list is read again).
 */
import { FollowedRunPanel } from '../components/followed-run-panel.js';
import { formatNumber, userLocale } from '../lib/money-format.js';
import type { RatingRun } from './types.js';
import { useRatingRun } from './use-metering.js';
import { lastDay } from './view-state.js';

export function RatingRunProgress({ runId, onEnded, onDismiss }: { runId: string; onEnded: (run: RatingRun) => void; onDismiss: () => void }) {
  const locale = userLocale();
  const count = (n: number) => formatNumber(n, locale, 0);
  return (
    <FollowedRunPanel
      query={useRatingRun(runId)}
      title="Rating run"
      closeLabel="Stop following this run"
      progressLabel="Progress of the rating run"
      testId="rating-run"
      summary={(run) =>
        `${run.result.from} to ${lastDay(run.result)}, ${count(run.result.daysRated)} of ${count(run.result.daysTotal)} days rated, ${count(run.result.recordsWritten)} cost records written`
      }
      idNote={(run) => ` (${run.result.trigger})`}
      onEnded={onEnded}
      onDismiss={onDismiss}
    />
  );
}
