/**
 * Deep pages of a list sorted by one unique key, without skipping every row before them (ADR 0029).
 * A page read at offset O remembers where it sat — "the row at offset O has key K", and the same
 * for its last row — together with the list version its own statement saw (migration 0024). A later
 * request near that offset starts at the closest remembered key (`key >= K`) and skips only the
 * difference, and its statement reads the list version again: the same version means no write to
 * the list since, so the rows are exactly those a full skip would give; a different one (or no row
 * to tell) and the page is read again from the start. A keyset continuation, kept per process,
 * checked by the database on every use.
 */
import type { Executor } from './database.js';

/** Remembered positions per query, and queries per database handle; the least recently used go first. */
export const MAX_ANCHORED_QUERIES = 200;
export const MAX_ANCHORS_PER_QUERY = 256;

export interface Anchor {
  offset: number;
  key: string;
  version: string;
}

interface QueryAnchors {
  version: string;
  byOffset: Map<number, string>;
}

const anchorsByDb = new WeakMap<Executor, Map<string, QueryAnchors>>();
const useByDb = new WeakMap<Executor, { served: number; refused: number }>();

function useOf(db: Executor): { served: number; refused: number } {
  let use = useByDb.get(db);
  if (!use) useByDb.set(db, (use = { served: 0, refused: 0 }));
  return use;
}

/** Pages served from a remembered key, and remembered keys refused because the list had moved (tests, diagnostics). */
export function anchorStats(db: Executor): { served: number; refused: number } {
  return { ...useOf(db) };
}

/** Counts one use of an anchor: served (the version held) or refused. */
export function noteAnchorUse(db: Executor, served: boolean): void {
  if (served) useOf(db).served++;
  else useOf(db).refused++;
}

function anchorsFor(db: Executor): Map<string, QueryAnchors> {
  let anchors = anchorsByDb.get(db);
  if (!anchors) anchorsByDb.set(db, (anchors = new Map()));
  return anchors;
}

/** The remembered position closest before (or at) `offset` for the query, if any. */
export function nearestAnchor(db: Executor, query: string, offset: number): Anchor | undefined {
  const anchors = anchorsFor(db);
  const entry = anchors.get(query);
  if (!entry) return undefined;
  anchors.delete(query);
  anchors.set(query, entry);
  let best: number | undefined;
  for (const at of entry.byOffset.keys()) if (at <= offset && (best === undefined || at > best)) best = at;
  return best === undefined ? undefined : { offset: best, key: entry.byOffset.get(best)!, version: entry.version };
}

/** Remembers the page's first and last rows' keys at their offsets, as of the version its statement read. */
export function rememberPage(db: Executor, query: string, version: string, offset: number, keys: readonly string[]): void {
  if (keys.length === 0) return;
  const anchors = anchorsFor(db);
  let entry = anchors.get(query);
  if (!entry || entry.version !== version) entry = { version, byOffset: new Map() };
  anchors.delete(query);
  anchors.set(query, entry);
  if (anchors.size > MAX_ANCHORED_QUERIES) anchors.delete(anchors.keys().next().value!);
  entry.byOffset.set(offset, keys[0]!);
  entry.byOffset.set(offset + keys.length - 1, keys[keys.length - 1]!);
  while (entry.byOffset.size > MAX_ANCHORS_PER_QUERY) entry.byOffset.delete(entry.byOffset.keys().next().value!);
}
