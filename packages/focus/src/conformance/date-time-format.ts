/** FOCUS Date/Time Format: UTC in ISO 8601 extended form, exactly `YYYY-MM-DDTHH:mm:ssZ`. */
import { FOCUS_DATE_TIME, parseFocusDateTime } from '../formats/focus-date-time.js';

export { parseFocusDateTime };

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
