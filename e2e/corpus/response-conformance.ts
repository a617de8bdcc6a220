/**
 * Checks an answer against what the OpenAPI document promises for its operation (issue 15,
 * point 8): a 2xx JSON body against the documented schema of that status; a 4xx against the
 * documented schema of that status or, for a status the operation does not list (414, 431, 415,
 * …), against the family envelope the operation documents for its other errors.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import type { JsonSchema, OpenApiDocument, Operation } from './openapi-types.js';

export class ResponseConformance {
  readonly #ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  readonly #compiled = new Map<JsonSchema, ValidateFunction>();

  constructor(doc: OpenApiDocument) {
    (addFormats as unknown as (ajv: Ajv2020) => void)(this.#ajv);
    this.#ajv.addSchema({ $id: 'consumo-openapi', components: doc.components });
  }

  #validator(schema: JsonSchema): ValidateFunction {
    let validate = this.#compiled.get(schema);
    if (!validate) {
      const rebased = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"consumo-openapi#/components/')) as object;
      validate = this.#ajv.compile(rebased);
      this.#compiled.set(schema, validate);
    }
    return validate;
  }

  /** The documented JSON schema for a status, or (for an error status) the operation's error envelope. */
  static schemaFor(op: Operation, status: number): JsonSchema | undefined {
    const json = (code: string) => {
      const content = op.responses[code]?.content;
      return content ? Object.entries(content).find(([type]) => type.includes('json'))?.[1].schema : undefined;
    };
    const exact = json(String(status));
    if (exact || status < 400) return exact;
    for (const code of ['400', '404', '401', '403', '409', '429', '500']) {
      const envelope = json(code);
      if (envelope) return envelope;
    }
    return undefined;
  }

  /** What is wrong with an answer, or undefined when it keeps the promise. */
  problem(op: Operation, status: number, contentType: string | undefined, body: string): string | undefined {
    const schema = ResponseConformance.schemaFor(op, status);
    if (!schema) {
      if (status >= 400 && Object.keys(op.responses).some((c) => Number(c) >= 400)) return `status ${status} has no documented envelope`;
      return undefined;
    }
    if (!contentType?.includes('json')) return `status ${status} answered ${contentType ?? 'no content type'}, not JSON`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return `status ${status} body is not JSON: ${body.slice(0, 120)}`;
    }
    const validate = this.#validator(schema);
    if (validate(parsed)) return undefined;
    const first = validate.errors?.[0];
    return `status ${status} body breaks its schema at '${first?.instancePath ?? ''}' (${first?.message ?? 'invalid'}): ${body.slice(0, 200)}`;
  }
}
