/**
 * `@consumo/focus/formats`: the dependency-free part of the package, which the server and the CLI
 * share without loading the conformance checker (Arrow, Parquet): calendar days, the FOCUS
 * date/time, and the options of a FOCUS export request.
 */
export { DAY_MS, calendarDayMs, dayText, daysInMonth, utcMidnightMs } from './calendar-day.js';
export { FOCUS_DATE_TIME, focusDateTime, parseFocusDateTime, wholeSeconds } from './focus-date-time.js';
export { type RelativeDayRange, relativeDayRange } from './relative-date-range.js';
export { utcDate, utcMs } from './utc-date.js';
export { EXPORT_PROFILES, type ExportProfile, RELATIVE_DATES, type RelativeDate, exportDayMs } from './export-options.js';
export {
  EMPTINESS_FILTER_OPERATORS,
  FILTER_OPERATORS,
  FILTER_OPERATOR_ARITY,
  type FilterOperator,
  ORDERED_FILTER_OPERATORS,
  RANK_FILTER_OPERATORS,
  TEXT_FILTER_OPERATORS,
} from './export-filter-operators.js';
