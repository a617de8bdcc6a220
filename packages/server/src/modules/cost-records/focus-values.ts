/** How a stored cost-record value is written in a FOCUS item: decimals verbatim, times without fractions, JSON as objects. */
import type { CostRecordColumn } from './cost-record-columns.js';

/**
 * FOCUS date/time: `2026-04-01T00:00:00Z`, UTC and no fractional seconds. Rating writes whole
 * seconds for the charge and billing periods; a stamp with milliseconds (x_RatedAt) is truncated,
 * never rounded up into the next second.
 */
export function focusDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * Numeric comes back from both drivers as its decimal text and is passed on untouched: turning it
 * into a JS number would lose digits and trailing zeros (`4.266666666666670`).
 */
export function focusValue(type: CostRecordColumn['type'], value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'timestamp':
      return focusDateTime(value instanceof Date ? value : new Date(String(value)));
    case 'json':
      // jsonb arrives parsed; a driver configured to hand back text still yields an object.
      return typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
    default:
      return String(value);
  }
}
