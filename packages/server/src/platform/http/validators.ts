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

export function installValidators(app: FastifyInstance): void {
  // verbose: each issue carries the value it failed on, so a repeated single-value parameter can
  // be told from a mistyped one (see toApiError).
  const text = addFormats(new Ajv({ ...common, coerceTypes: 'array', verbose: true }));
  const json = addFormats(new Ajv({ ...common, coerceTypes: false }));
  app.setValidatorCompiler<FastifySchema>(({ schema, httpPart }) =>
    (httpPart === 'body' ? json : text).compile(schema as object) as never,
  );
}
