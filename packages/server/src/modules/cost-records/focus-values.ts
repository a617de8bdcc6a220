/** How a stored cost-record value is written in a FOCUS item: decimals verbatim, times without fractions, JSON as objects. */
import { focusDateTime } from '../../platform/formats/index.js';
import type { CostRecordColumn } from './cost-record-columns.js';

/**
 * Numeric comes back from both drivers as its decimal text and is passed on untouched: turning it
 * into a JS number would lose digits and trailing zeros (`4.266666666666670`).
 */
export function focusValue(type: CostRecordColumn['type'], value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'timestamp':
      // Rating writes whole seconds for the charge and billing periods; x_RatedAt's milliseconds are cut off.
      return focusDateTime(value instanceof Date ? value : new Date(String(value)));
    case 'json':
      // jsonb arrives parsed; a driver configured to hand back text still yields an object.
      return typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
    default:
      return String(value);
  }
}
