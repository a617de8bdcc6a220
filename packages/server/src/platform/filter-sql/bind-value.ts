/** Checks a literal against a field's type and binds it as a parameter, cast so PostgreSQL reads it exactly. */
import { type Literal, isRfc3339Timestamp } from '@consumo/filter';
import { type RawBuilder, sql } from 'kysely';
import { parseUuid } from '../formats/index.js';
import type { FieldSpec, FieldType } from './field-map.js';

export type Value = Exclude<Literal, { kind: 'null' }>;
export type Fail = (reason: string, position: number, hint?: string) => never;

const integer = /^-?\d+$/;
const decimal = /^-?\d+(?:\.\d+)?$/;
const int8 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

const expected: Record<FieldType, string> = {
  string: 'a quoted string',
  uuid: 'a quoted UUID',
  integer: 'an integer',
  decimal: 'a number',
  boolean: 'true or false',
  timestamp: 'an RFC 3339 timestamp',
};

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function shown(value: Value): string {
  switch (value.kind) {
    case 'string':
      return `the string '${clip(value.value)}'`;
    case 'boolean':
      return String(value.value);
    default:
      return `the ${value.kind} ${clip(value.text)}`;
  }
}

/** Number text from a number literal, or from a quoted string that spells one (`quantity gt '10'`). */
function numberText(value: Value): string | undefined {
  if (value.kind === 'number') return value.text;
  return value.kind === 'string' ? value.value : undefined;
}

// Each returns undefined when the literal does not fit the type. Numbers and timestamps are bound
// as text with a cast: the text is exact (no float rounding), and the cast makes PostgreSQL parse it.
const binders: Record<FieldType, (value: Value, fail: Fail) => RawBuilder<unknown> | undefined> = {
  string: (v) => (v.kind === 'string' ? sql`${v.value}` : undefined),
  uuid: (v) => {
    const id = v.kind === 'string' ? parseUuid(v.value) : undefined;
    return id === undefined ? undefined : sql`${id}`;
  },
  integer: (v, fail) => {
    const text = numberText(v);
    if (text === undefined || !integer.test(text)) return undefined;
    const n = BigInt(text);
    // A value outside bigint would make PostgreSQL fail the whole query with a 5xx-looking error.
    if (n < int8.min || n > int8.max) fail(`${clip(text)} is out of the integer range`, v.position);
    return sql`${text}::bigint`;
  },
  decimal: (v) => {
    const text = numberText(v);
    return text !== undefined && decimal.test(text) ? sql`${text}::numeric` : undefined;
  },
  boolean: (v) => {
    if (v.kind === 'boolean') return sql`${v.value}`;
    const word = v.kind === 'string' ? v.value.toLowerCase() : '';
    return word === 'true' || word === 'false' ? sql`${word === 'true'}` : undefined;
  },
  timestamp: (v) => {
    const text = v.kind === 'timestamp' ? v.text : v.kind === 'string' ? v.value : undefined;
    if (text === undefined || !isRfc3339Timestamp(text)) return undefined;
    return sql`${text.toUpperCase()}::timestamptz`;
  },
};

export function bindValue(value: Value, spec: FieldSpec, name: string, fail: Fail): RawBuilder<unknown> {
  const bound = binders[spec.type](value, fail);
  if (bound === undefined) {
    const plusLost = spec.type === 'timestamp' && value.kind === 'string' && / \d{2}:\d{2}$/.test(value.value);
    const hint = plusLost ? "the '+' of the offset arrived as a space; URL-encode '+' as %2B" : undefined;
    fail(`field '${name}' takes ${expected[spec.type]}, not ${shown(value)}`, value.position, hint);
  }
  return bound;
}
