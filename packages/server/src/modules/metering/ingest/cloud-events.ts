/**
 * The CloudEvents 1.0 envelope as usage ingest requires it: which attributes must be there and what
 * they must look like. Pure; every problem is reported, none stops the check of the rest.
 */
import { daysInMonth, parseRfc3339 as parseDateTime, utcMs } from '../../../platform/formats/index.js';
import { DEFAULT_EVENT_TIME_WINDOW, type EventTimeWindow, timeWindowProblem } from './event-time-window.js';

export interface EventIssue {
  /** Position in the batch (0 for a single event). */
  index: number;
  /** The attribute, or a path into it (`data.quantity`). */
  field: string;
  description: string;
}

/** An event whose envelope is valid; `data` is a JSON object. */
export interface EnvelopeEvent {
  index: number;
  id: string;
  source: string;
  type: string;
  subject: string;
  time: Date;
  /** `time` as `toISOString` writes it, the text it is stored from. */
  timeText: string;
  data: Record<string, unknown>;
}

const MAX_ATTRIBUTE_LENGTH = 1024;

/**
 * An event's `time`: RFC 3339 with an offset, at most nanoseconds (9 fraction digits); an impossible
 * calendar date or clock time is refused, not rolled over, and so is year 0000, which PostgreSQL's
 * calendar does not have (it was a 500 until a test found it).
 */
export function parseRfc3339(value: string): Date | undefined {
  const ms = canonicalUtcMs(value);
  return ms !== undefined ? new Date(ms) : parseDateTime(value, { maxFractionDigits: 9 });
}

const ZERO = 48;
/** The digits at `from`..`to` (exclusive) of `text` as a number, or -1 when one is not a digit. */
function digitsAt(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * The fast path of parseRfc3339 for what collectors almost always send, `toISOString`'s own form
 * (`2026-04-15T10:00:00Z`, `2026-04-15T10:00:00.123Z`, years 1000–9999): read by character codes
 * instead of a regular expression and Date.parse. Undefined for any other text and for an
 * impossible date or time in this form; parseRfc3339 then decides with the general parser, so the
 * answer is the same either way (cloud-events.test.ts compares the two).
 */
export function canonicalUtcMs(text: string): number | undefined {
  const length = text.length;
  if (length !== 20 && length !== 24) return undefined;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  if (text.charCodeAt(length - 1) !== 90 || (length === 24 && text.charCodeAt(19) !== 46)) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 7);
  const day = digitsAt(text, 8, 10);
  const hour = digitsAt(text, 11, 13);
  const minute = digitsAt(text, 14, 16);
  const second = digitsAt(text, 17, 19);
  const millis = length === 24 ? digitsAt(text, 20, 23) : 0;
  if (year < 1000 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || millis < 0) {
    return undefined;
  }
  // An impossible day (02-30) is the general parser's to refuse.
  if (day > daysInMonth(year, month)) return undefined;
  return utcMs(year, month - 1, day) + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requiredString(event: Record<string, unknown>, field: string, index: number, issues: EventIssue[]): string | undefined {
  const value = event[field];
  if (value === undefined || value === null) {
    issues.push({ index, field, description: `'${field}' is required.` });
    return undefined;
  }
  if (typeof value !== 'string' || value.length === 0) {
    issues.push({ index, field, description: `'${field}' must be a non-empty string.` });
    return undefined;
  }
  if (value.length > MAX_ATTRIBUTE_LENGTH) {
    issues.push({ index, field, description: `'${field}' must be at most ${MAX_ATTRIBUTE_LENGTH} characters.` });
    return undefined;
  }
  return value;
}

/** Checks one event's envelope, its time inside `window` around `nowMs`; returns it when valid, else records why not. */
export function checkEnvelope(
  raw: unknown,
  index: number,
  nowMs: number,
  issues: EventIssue[],
  window: EventTimeWindow = DEFAULT_EVENT_TIME_WINDOW,
): EnvelopeEvent | undefined {
  if (!isObject(raw)) {
    issues.push({ index, field: '', description: 'An event must be a JSON object.' });
    return undefined;
  }
  const before = issues.length;
  if (raw.specversion !== '1.0') {
    issues.push({
      index,
      field: 'specversion',
      description: raw.specversion === undefined ? "'specversion' is required and must be '1.0'." : "'specversion' must be '1.0'.",
    });
  }
  const id = requiredString(raw, 'id', index, issues);
  const source = requiredString(raw, 'source', index, issues);
  const type = requiredString(raw, 'type', index, issues);
  const subject = requiredString(raw, 'subject', index, issues);
  const timeText = requiredString(raw, 'time', index, issues);
  let time: Date | undefined;
  let iso = '';
  if (timeText !== undefined) {
    // parseRfc3339, reading the text once: `canonical` also says whether it is toISOString's form.
    const canonical = canonicalUtcMs(timeText);
    time = canonical !== undefined ? new Date(canonical) : parseDateTime(timeText, { maxFractionDigits: 9 });
    if (!time) {
      issues.push({ index, field: 'time', description: `'${timeText}' is not an RFC 3339 timestamp with an offset (e.g. 2026-04-15T10:00:00Z).` });
    } else {
      const problem = timeWindowProblem(time, nowMs, window);
      if (problem) {
        issues.push({ index, field: 'time', description: problem });
        time = undefined;
      } else {
        // The text itself when it is what toISOString writes already.
        iso = canonical !== undefined && timeText.length === 24 ? timeText : time.toISOString();
      }
    }
  }
  if (raw.datacontenttype !== undefined && raw.datacontenttype !== 'application/json') {
    issues.push({ index, field: 'datacontenttype', description: "Only 'application/json' data is accepted." });
  }
  const data = raw.data;
  if (!isObject(data)) {
    issues.push({ index, field: 'data', description: data === undefined ? "'data' is required." : "'data' must be a JSON object." });
  } else {
    const overflow = nonFiniteNumberAt(data);
    if (overflow !== undefined) {
      issues.push({ index, field: overflow, description: 'A number beyond the range of a double (such as 1e999999) cannot be stored: send it as a string.' });
    }
  }
  if (issues.length > before) return undefined;
  return { index, id: id!, source: source!, type: type!, subject: subject!, time: time!, timeText: iso, data: data as Record<string, unknown> };
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Whether `data` holds a number that is not finite anywhere; walked without building paths (the common answer is no). */
function holdsNonFiniteNumber(data: Record<string, unknown>): boolean {
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return true;
    } else if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
    } else if (isObject(value)) {
      for (const key in value) stack.push(value[key]);
    }
  }
  return false;
}

/**
 * Where in `data` a JSON number too large for a double sits (`data.a[0].b`), or undefined. JSON.parse
 * makes such a number Infinity and JSON.stringify would store it as null: the event would change
 * silently, so it is refused. Walked without recursion, so depth costs no stack; the paths are
 * built only when there is one to name.
 */
export function nonFiniteNumberAt(data: Record<string, unknown>): string | undefined {
  if (!holdsNonFiniteNumber(data)) return undefined;
  const stack: [unknown, string][] = [[data, 'data']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return path;
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${path}[${i}]`]);
    } else if (isObject(value)) {
      for (const key of Object.keys(value).reverse()) stack.push([value[key], IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`]);
    }
  }
  return undefined;
}

const DECIMAL = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/** A meter's value as the decimal text stored in `numeric`, or undefined when it is not a number. */
export function numericValue(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'string' && value.length <= 64 && DECIMAL.test(value)) return value;
  return undefined;
}
