/**
 * Exact list totals without counting every time (ADR 0029). A list's `total` is counted together
 * with its table's list version (migration 0024) in one statement, so in one snapshot, and kept in
 * this process. The next request for the same filter reads the version (one index look-up) beside
 * its page: unchanged, the kept total is exactly what a count would say now, since any write
 * committed since the count raised the version in its own transaction; changed, it counts again.
 * Nothing is trusted across a write, whichever process or tool made it.
 */
import { type SelectQueryBuilder, sql } from 'kysely';
import type { Executor } from './database.js';
import { planEachTime } from './list-page.js';

/** The tables whose writes raise a list version (the triggers of migration 0024). */
export type VersionedList = 'flex_devices' | 'flex_orders' | 'subscriptions';

/** How many distinct filters one process keeps totals for, per database; the least recently used go first. */
export const MAX_KEPT_TOTALS = 1000;

interface KeptTotal {
  version: string;
  total: number;
}

/** Totals kept for one database handle, by query text and parameters (the workspace is one of them). */
class KeptTotals {
  private readonly totals = new Map<string, KeptTotal>();
  /** Counts running now, by query: a request that read the same version waits for one instead of counting again. */
  readonly running = new Map<string, Promise<KeptTotal>>();
  hits = 0;
  misses = 0;
  shared = 0;
  /** Reads of the version on their own (the page carried none: an empty page, or a list whose page does not select it). */
  versionReads = 0;

  get(key: string): KeptTotal | undefined {
    const kept = this.totals.get(key);
    if (kept) {
      // Re-inserted, so that the Map's order is least recently used first.
      this.totals.delete(key);
      this.totals.set(key, kept);
    }
    return kept;
  }

  set(key: string, kept: KeptTotal): void {
    this.totals.delete(key);
    this.totals.set(key, kept);
    if (this.totals.size > MAX_KEPT_TOTALS) this.totals.delete(this.totals.keys().next().value!);
  }

  get size(): number {
    return this.totals.size;
  }
}

/** Per database handle (a transaction is its own handle, so it keeps nothing beyond itself). */
const keptByDb = new WeakMap<Executor, KeptTotals>();

function keptFor(db: Executor): KeptTotals {
  let kept = keptByDb.get(db);
  if (!kept) keptByDb.set(db, (kept = new KeptTotals()));
  return kept;
}

/** Hits and misses of the kept totals of a database handle (for tests and diagnostics). */
export function keptTotalsStats(db: Executor): { hits: number; misses: number; shared: number; versionReads: number; size: number } {
  const kept = keptFor(db);
  return { hits: kept.hits, misses: kept.misses, shared: kept.shared, versionReads: kept.versionReads, size: kept.size };
}

/**
 * The list's version as a column of any statement (so as of that statement's snapshot), as text
 * (bigint: a string from pg, a number from PGlite); '0' before the list's first write.
 */
export const listVersionColumn = (workspaceId: string, list: VersionedList) =>
  sql<string>`coalesce((select version from list_versions where workspace_id = ${workspaceId} and list = ${list}), 0)::text`;

export async function readListVersion(db: Executor, workspaceId: string, list: VersionedList): Promise<string> {
  const { rows } = await sql<{ version: string }>`select ${listVersionColumn(workspaceId, list)} as version`.execute(db);
  return rows[0]!.version;
}

/** Counts the matching rows and reads the version in one statement: both as of one snapshot. */
async function countAtVersion(
  matching: SelectQueryBuilder<never, never, unknown>,
  workspaceId: string,
  list: VersionedList,
): Promise<KeptTotal> {
  const counting = (matching as SelectQueryBuilder<never, never, object>).select([
    sql<number>`count(*)::int`.as('n'),
    listVersionColumn(workspaceId, list).as('version'),
  ]);
  const row = await planEachTime(counting as SelectQueryBuilder<never, never, unknown>).executeTakeFirstOrThrow();
  const { n, version } = row as { n: number; version: string };
  return { total: n, version };
}

export interface VersionedCount<R = unknown> {
  db: Executor;
  workspaceId: string;
  list: VersionedList;
  /**
   * The list version the page's own statement read (a `listVersionColumn` in its select), when the
   * page has a row: then no separate read of the version is needed, and the total given is exact
   * as of the very snapshot the page was read in.
   */
  pageVersion?: (rows: readonly R[]) => string | undefined;
}

/**
 * The page (read only when `limit` > 0) and the exact count of `matching` (the filtered query of
 * the list's table, before any select, sort or paging): the count is the kept one while the
 * list's version has not moved since it was counted. When it has, requests that read the same new
 * version share one count (a write then costs one count, not one per request in flight).
 */
export async function pageAndKeptCount<R>(
  limit: number,
  page: () => Promise<R[]>,
  matching: SelectQueryBuilder<never, never, unknown>,
  at: VersionedCount<R>,
): Promise<{ rows: R[]; total: number }> {
  const kept = keptFor(at.db);
  const compiled = matching.compile();
  const key = `${compiled.sql}\u0000${JSON.stringify(compiled.parameters)}`;
  const count = (): Promise<KeptTotal> => {
    const counting = countAtVersion(matching, at.workspaceId, at.list).then((counted) => {
      kept.set(key, counted);
      return counted;
    });
    kept.running.set(key, counting);
    const forget = () => {
      if (kept.running.get(key) === counting) kept.running.delete(key);
    };
    counting.then(forget, forget);
    return counting;
  };
  const before = kept.get(key);
  const rows = limit === 0 ? Promise.resolve([] as R[]) : page();
  if (before === undefined) {
    kept.misses++;
    const [read, counted] = await Promise.all([rows, count()]);
    return { rows: read, total: counted.total };
  }
  const readVersion = () => {
    kept.versionReads++;
    return readListVersion(at.db, at.workspaceId, at.list);
  };
  const [read, version] = at.pageVersion
    ? await rows.then(async (r) => [r, at.pageVersion!(r) ?? (await readVersion())] as const)
    : await Promise.all([rows, readVersion()]);
  if (version === before.version) {
    kept.hits++;
    return { rows: read, total: before.total };
  }
  // A count already running is exact for this request if it saw the version this request read.
  const running = kept.running.get(key);
  const shared = running ? await running.catch(() => undefined) : undefined;
  if (shared?.version === version) {
    kept.shared++;
    return { rows: read, total: shared.total };
  }
  kept.misses++;
  return { rows: read, total: (await count()).total };
}
