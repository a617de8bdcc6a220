/**
 * ISO 8601 durations for `PUT /_consumo/clock {advanceBy}`: weeks, days, hours, minutes and seconds
 * (to the millisecond) — P1D, PT1H, P1DT2H30M, PT0.5S. Years and months are refused, as are
 * negative durations: the clock's length units must have one length whatever the date.
 */
const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:[.,](\d{1,3}))?S)?)?$/;

export type DurationResult = { ms: number } | { error: string };

export function parseClockDuration(text: string): DurationResult {
  const value = text.trim().toUpperCase();
  if (value.startsWith('-')) return { error: `'${text}' is negative: the clock only moves forward by a duration; set an earlier time with now instead.` };
  const m = DURATION.exec(value);
  if (!m || value === 'P' || value.endsWith('T')) {
    if (/^P[^T]*[YM]/.test(value)) {
      return { error: `'${text}' has years or months, whose length depends on the date: give days, hours, minutes or seconds (P30D, PT12H).` };
    }
    return { error: `'${text}' is not an ISO 8601 duration of weeks, days, hours, minutes and seconds (P1D, PT1H, P1DT2H30M).` };
  }
  const [, w, d, h, min, s, frac] = m;
  const n = (part: string | undefined) => (part === undefined ? 0 : Number(part));
  const ms = ((((n(w) * 7 + n(d)) * 24 + n(h)) * 60 + n(min)) * 60 + n(s)) * 1000 + (frac === undefined ? 0 : Number(frac.padEnd(3, '0')));
  if (!Number.isSafeInteger(ms) || ms > 100 * 366 * 86_400_000) return { error: `'${text}' is longer than 100 years.` };
  return { ms };
}
