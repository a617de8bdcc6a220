/**
 * A billing account's accounting calendar, as Cloud Cruiser defines a customer's: twelve periods a
 * year, each starting on the account's `accountingDay` of a month and ending the day before the next
 * one starts; period 1 starts in the account's `fiscalStartMonth`. Usage dated before the accounting
 * day belongs to the previous period. Where a month is shorter than the accounting day, its period
 * starts on the month's last day. An accounting year is named by the calendar year its period 1
 * starts in (ADR 0017). All UTC; years 1–9999.
 */
import { DAY_MS, daysInMonth, utcMidnightMs } from '../formats/index.js';

export interface AccountingCalendar {
  /** Day of the month a period starts (1–31). */
  accountingDay: number;
  /** Month period 1 starts in (1–12). */
  fiscalStartMonth: number;
}

export interface AccountingPeriod {
  /** The accounting year: the calendar year its period 1 starts in. */
  year: number;
  /** 1–12. */
  period: number;
  /** The UTC midnight the period starts. */
  start: Date;
  /** The UTC midnight the next period starts (exclusive). */
  end: Date;
}

export const PERIODS_PER_YEAR = 12;

/** A calendar of 1/1 — periods are calendar months, the year a calendar year. */
export const CALENDAR_MONTHS: AccountingCalendar = { accountingDay: 1, fiscalStartMonth: 1 };

function checkCalendar(calendar: AccountingCalendar): void {
  const { accountingDay, fiscalStartMonth } = calendar;
  if (!Number.isInteger(accountingDay) || accountingDay < 1 || accountingDay > 31) throw new RangeError(`accountingDay must be 1–31, got ${accountingDay}`);
  if (!Number.isInteger(fiscalStartMonth) || fiscalStartMonth < 1 || fiscalStartMonth > 12) {
    throw new RangeError(`fiscalStartMonth must be 1–12, got ${fiscalStartMonth}`);
  }
}

/** Epoch ms of the start of the period that starts in month `monthIndex` (0-based, may run past 11) of `year`. */
function periodStartMs(calendar: AccountingCalendar, year: number, monthIndex: number): number {
  const y = year + Math.floor(monthIndex / 12);
  const month = (((monthIndex % 12) + 12) % 12) + 1;
  const ms = utcMidnightMs(y, month, Math.min(calendar.accountingDay, daysInMonth(y, month)));
  if (ms === undefined) throw new RangeError(`no accounting period starts in ${y}-${month}`);
  return ms;
}

/** The period, for a calendar and a period number already checked. */
function periodOf(calendar: AccountingCalendar, year: number, period: number): AccountingPeriod {
  const monthIndex = calendar.fiscalStartMonth - 1 + period - 1;
  return { year, period, start: new Date(periodStartMs(calendar, year, monthIndex)), end: new Date(periodStartMs(calendar, year, monthIndex + 1)) };
}

/** Period `period` (1–12) of accounting year `year`. */
export function accountingPeriod(calendar: AccountingCalendar, year: number, period: number): AccountingPeriod {
  checkCalendar(calendar);
  if (!Number.isInteger(period) || period < 1 || period > PERIODS_PER_YEAR) throw new RangeError(`period must be 1–12, got ${period}`);
  return periodOf(calendar, year, period);
}

/** The period an instant falls in. */
export function accountingPeriodOf(calendar: AccountingCalendar, instant: Date): AccountingPeriod {
  checkCalendar(calendar);
  const year = instant.getUTCFullYear();
  const month = instant.getUTCMonth();
  // The period starting this calendar month, unless the instant is before its start: then the one before.
  const startMonth = instant.getTime() < periodStartMs(calendar, year, month) ? month - 1 : month;
  const sinceFiscalStart = startMonth - (calendar.fiscalStartMonth - 1);
  return periodOf(calendar, year + Math.floor(sinceFiscalStart / 12), (((sinceFiscalStart % 12) + 12) % 12) + 1);
}

/** The whole accounting year: from the start of its period 1 to the start of the next year's. */
export function accountingYear(calendar: AccountingCalendar, year: number): { year: number; start: Date; end: Date } {
  return { year, start: accountingPeriod(calendar, year, 1).start, end: accountingPeriod(calendar, year, PERIODS_PER_YEAR).end };
}

/** Days in the period (28–31). */
export function daysInPeriod(period: AccountingPeriod): number {
  return Math.round((period.end.getTime() - period.start.getTime()) / DAY_MS);
}

/**
 * The calendar of an anniversary billing date (VMware Cloud Partner Navigator's ABD, `YYYY-MM-DD`):
 * billing periods start on its day of the month; without one they are calendar months.
 */
export function anniversaryCalendar(anniversaryDate: string | null): AccountingCalendar {
  if (anniversaryDate === null) return CALENDAR_MONTHS;
  const day = Number(anniversaryDate.slice(8, 10));
  return { accountingDay: day, fiscalStartMonth: 1 };
}

/** The consecutive periods from the one holding `from` through the one holding `to` (none when `to` is before `from`). */
export function periodsSpanning(calendar: AccountingCalendar, from: Date, to: Date): AccountingPeriod[] {
  const periods: AccountingPeriod[] = [];
  for (let p = accountingPeriodOf(calendar, from); p.start.getTime() <= to.getTime(); p = accountingPeriodOf(calendar, p.end)) periods.push(p);
  return periods;
}
