/** The operation a page follows, as `?operation=<id>` in its URL: a reload or a shared link keeps following it. */
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { watchedOperation } from './operation-state.js';

export function useWatchedOperation(): [string | undefined, (id: string) => void, () => void] {
  const [params, setParams] = useSearchParams();
  const id = watchedOperation(params);
  const watch = useCallback(
    (next: string) =>
      setParams(
        (current) => {
          const p = new URLSearchParams(current);
          p.set('operation', next);
          return p;
        },
        { replace: true },
      ),
    [setParams],
  );
  const dismiss = useCallback(
    () =>
      setParams(
        (current) => {
          const p = new URLSearchParams(current);
          p.delete('operation');
          return p;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [id, watch, dismiss];
}
