/** FOCUS Date/Time Format: UTC in ISO 8601 extended form, exactly `YYYY-MM-DDTHH:mm:ssZ`. */

const FOCUS_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Milliseconds since the epoch of a conformant value, or null when it is not one (pattern or calendar). */
export function parseFocusDateTime(text: string): number | null {
  const m = FOCUS_DATE_TIME.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const days = month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day < 1 || day > days) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  if (year >= 100) return ms;
  // Date.UTC reads the years 0-99 as 1900-1999: set the year (with its month and day) again.
  const d = new Date(ms);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

/** Why a non-null cell is not a FOCUS date/time, or null when it is one. */
export function dateTimeProblem(text: string): string | null {
  if (parseFocusDateTime(text) !== null) return null;
  const shown = `'${text}' is not YYYY-MM-DDTHH:mm:ssZ`;
  if (FOCUS_DATE_TIME.test(text)) return `${shown}: no such date or time`;
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(text)) return `${shown}: date and time are joined by 'T', not a space, and the value ends with 'Z' (UTC)`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+Z$/.test(text)) return `${shown}: no fractional seconds`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:?\d{2})$/.test(text)) return `${shown}: UTC with 'Z', not an offset`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(text)) return `${shown}: the trailing 'Z' (UTC) is missing`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return `${shown}: a date alone has no time`;
  return shown;
}
