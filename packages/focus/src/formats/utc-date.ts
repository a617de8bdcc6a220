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
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  date.setUTCHours(hour, 0, 0, 0);
  return date.getTime();
}

/** `utcMs` as a Date. */
export function utcDate(year: number, monthIndex: number, day = 1, hour = 0): Date {
  return new Date(utcMs(year, monthIndex, day, hour));
}
