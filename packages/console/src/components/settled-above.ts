/**
 * Layout stability (ADR 0027): a section whose place depends on sections above it that are still
 * reading their data is drawn only once those have settled, so that nothing on screen is pushed
 * down when their data arrives. Every query still starts at once; only the drawing waits.
 */
import { useState } from 'react';

/** What a TanStack query reports that tells whether it is still reading its first data. */
export interface QueryProgress {
  isLoading: boolean;
}

/** Settled: each query has its data or its error, or is not going to read (a disabled query). */
export function haveSettled(...queries: readonly QueryProgress[]): boolean {
  return queries.every((query) => !query.isLoading);
}

/**
 * True from the first render at which `settled` is, and from then on: a section once shown stays
 * (with what was typed into it) when a section above reads again, e.g. for another account.
 */
export function useShownOnceSettled(settled: boolean): boolean {
  const [shown, setShown] = useState(settled);
  if (settled && !shown) setShown(true);
  return shown || settled;
}
