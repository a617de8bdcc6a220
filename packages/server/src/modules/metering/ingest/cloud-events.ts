/**
 * The CloudEvents 1.0 envelope as usage ingest requires it: which attributes must be there and what
 * they must look like. Pure; every problem is reported, none stops the check of the rest.
 */
import { parseRfc3339 as parseDateTime } from '../../../platform/formats/index.js';
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
  data: Record<string, unknown>;
}

const MAX_ATTRIBUTE_LENGTH = 1024;

/**
 * An event's `time`: RFC 3339 with an offset, at most nanoseconds (9 fraction digits); an impossible
 * calendar date or clock time is refused, not rolled over, and so is year 0000, which PostgreSQL's
 * calendar does not have (it was a 500 until a test found it).
 */
export function parseRfc3339(value: string): Date | undefined {
  return parseDateTime(value, { maxFractionDigits: 9 });
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
  if (timeText !== undefined) {
    time = parseRfc3339(timeText);
    if (!time) {
      issues.push({ index, field: 'time', description: `'${timeText}' is not an RFC 3339 timestamp with an offset (e.g. 2026-04-15T10:00:00Z).` });
    } else {
      const problem = timeWindowProblem(time, nowMs, window);
      if (problem) {
        issues.push({ index, field: 'time', description: problem });
        time = undefined;
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
  return { index, id: id!, source: source!, type: type!, subject: subject!, time: time!, data: data as Record<string, unknown> };
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * Where in `data` a JSON number too large for a double sits (`data.a[0].b`), or undefined. JSON.parse
 * makes such a number Infinity and JSON.stringify would store it as null: the event would change
 * silently, so it is refused. Walked without recursion, so depth costs no stack.
 */
export function nonFiniteNumberAt(data: Record<string, unknown>): string | undefined {
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
