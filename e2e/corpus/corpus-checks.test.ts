/** The corpus's own checks can fail: the generator breaks what it says it breaks, and the conformance check refuses what breaks the document. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bodyWith, exampleOf, fieldPaths, generateCorpus } from './corpus-generator.js';
import type { OpenApiDocument } from './openapi-types.js';
import { ResponseConformance } from './response-conformance.js';

const doc = JSON.parse(readFileSync(new URL('../../packages/server/openapi.json', import.meta.url), 'utf8')) as OpenApiDocument;
const context = { token: 'a.b.c', pathValue: () => 'id-1' };

describe('corpus generator', () => {
  it('is the same corpus for the same seed, and another for another seed', () => {
    const a = generateCorpus(doc, context, 'one', 500);
    expect(generateCorpus(doc, context, 'one', 500)).toEqual(a);
    expect(generateCorpus(doc, context, 'two', 500).map((r) => r.mutation)).not.toEqual(a.map((r) => r.mutation));
    expect(new Set(a.map((r) => r.operation)).size).toBe(Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0));
  });

  it('splices raw values into bodies exactly where the field is', () => {
    expect(bodyWith({ a: { b: 1 }, c: 2 }, ['a', 'b'], '1e999999')).toBe('{"a":{"b":1e999999},"c":2}');
    expect(bodyWith({}, ['list', 0, 'x'], '"\\u0000"')).toBe('{"list":[{"x":"\\u0000"}]}');
  });

  it('builds an example that the documented body schema accepts, and finds nested fields', () => {
    const schema = doc.paths['/consumption-analytics/v1beta1/focus-exports']!.post!.requestBody!.content['application/json']!.schema;
    expect(exampleOf(schema, doc)).toEqual({ name: 'x' });
    expect(fieldPaths(schema, doc).map((p) => p.join('.'))).toEqual(expect.arrayContaining(['name', 'filter', 'filter.0', 'filter.0.values']));
  });
});

describe('response conformance', () => {
  const conformance = new ResponseConformance(doc);
  const devices = doc.paths['/flex/v1beta1/devices']!.get!;
  const usageReport = doc.paths['/cphub/api/billing/v1/orgs/{orgId}/usage-report']!.get!;
  const greenLake404 = JSON.stringify({ httpStatusCode: 404, errorCode: 'HPE_GL_ERROR_NOT_FOUND', message: 'Not found', debugId: 'x', errorDetails: [] });

  it("accepts the family's envelope, also for a status the operation does not list", () => {
    expect(conformance.problem(devices, 400, 'application/json', greenLake404.replace('404', '400'))).toBeUndefined();
    expect(conformance.problem(devices, 414, 'application/json; charset=utf-8', greenLake404.replace('404', '414'))).toBeUndefined();
  });

  it("refuses Fastify's own body, another family's envelope, non-JSON and a 2xx outside its schema", () => {
    expect(conformance.problem(devices, 414, 'application/json', JSON.stringify({ statusCode: 414, error: 'URI Too Long', message: 'x' }))).toMatch(/breaks its schema/);
    expect(conformance.problem(usageReport, 400, 'application/json', greenLake404)).toMatch(/breaks its schema/);
    expect(conformance.problem(devices, 400, 'text/plain', 'Bad Request')).toMatch(/not JSON/);
    expect(conformance.problem(devices, 200, 'application/json', JSON.stringify({ items: [] }))).toMatch(/breaks its schema/);
    expect(conformance.problem(devices, 200, 'application/json', JSON.stringify({ items: [], count: 0, offset: 0, total: 0 }))).toBeUndefined();
  });
});
