/** The accounting calendar on its own: Cloud Cruiser's example, the accounting day, the fiscal start month, short months, leap years. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AccountingCalendar,
  CALENDAR_MONTHS,
  accountingPeriod,
  accountingPeriodOf,
  accountingYear,
  daysInPeriod,
  anniversaryCalendar,
  periodsSpanning,
} from '../../../src/platform/calendar/accounting-calendar.js';

const day = (text: string) => new Date(`${text}T00:00:00Z`);
const days = (p: { start: Date; end: Date }) => [p.start.toISOString().slice(0, 10), p.end.toISOString().slice(0, 10)];
const cal = (accountingDay: number, fiscalStartMonth = 1): AccountingCalendar => ({ accountingDay, fiscalStartMonth });

describe('accounting periods', () => {
  it('reproduces the reference example: accounting day 5, 2013 period 10 is 2013-10-05 to 2013-11-04', () => {
    const p = accountingPeriod(cal(5), 2013, 10);
    expect(days(p)).toEqual(['2013-10-05', '2013-11-05']);
    expect(accountingPeriodOf(cal(5), day('2013-11-04'))).toMatchObject({ year: 2013, period: 10 });
    expect(accountingPeriodOf(cal(5), day('2013-11-05'))).toMatchObject({ year: 2013, period: 11 });
    expect(daysInPeriod(p)).toBe(31);
  });

  it.each([
    [1, '2013-12-10', 2013, 12],
    [15, '2013-12-10', 2013, 11],
    [15, '2013-12-15', 2013, 12],
    [5, '2014-01-04', 2013, 12],
    [5, '2014-01-05', 2014, 1],
  ])('puts usage dated before accounting day %i in the previous period (%s → %i/%i)', (accountingDay, instant, year, period) => {
    expect(accountingPeriodOf(cal(accountingDay), day(instant))).toMatchObject({ year, period });
  });

  it('counts an instant within a day as that day', () => {
    expect(accountingPeriodOf(cal(15), new Date('2013-12-14T23:59:59.999Z'))).toMatchObject({ year: 2013, period: 11 });
    expect(accountingPeriodOf(cal(15), new Date('2013-12-15T00:00:00.000Z'))).toMatchObject({ year: 2013, period: 12 });
  });

  it('starts period 1 in the fiscal start month, naming the year by the calendar year it starts in', () => {
    const april = cal(5, 4);
    expect(days(accountingPeriod(april, 2013, 1))).toEqual(['2013-04-05', '2013-05-05']);
    expect(days(accountingPeriod(april, 2013, 10))).toEqual(['2014-01-05', '2014-02-05']);
    expect(days(accountingPeriod(april, 2013, 12))).toEqual(['2014-03-05', '2014-04-05']);
    expect(accountingPeriodOf(april, day('2014-02-10'))).toMatchObject({ year: 2013, period: 11 });
    expect(accountingPeriodOf(april, day('2013-04-04'))).toMatchObject({ year: 2012, period: 12 });
    expect(accountingPeriodOf(april, day('2013-04-05'))).toMatchObject({ year: 2013, period: 1 });
    expect(days(accountingYear(april, 2013))).toEqual(['2013-04-05', '2014-04-05']);
  });

  it('starts a period on the last day of a month shorter than the accounting day', () => {
    const last = cal(31);
    expect(days(accountingPeriod(last, 2023, 1))).toEqual(['2023-01-31', '2023-02-28']);
    expect(days(accountingPeriod(last, 2023, 2))).toEqual(['2023-02-28', '2023-03-31']);
    expect(days(accountingPeriod(last, 2023, 4))).toEqual(['2023-04-30', '2023-05-31']);
    expect(accountingPeriodOf(last, day('2023-03-30'))).toMatchObject({ year: 2023, period: 2 });
    expect(accountingPeriodOf(last, day('2023-02-27'))).toMatchObject({ year: 2023, period: 1 });
    expect(days(accountingPeriod(cal(30), 2023, 2))).toEqual(['2023-02-28', '2023-03-30']);
  });

  it.each([
    [2024, '2024-02-29', 29],
    [2023, '2023-02-28', 28],
    [2000, '2000-02-29', 29],
    [1900, '1900-02-28', 28],
    [2100, '2100-02-28', 28],
  ])('knows leap years: February %i starts on %s for accounting day 29 and lasts %i days from the 1st', (year, start, length) => {
    expect(days(accountingPeriod(cal(29), year, 2))[0]).toBe(start);
    expect(daysInPeriod(accountingPeriod(CALENDAR_MONTHS, year, 2))).toBe(length);
  });

  it('keeps years 1–99 as those years, not the 1900s', () => {
    expect(days(accountingPeriod(cal(5), 50, 1))).toEqual(['0050-01-05', '0050-02-05']);
    expect(accountingPeriodOf(CALENDAR_MONTHS, day('0001-01-01'))).toMatchObject({ year: 1, period: 1 });
    const last = accountingPeriod(CALENDAR_MONTHS, 9999, 12);
    expect(days(last)[0]).toBe('9999-12-01');
    expect([last.end.getUTCFullYear(), last.end.getUTCMonth(), last.end.getUTCDate()]).toEqual([10000, 0, 1]);
  });

  it.each([
    [{ accountingDay: 0, fiscalStartMonth: 1 }, 1],
    [{ accountingDay: 32, fiscalStartMonth: 1 }, 1],
    [{ accountingDay: 1.5, fiscalStartMonth: 1 }, 1],
    [{ accountingDay: 1, fiscalStartMonth: 0 }, 1],
    [{ accountingDay: 1, fiscalStartMonth: 13 }, 1],
    [{ accountingDay: 1, fiscalStartMonth: 1 }, 0],
    [{ accountingDay: 1, fiscalStartMonth: 1 }, 13],
  ])('refuses the calendar %o with period %i', (calendar, period) => {
    expect(() => accountingPeriod(calendar, 2013, period)).toThrow(RangeError);
  });

  it('tiles every year: each instant falls in exactly one period, periods follow each other without gap, each 28–31 days', () => {
    const calendars = fc.record({ accountingDay: fc.integer({ min: 1, max: 31 }), fiscalStartMonth: fc.integer({ min: 1, max: 12 }) });
    const instants = fc.date({ min: new Date('1600-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59Z'), noInvalidDate: true });
    fc.assert(
      fc.property(calendars, instants, (calendar, instant) => {
        const p = accountingPeriodOf(calendar, instant);
        expect(p.start.getTime()).toBeLessThanOrEqual(instant.getTime());
        expect(instant.getTime()).toBeLessThan(p.end.getTime());
        expect(daysInPeriod(p)).toBeGreaterThanOrEqual(28);
        expect(daysInPeriod(p)).toBeLessThanOrEqual(31);
        const next = p.period === 12 ? accountingPeriod(calendar, p.year + 1, 1) : accountingPeriod(calendar, p.year, p.period + 1);
        expect(next.start.getTime()).toBe(p.end.getTime());
        expect(accountingPeriodOf(calendar, p.start)).toEqual(p);
        expect(accountingPeriodOf(calendar, new Date(p.end.getTime() - 1))).toEqual(p);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('anniversary billing periods (VMware Cloud Partner Navigator)', () => {
  const utc = (text: string) => new Date(`${text}T00:00:00Z`);
  const spans = (abd: string | null, from: string, to: string) =>
    periodsSpanning(anniversaryCalendar(abd), utc(from), utc(to)).map((p) => `${p.start.toISOString().slice(0, 10)}..${p.end.toISOString().slice(0, 10)}`);

  it('without an anniversary date the periods are calendar months', () => {
    expect(anniversaryCalendar(null)).toEqual(CALENDAR_MONTHS);
    expect(spans(null, '2018-09-13', '2018-10-01')).toEqual(['2018-09-01..2018-10-01', '2018-10-01..2018-11-01']);
  });

  it('with one, each period starts on its day of the month, and a mid-period day belongs to the period begun before it', () => {
    expect(spans('2018-06-15', '2018-09-13', '2018-10-20')).toEqual(['2018-08-15..2018-09-15', '2018-09-15..2018-10-15', '2018-10-15..2018-11-15']);
  });

  it('an anniversary on the 31st starts short months on their last day', () => {
    expect(spans('2019-01-31', '2019-02-28', '2019-03-30')).toEqual(['2019-02-28..2019-03-31']);
    expect(spans('2019-01-31', '2019-03-31', '2019-04-01')).toEqual(['2019-03-31..2019-04-30']);
  });

  it('a range that ends before it starts spans no period; one instant spans its own', () => {
    expect(spans(null, '2018-10-02', '2018-09-30')).toEqual([]);
    expect(spans('2020-02-29', '2021-02-28', '2021-02-28')).toEqual(['2021-02-28..2021-03-29']);
  });
});
