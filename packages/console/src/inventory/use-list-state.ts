/** An inventory list's view read from and written to the URL (replace, not push: each small change is not a history step). */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { type ListSpec, type ListState, parseListState, withListState } from './list-state.js';

export function useListState(spec: ListSpec): [ListState, (next: ListState) => void] {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseListState(params, spec), [params, spec]);
  const setState = useCallback((next: ListState) => setParams((current) => withListState(current, next, spec), { replace: true }), [setParams, spec]);
  return [state, setState];
}
