/**
 * Generates the bad-input corpus from the OpenAPI document (issue 15, point 8): for every
 * operation, every path and query parameter and every body field (to three levels) given every
 * bad value, whole bodies that are wrong, wrong content types, and missing, malformed and forged
 * credentials. Deterministic for a seed: the full cross product of parameters × values, plus
 * `bodySamples` body field × value pairs drawn by the seeded generator from all of them.
 */
import { Prng } from '../../packages/server/src/demo/prng.js';
import { BAD_BODIES, BAD_VALUES, type BadValue } from './bad-values.js';
import { type JsonSchema, METHODS, type OpenApiDocument, type Operation } from './openapi-types.js';

export interface CorpusRequest {
  id: number;
  /** `METHOD /path/template`. */
  operation: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
  /** What was broken, for the failure report. */
  mutation: string;
}

export interface CorpusContext {
  /** A valid bearer token (the platform admin's). */
  token: string;
  /** The value a path parameter takes when it is not the one being broken. */
  pathValue(path: string, method: string, name: string): string;
}

/** A JSON value that a schema accepts, as far as the corpus needs one: required fields only, the first of every choice. */
export function exampleOf(schema: JsonSchema | undefined, doc: OpenApiDocument, depth = 0): unknown {
  if (!schema || depth > 6) return null;
  if (schema.$ref) return exampleOf(doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')], doc, depth + 1);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const choice = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (choice) return exampleOf(choice, doc, depth + 1);
  if (schema.allOf?.length) return Object.assign({}, ...schema.allOf.map((s) => exampleOf(s, doc, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of schema.required ?? []) out[name] = exampleOf(schema.properties?.[name], doc, depth + 1);
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => exampleOf(schema.items, doc, depth + 1));
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'string':
      if (schema.format === 'date-time') return '2026-01-01T00:00:00Z';
      if (schema.format === 'date') return '2026-01-01';
      if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    default:
      return null;
  }
}

/** Every field path of a schema to `maxDepth` levels (array items as index 0). */
export function fieldPaths(schema: JsonSchema | undefined, doc: OpenApiDocument, maxDepth = 3, prefix: (string | number)[] = []): (string | number)[][] {
  if (!schema || prefix.length >= maxDepth) return [];
  if (schema.$ref) return fieldPaths(doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')], doc, maxDepth, prefix);
  const choice = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (choice) return fieldPaths(choice, doc, maxDepth, prefix);
  const out: (string | number)[][] = [];
  for (const [name, sub] of Object.entries(schema.properties ?? {})) {
    out.push([...prefix, name]);
    out.push(...fieldPaths(sub, doc, maxDepth, [...prefix, name]));
  }
  if (schema.items) {
    out.push([...prefix, 0]);
    out.push(...fieldPaths(schema.items, doc, maxDepth, [...prefix, 0]));
  }
  return out;
}

const PLACEHOLDER = '\u0001corpus-placeholder\u0001';

/** The example body as JSON text with the value at `path` replaced by raw JSON text. */
export function bodyWith(example: unknown, path: readonly (string | number)[], rawJson: string): string {
  const copy = structuredClone(example ?? {}) as Record<string | number, unknown>;
  let at: Record<string | number, unknown> = copy;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const next = at[key];
    if (next === null || typeof next !== 'object') at[key] = typeof path[i + 1] === 'number' ? [] : {};
    at = at[key] as Record<string | number, unknown>;
  }
  at[path[path.length - 1]!] = PLACEHOLDER;
  return JSON.stringify(copy).replace(JSON.stringify(PLACEHOLDER), () => rawJson);
}

/** Bad credentials: the header sets a request may carry instead of a valid token. */
function badCredentials(): { name: string; headers: Record<string, string> }[] {
  const b64 = (s: string) => Buffer.from(s).toString('base64url');
  const unsigned = `${b64('{"alg":"none","typ":"JWT"}')}.${b64('{"sub":"x","workspace_id":"ffffffffffffffffffffffffffffffff","exp":9999999999}')}.`;
  const forged = `${b64('{"alg":"RS256","kid":"nope"}')}.${b64('{"sub":"x","exp":9999999999}')}.${b64('sig')}`;
  return [
    { name: 'no credentials', headers: {} },
    { name: 'bearer garbage', headers: { authorization: 'Bearer garbage' } },
    { name: 'unsigned JWT', headers: { authorization: `Bearer ${unsigned}` } },
    { name: 'forged JWT', headers: { authorization: `Bearer ${forged}` } },
    { name: 'Basic with malformed percent-encoding', headers: { authorization: `Basic ${Buffer.from('a%ZZ:%E0%A4%A').toString('base64')}` } },
    { name: 'Basic not base64', headers: { authorization: 'Basic !!!' } },
    { name: 'csp-auth-token garbage', headers: { 'csp-auth-token': 'garbage' } },
    { name: 'overlong authorization', headers: { authorization: `Bearer ${'a'.repeat(20_000)}` } },
  ];
}

const WRONG_CONTENT_TYPES = ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/x-www-form-urlencoded', 'application/octet-stream'];

export function generateCorpus(doc: OpenApiDocument, context: CorpusContext, seed: string, bodySamples: number): CorpusRequest[] {
  const out: CorpusRequest[] = [];
  const prng = new Prng(`corpus:${seed}`);
  const bodyPairs: (() => Omit<CorpusRequest, 'id'>)[] = [];
  const push = (r: Omit<CorpusRequest, 'id'>) => out.push({ id: out.length, ...r });

  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op: Operation | undefined = item[method];
      if (!op) continue;
      const operation = `${method.toUpperCase()} ${path}`;
      const params = op.parameters ?? [];
      const pathParams = params.filter((p) => p.in === 'path');
      const queryParams = params.filter((p) => p.in === 'query');
      const auth = { authorization: `Bearer ${context.token}` };
      const urlWith = (overrides: Record<string, string>, query = '') =>
        path.replace(/\{([^}]+)\}/g, (_, name: string) => overrides[name] ?? encodeURIComponent(context.pathValue(path, method, name))) + (query ? `?${query}` : '');

      const jsonType = Object.keys(op.requestBody?.content ?? {}).find((t) => t.includes('json'));
      const formType = Object.keys(op.requestBody?.content ?? {}).find((t) => t === 'application/x-www-form-urlencoded');
      const bodySchema = jsonType ? op.requestBody!.content[jsonType]!.schema : undefined;
      const example = jsonType ? exampleOf(bodySchema, doc) : undefined;
      const baseBody = jsonType ? { payload: JSON.stringify(example), contentType: jsonType } : undefined;
      const withBody = (headers: Record<string, string>) =>
        baseBody ? { headers: { ...headers, 'content-type': baseBody.contentType }, payload: baseBody.payload } : { headers };

      push({ operation, method, url: urlWith({}), ...withBody(auth), mutation: 'baseline' });

      for (const param of pathParams) {
        for (const value of BAD_VALUES) {
          push({ operation, method, url: urlWith({ [param.name]: value.url }), ...withBody(auth), mutation: `path ${param.name} = ${value.name}` });
        }
      }
      for (const param of [...queryParams, { name: 'zzz-undeclared', in: 'query' as const }]) {
        for (const value of BAD_VALUES) {
          push({ operation, method, url: urlWith({}, `${encodeURIComponent(param.name)}=${value.url}`), ...withBody(auth), mutation: `query ${param.name} = ${value.name}` });
        }
        push({ operation, method, url: urlWith({}, `${param.name}=a&${param.name}=b`), ...withBody(auth), mutation: `query ${param.name} twice` });
      }
      push({ operation, method, url: urlWith({}, '%ZZ=1&a=%E0%A4%A'), ...withBody(auth), mutation: 'malformed query string' });

      for (const bad of badCredentials()) push({ operation, method, url: urlWith({}), ...withBody(bad.headers), mutation: `credentials: ${bad.name}` });

      if (jsonType) {
        for (const bad of BAD_BODIES) {
          push({ operation, method, url: urlWith({}), headers: { ...auth, 'content-type': jsonType }, payload: bad.text, mutation: `body: ${bad.name}` });
        }
        for (const type of WRONG_CONTENT_TYPES) {
          push({ operation, method, url: urlWith({}), headers: { ...auth, 'content-type': type }, payload: baseBody!.payload, mutation: `content type ${type}` });
        }
        push({ operation, method, url: urlWith({}), headers: { ...auth }, payload: baseBody!.payload, mutation: 'no content type' });
        for (const field of fieldPaths(bodySchema, doc)) {
          for (const value of BAD_VALUES) {
            bodyPairs.push(() => ({
              operation,
              method,
              url: urlWith({}),
              headers: { ...auth, 'content-type': jsonType },
              payload: bodyWith(example, field, value.json),
              mutation: `body ${field.join('.')} = ${value.name}`,
            }));
          }
        }
      }
      if (formType) {
        const fields = Object.keys(op.requestBody!.content[formType]!.schema?.properties ?? {});
        for (const field of fields) {
          for (const value of BAD_VALUES) {
            push({ operation, method, url: urlWith({}), headers: { 'content-type': formType }, payload: `${field}=${value.url}&grant_type=client_credentials`, mutation: `form ${field} = ${value.name}` });
          }
        }
      }
    }
  }
  // Body field × value pairs are many times the rest: a seeded draw without replacement picks which run.
  const order = bodyPairs.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = prng.int(0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  for (const i of order.slice(0, bodySamples)) push(bodyPairs[i]!());
  return out;
}

export type { BadValue };
