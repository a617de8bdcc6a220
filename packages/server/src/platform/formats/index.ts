/**
 * The formats the API reads and writes, in one place: UUIDs, RFC 3339 date-times, calendar days
 * (`DAY_MS`) and the FOCUS date/time. The last two come from @consumo/focus/formats, which the CLI
 * shares without loading the server.
 */
export { UUID_PATTERN, type UuidSpelling, hyphenated, isUuid, parseUuid } from './uuid.js';
export { type Rfc3339Rules, parseRfc3339 } from './rfc3339.js';
export { DAY_MS, calendarDayMs, dayText, daysInMonth, focusDateTime, utcDate, utcMidnightMs, utcMs, wholeSeconds } from '@consumo/focus/formats';
