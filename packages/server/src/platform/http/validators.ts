/**
 * Request validation with two Ajv instances: query strings, path parameters and headers arrive as
 * text and are coerced (`limit=5` → 5, a repeated `id=` → an array), while JSON bodies are
 * validated as sent — a body that says `"roles": "x"` is wrong, not a one-element list.
 */
import { Ajv, type Options } from 'ajv';
import addFormatsImport from 'ajv-formats';
import type { FastifyInstance, FastifySchema } from 'fastify';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;

const common: Options = { useDefaults: true, allErrors: true, removeAdditional: false, strict: false };

const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * `date` as PostgreSQL's `date` reads it: RFC 3339's full-date admits year 0000, which PostgreSQL
 * refuses at insert (a 500 the bad-input corpus found on the admin API); years 0001–9999 and days
 * that exist.
 */
function isStorableDate(text: string): boolean {
  const m = FULL_DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/** ajv-formats, with `date` narrowed to what PostgreSQL stores. */
function withFormats(ajv: Ajv): Ajv {
  addFormats(ajv);
  ajv.addFormat('date', { type: 'string', validate: isStorableDate });
  return ajv;
}

export function installValidators(app: FastifyInstance): void {
  // verbose: each issue carries the value it failed on, so a repeated single-value parameter can
  // be told from a mistyped one (see toApiError).
  const text = withFormats(new Ajv({ ...common, coerceTypes: 'array', verbose: true }));
  const json = withFormats(new Ajv({ ...common, coerceTypes: false }));
  app.setValidatorCompiler<FastifySchema>(({ schema, httpPart }) =>
    (httpPart === 'body' ? json : text).compile(schema as object) as never,
  );
}
