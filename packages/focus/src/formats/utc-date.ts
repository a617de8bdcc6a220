/**
 * UTC instants from calendar fields, for every year. `Date.UTC` and `new Date(y, m, …)` read years
 * 0–99 as 1900–1999 (a 0001-01 partition once ended in 1901 and overlapped every later one), so
 * Consumo never calls them (eslint.config.js); this is what it calls instead.
 */

/**
 * Epoch milliseconds of `year`-`monthIndex`-`day` `hour`:00 UTC. `monthIndex` is 0-based and, like
 * `day` and `hour`, may run past its range (month 12 is January of the next year), as with `Date.UTC`;
 * `year` is always that year.
 */
export function utcMs(year: number, monthIndex: number, day = 1, hour = 0): number {
  // Integer arithmetic, no Date: usage ingest reads an event's time through here (ADR 0031). A month
  // index outside 0–11 rolls into the years around it and a day or hour outside its range into the
  // days around it, as Date's setters do.
  const y = year + Math.floor(monthIndex / 12);
  const month = monthIndex - Math.floor(monthIndex / 12) * 12 + 1;
  return (daysFromCivil(y, month, 1) + day - 1) * 86_400_000 + hour * 3_600_000;
}

/**
 * Days from 1970-01-01 to the first `day` of a month (1–12) of the proleptic Gregorian calendar
 * (H. Hinnant's days_from_civil).
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** `utcMs` as a Date. */
export function utcDate(year: number, monthIndex: number, day = 1, hour = 0): Date {
  return new Date(utcMs(year, monthIndex, day, hour));
}
