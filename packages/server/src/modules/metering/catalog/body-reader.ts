/** Reads a catalog PUT body field by field, so that one 400 lists every problem, schema-level and cross-field alike. */
// Values read from a body with issues are placeholders and must not be used.
import { Decimal } from 'decimal.js';
import { badRequest, type Issue } from '../../../platform/errors/index.js';
import { isUuid, parseRfc3339 } from '../../../platform/formats/index.js';
import {
  CURRENCY_PATTERN, ID_PATTERN, ID_RULE, MAX_DECIMAL_INTEGER_DIGITS, MAX_DECIMAL_LENGTH, MAX_DECIMAL_SCALE, MAX_TEXT_LENGTH, NON_NEGATIVE_DECIMAL_PATTERN,
} from './catalog.schemas.js';

const ID = new RegExp(ID_PATTERN);
const DECIMAL = new RegExp(NON_NEGATIVE_DECIMAL_PATTERN);
const CURRENCY = new RegExp(CURRENCY_PATTERN);
// Dates travel as JS Dates (milliseconds); a finer fraction would not survive the round trip exactly.
const SUB_MILLISECOND = /\.\d{4,}/;

export const MISSING = 'Required parameter is missing.';

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const clip = (value: string) => (value.length > 40 ? `${value.slice(0, 37)}...` : value);

/** An RFC 3339 date-time as a Date, or a reason it is not one (shared with query parameters). */
export function parseTime(value: string): Date | string {
  const time = parseRfc3339(value);
  if (!time) return 'Must be an RFC 3339 date-time, e.g. 2026-04-01T00:00:00.000Z.';
  if (SUB_MILLISECOND.test(value)) return 'Must have at most millisecond precision (three fraction digits).';
  return time;
}

export class BodyReader {
  readonly issues: Issue[] = [];
  private readonly item: Record<string, unknown>;
  /** A body that is not an object has one issue, itself; its fields are not reported as missing too. */
  private readonly shapeless: boolean = false;

  /** `fields` lists what the body may hold; anything else is an "Unknown property." issue. */
  constructor(
    body: unknown,
    fields: readonly string[],
    private readonly at = '',
    issues?: Issue[],
  ) {
    if (issues) this.issues = issues;
    if (!isObject(body)) {
      this.issues.push({ source: 'field', subject: at || 'body', description: 'Must be a JSON object.' });
      this.item = {};
      this.shapeless = true;
      return;
    }
    this.item = body;
    for (const name of Object.keys(body)) if (!fields.includes(name)) this.fail(name, 'Unknown property.');
  }

  subject(field: string): string {
    return this.at ? `${this.at}.${field}` : field;
  }

  fail(field: string, description: string): void {
    if (this.shapeless) return;
    this.issues.push({ source: 'field', subject: this.subject(field), description });
  }

  /** Absent and null both mean "not given": a PUT replaces the object, so null and leaving out agree. */
  given(field: string): boolean {
    const v = this.item[field];
    return v !== undefined && v !== null;
  }

  raw(field: string): unknown {
    return this.item[field];
  }

  private stringOf(field: string, required: boolean): string | undefined {
    const value = this.item[field];
    if (value === undefined || value === null) {
      if (required) this.fail(field, MISSING);
      return undefined;
    }
    if (typeof value !== 'string') {
      this.fail(field, 'Must be of type string.');
      return undefined;
    }
    return value;
  }

  text(field: string, options: { required: true; maxLength?: number }): string;
  text(field: string, options?: { required?: false; maxLength?: number }): string | null;
  text(field: string, options: { required?: boolean; maxLength?: number } = {}): string | null {
    const maxLength = options.maxLength ?? MAX_TEXT_LENGTH;
    const value = this.stringOf(field, options.required === true);
    if (value === undefined) return options.required ? '' : null;
    if (value.trim() === '') this.fail(field, 'Must not be empty.');
    else if (value.length > maxLength) this.fail(field, `Must be at most ${maxLength} characters.`);
    return value;
  }

