/** The explorer's view read from and written to the URL (replace, not push, for each small change). */
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { type CostView, parseView, serializeView } from './view-state.js';

export function useCostView(): [CostView, (next: CostView) => void] {
  const [params, setParams] = useSearchParams();
  // Presets are computed for the day the page was opened, not re-evaluated on every render.
  const [now] = useState(() => Date.now());
  const view = useMemo(() => parseView(params, now), [params, now]);
  const setView = useCallback((next: CostView) => setParams(serializeView(next), { replace: true }), [setParams]);
  return [view, setView];
}
