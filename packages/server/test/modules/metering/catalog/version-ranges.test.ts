/** The version rule prices and contracted prices share: replace, add and close, refuse overlaps; and which version is current. */
import { describe, expect, it } from 'vitest';
import { type VersionRange, currentVersion, planVersion, rangesOverlap } from '../../../../src/modules/metering/catalog/version-ranges.js';

const d = (day: number) => new Date(Date.UTC(2026, 0, day));
const v = (from: number, to: number | null): VersionRange => ({ from: d(from), to: to === null ? null : d(to) });

describe('planVersion', () => {
  it('adds the first version', () => {
    expect(planVersion([], v(1, null))).toEqual({ ok: true, replaces: false, close: undefined });
  });

  it('replaces the version with the same start, whatever its end', () => {
    expect(planVersion([v(1, 10)], v(1, null))).toEqual({ ok: true, replaces: true, close: undefined });
    expect(planVersion([v(1, null)], v(1, 5))).toEqual({ ok: true, replaces: true, close: undefined });
  });

  it('closes an open-ended earlier version when a later one is added', () => {
    expect(planVersion([v(1, null)], v(10, null))).toEqual({ ok: true, replaces: false, close: v(1, null) });
    expect(planVersion([v(1, 5), v(5, null)], v(10, 20))).toEqual({ ok: true, replaces: false, close: v(5, null) });
  });

  it('adds into a gap between closed versions, ends touching', () => {
    expect(planVersion([v(1, 5), v(10, null)], v(5, 10))).toEqual({ ok: true, replaces: false, close: undefined });
  });

  it('refuses an overlap with a closed version, naming it', () => {
    expect(planVersion([v(1, 10)], v(5, null))).toEqual({ ok: false, overlaps: v(1, 10) });
    expect(planVersion([v(1, 5), v(10, 20)], v(6, 11))).toEqual({ ok: false, overlaps: v(10, 20) });
  });

  it('refuses an earlier version that would run into a later one', () => {
    expect(planVersion([v(10, null)], v(1, null))).toEqual({ ok: false, overlaps: v(10, null) });
    expect(planVersion([v(10, null)], v(1, 11))).toEqual({ ok: false, overlaps: v(10, null) });
    expect(planVersion([v(10, null)], v(1, 10))).toEqual({ ok: true, replaces: false, close: undefined });
  });

  it('refuses a replacement that would reach into the next version', () => {
    expect(planVersion([v(1, 10), v(10, null)], v(1, null))).toEqual({ ok: false, overlaps: v(10, null) });
    expect(planVersion([v(1, 10), v(10, null)], v(1, 12))).toEqual({ ok: false, overlaps: v(10, null) });
  });
});

describe('rangesOverlap', () => {
  it('treats ranges as half-open', () => {
    expect(rangesOverlap(v(1, 5), v(5, 10))).toBe(false);
    expect(rangesOverlap(v(1, 6), v(5, 10))).toBe(true);
    expect(rangesOverlap(v(1, null), v(100, 101))).toBe(true);
  });
});

describe('currentVersion', () => {
  const versions = [v(1, 5), v(5, 10), v(20, null)];

  it('picks the version in force, start inclusive and end exclusive', () => {
    expect(currentVersion(versions, d(1))).toEqual(v(1, 5));
    expect(currentVersion(versions, d(5))).toEqual(v(5, 10));
    expect(currentVersion(versions, d(25))).toEqual(v(20, null));
  });

  it('falls back to the latest start when none is in force', () => {
    expect(currentVersion(versions, d(12))).toEqual(v(20, null));
    expect(currentVersion([v(1, 5)], d(30))).toEqual(v(1, 5));
    expect(currentVersion([v(10, null), v(20, 30)], d(1))).toEqual(v(20, 30));
  });

  it('has nothing to pick from no versions', () => {
    expect(currentVersion([], d(1))).toBeUndefined();
  });
});
