import { describe, expect, it } from 'vitest';
import { calendarPeriods, candidateCalendars } from '../../../src/modules/navigator/billing/report-scope.js';
import { DAY_MS, dayText } from '../../../src/platform/formats/index.js';

const ms = (iso: string) => Date.parse(iso);

describe('candidateCalendars (the calendars a one-organization report may bill by)', () => {
  const range = { startMs: ms('2026-06-01T00:00:00Z'), endMs: ms('2026-12-01T00:00:00Z') };
  const now = ms('2026-12-06T10:00:00Z');

  it("gives each accounting day's periods exactly as calendarPeriods works them out", () => {
    const candidates = candidateCalendars(range, now, true);
    expect(candidates.map((c) => c.day)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1).filter((d) => candidates.some((c) => c.day === d)));
    for (const c of candidates) {
      const expected = calendarPeriods({ accountingDay: c.day, fiscalStartMonth: 1 }, range, now, '');
      expect(c.periods).toEqual(expected.map((p, period) => ({ period, start: dayText(p.start), end: dayText(p.end) })));
    }
    // Day 1 is calendar months: June to November, six periods.
    expect(candidates[0]).toMatchObject({ day: 1, periods: [{ period: 0, start: '2026-06-01', end: '2026-07-01' }, expect.anything(), expect.anything(), expect.anything(), expect.anything(), { period: 5, start: '2026-11-01', end: '2026-12-01' }] });
  });

  it('calendar months only when the anniversary date is not asked for', () => {
    expect(candidateCalendars(range, now, false).map((c) => c.day)).toEqual([1]);
  });

  it('remembers a range: the same list for the same range, whatever the time of day', () => {
    expect(candidateCalendars(range, now, true)).toBe(candidateCalendars(range, now + 3_600_000, true));
  });

  it('without an end, a new UTC day is a new answer (the current period may have moved on)', () => {
    const open = { startMs: ms('2026-11-20T00:00:00Z'), endMs: undefined };
    const before = candidateCalendars(open, ms('2026-12-06T23:59:59Z'), true);
    const after = candidateCalendars(open, ms('2026-12-06T23:59:59Z') + DAY_MS, true);
    expect(after).not.toBe(before);
    // Anniversary day 7: its period starting 7 December only exists from that day on.
    const day7 = (list: typeof before) => list.find((c) => c.day === 7)!.periods.map((p) => p.start);
    expect(day7(before)).toEqual(['2026-11-07']);
    expect(day7(after)).toEqual(['2026-11-07', '2026-12-07']);
  });
});
