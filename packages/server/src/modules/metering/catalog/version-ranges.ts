/** The version rule prices and contracted prices share (ADR 0012): where a new version fits, and which one is in force. */
// Ranges are half-open [from, to), `to` null meaning open-ended. Pure, so it is tested without a database.

export interface VersionRange {
  from: Date;
  to: Date | null;
}

export type VersionPlan =
  | {
      ok: true;
      /** A version with the same `from` exists and is replaced (200), else one is added (201). */
      replaces: boolean;
      /** The open-ended earlier version to close at the new version's start, if any. */
      close: VersionRange | undefined;
    }
  | { ok: false; overlaps: VersionRange };

const end = (v: VersionRange) => (v.to === null ? Infinity : v.to.getTime());

export function rangesOverlap(a: VersionRange, b: VersionRange): boolean {
  return a.from.getTime() < end(b) && b.from.getTime() < end(a);
}

/**
 * Where `incoming` goes: the same `from` replaces that version; an open-ended version that starts
 * earlier is closed at the new start (so adding a later version supersedes it); any other overlap
 * is refused, naming the first overlapping version in time order.
 */
export function planVersion(existing: readonly VersionRange[], incoming: VersionRange): VersionPlan {
  const start = incoming.from.getTime();
  const others = existing.filter((v) => v.from.getTime() !== start).sort((a, b) => a.from.getTime() - b.from.getTime());
  let close: VersionRange | undefined;
  for (const v of others) {
    if (!rangesOverlap(v, incoming)) continue;
    if (v.to === null && v.from.getTime() < start && close === undefined) {
      close = v;
      continue;
    }
    return { ok: false, overlaps: v };
  }
  return { ok: true, replaces: others.length !== existing.length, close };
}

export function inForceAt(v: VersionRange, at: Date): boolean {
  return v.from.getTime() <= at.getTime() && at.getTime() < end(v);
}

/** The version in force at `at`, else the one that starts latest (a future or an ended price is still the SKU's price). */
export function currentVersion<V extends VersionRange>(versions: readonly V[], at: Date): V | undefined {
  const inForce = versions.find((v) => inForceAt(v, at));
  if (inForce) return inForce;
  return versions.reduce<V | undefined>((latest, v) => (latest === undefined || v.from.getTime() > latest.from.getTime() ? v : latest), undefined);
}
