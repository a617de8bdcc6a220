/** Inventory times and values in words: instants in UTC as the API gives them, absent values as a dash. */
import { formatNumber } from '../lib/money-format.js';

/** "2026-12-06T14:03:12.345Z" → "2026-12-06 14:03 UTC"; anything else as it is. */
export function utcMinute(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

/** "2026-12-06T00:00:00.000Z" → "2026-12-06" (a term's start or end day, UTC). */
export function utcDay(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4}-\d{2}-\d{2})T/.exec(iso);
  return m ? m[1]! : iso;
}

/** A value that may be missing, as text. */
export function orDash(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a path's id can name a resource at all (the APIs' ids are UUIDs): anything else is "not found" without a request. */
export function isUuid(text: string | undefined): text is string {
  return text !== undefined && UUID.test(text);
}

/** A whole quantity (the APIs send some as decimal strings, e.g. "1200") for the reader's locale; missing is a dash. */
export function quantityText(value: string | number | undefined, locale: string | undefined): string {
  if (value === undefined || value === '') return '—';
  return formatNumber(value, locale, 0);
}