  id(field: string): string {
    const value = this.stringOf(field, true);
    if (value === undefined) return '';
    if (!ID.test(value)) this.fail(field, `Must be ${ID_RULE}.`);
    return value;
  }

  uuid(field: string): string | null {
    const value = this.stringOf(field, false);
    if (value === undefined) return null;
    if (!isUuid(value)) this.fail(field, 'Must be a UUID.');
    return value.toLowerCase();
  }

  currency(field: string, fallback?: string): string {
    const value = this.stringOf(field, fallback === undefined) ?? fallback ?? '';
    if (value && !CURRENCY.test(value)) this.fail(field, 'Must be an ISO 4217 currency code: three upper-case letters, e.g. USD.');
    return value;
  }

  oneOf(field: string, allowed: readonly string[], options: { required: boolean }): string | null {
    const value = this.stringOf(field, options.required);
    if (value === undefined) return options.required ? '' : null;
    if (!allowed.includes(value)) this.fail(field, `Unknown value '${clip(value)}'; must be one of: ${allowed.join(', ')}.`);
    return value;
  }

  integer(field: string, min: number, max: number, fallback: number): number {
    const value = this.item[field];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(field, `Must be an integer from ${min} to ${max}.`);
      return fallback;
    }
    return value;
  }

  /**
   * A non-negative decimal string, e.g. "0.9". JSON numbers are refused: money and quantities never
   * pass through a binary float. `positive` also refuses zero.
   */
  decimal(field: string, options: { required: true; positive?: boolean }): string;
  decimal(field: string, options: { fallback: string; positive?: boolean }): string;
  decimal(field: string, options: { required?: boolean; fallback?: string; positive?: boolean }): string {
    const value = this.item[field];
    if (value === undefined || value === null) {
      if (options.fallback !== undefined) return options.fallback;
      this.fail(field, MISSING);
      return '0';
    }
    if (typeof value !== 'string' || !DECIMAL.test(value)) {
      this.fail(field, `Must be a non-negative decimal string such as "0.9"${typeof value === 'number' ? ', not a JSON number' : ''}.`);
      return '0';
    }
    if (value.length > MAX_DECIMAL_LENGTH) {
      this.fail(field, `Must be at most ${MAX_DECIMAL_LENGTH} characters.`);
      return '0';
    }
    const [whole = '', fraction = ''] = value.split('.');
    // Exports carry every decimal as Parquet DECIMAL(38, 15): refuse what that could not hold exactly.
    if (fraction.length > MAX_DECIMAL_SCALE || whole.replace(/^0+(?=\d)/, '').length > MAX_DECIMAL_INTEGER_DIGITS) {
      this.fail(field, `Must have at most ${MAX_DECIMAL_INTEGER_DIGITS} digits before the point and ${MAX_DECIMAL_SCALE} after it.`);
      return '0';
    }
    if (options.positive && new Decimal(value).isZero()) this.fail(field, 'Must be greater than 0.');
    return value;
  }

  time(field: string, options: { required: true }): Date;
  time(field: string, options?: { required?: false }): Date | null;
  time(field: string, options: { required?: boolean } = {}): Date | null {
    const value = this.stringOf(field, options.required === true);
    const placeholder = options.required ? new Date(0) : null;
    if (value === undefined) return placeholder;
    const parsed = parseTime(value);
    if (typeof parsed === 'string') {
      this.fail(field, parsed);
      return placeholder;
    }
    return parsed;
  }

  /** `effectiveFrom` and an optional `effectiveTo` after it: the half-open range every dated catalog object has. */
  range(): { from: Date; to: Date | null } {
    const before = this.issues.length;
    const from = this.time('effectiveFrom', { required: true });
    const fromIsValid = this.issues.length === before;
    const to = this.time('effectiveTo');
    if (to && fromIsValid && to.getTime() <= from.getTime()) this.fail('effectiveTo', 'Must be later than effectiveFrom.');
    return { from, to };
  }

  /** Throws the 400 listing every issue, if there is any. */
  done(): void {
    if (this.issues.length) throw badRequest(this.issues);
  }
}
