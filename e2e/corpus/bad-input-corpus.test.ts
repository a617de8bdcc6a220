/**
 * The bad-input corpus (issue 15, point 8): at least 10,000 requests generated from the committed
 * OpenAPI document — every operation's parameters and body fields given wrong types, NUL bytes,
 * invalid Unicode, huge numbers, deep nesting and overlong strings; wrong bodies and content
 * types; missing, malformed and forged credentials — against a real app on the embedded database.
 * Any 5xx, any answer slower than 5 s (a hang), any error outside the operation's documented
 * envelope and any 2xx body outside its documented schema fails the suite, listing each request.
 *
 * Seeded: CONSUMO_CORPUS_SEED picks the corpus (default `issue-15`), CONSUMO_CORPUS_BODY_SAMPLES how many body field × value pairs it draws,
 * and CONSUMO_CORPUS_ONLY=<id,…> replays chosen requests, so a failure reproduces.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from '../../packages/server/test/support/test-app.js';
import { testEngines } from '../../packages/server/test/support/test-databases.js';
import { type CorpusRequest, generateCorpus } from './corpus-generator.js';
import type { OpenApiDocument } from './openapi-types.js';
import { ResponseConformance } from './response-conformance.js';

const doc = JSON.parse(readFileSync(new URL('../../packages/server/openapi.json', import.meta.url), 'utf8')) as OpenApiDocument;
const SEED = process.env.CONSUMO_CORPUS_SEED || 'issue-15';
const BODY_SAMPLES = Number(process.env.CONSUMO_CORPUS_BODY_SAMPLES || 5_000);
const ONLY = process.env.CONSUMO_CORPUS_ONLY?.split(',').map(Number);
const HANG_MS = 5_000;

interface Failure {
  request: CorpusRequest;
  problem: string;
}

// The corpus runs on the embedded database (the README's test command); the PostgreSQL matrix leaves it out.
describe.skipIf(!testEngines().includes('pglite'))('bad-input corpus', () => {
  let t: TestApp;
  let corpus: CorpusRequest[];
  const conformance = new ResponseConformance(doc);

  beforeAll(async () => {
    // Rate limits are not what this suite is about: every request must reach its route's checks.
    t = await startTestApp('pglite', { config: { rateLimitMultiplier: 1_000_000 } });
    const token = await t.token();
    const ws = t.admin.workspaceId;
    const dashed = `${ws.slice(0, 8)}-${ws.slice(8, 12)}-${ws.slice(12, 16)}-${ws.slice(16, 20)}-${ws.slice(20)}`;
    corpus = generateCorpus(
      doc,
      {
        token,
        // Real organization and workspace ids where reading or writing them is harmless; ids of nothing where a DELETE would act.
        pathValue: (_path, method, name) => {
          if (name === 'orgId') return dashed;
          if (name === 'workspaceId') return method === 'delete' ? 'f'.repeat(32) : ws;
          return '0b7e5b8e-7c4f-4d8a-9a57-1d2b3c4d5e6f';
        },
      },
      SEED,
      BODY_SAMPLES,
    );
  }, 120_000);
  afterAll(() => t?.close());

  it(`answers every request of the corpus without a 5xx, a hang, or an answer outside the OpenAPI document`, async () => {
    expect(corpus.length).toBeGreaterThanOrEqual(10_000);
    expect(corpus.filter((r) => r.mutation.startsWith('body ')).length).toBe(BODY_SAMPLES);
    const failures: Failure[] = [];
    const statuses = new Map<number, number>();
    const chosen = ONLY ? corpus.filter((r) => ONLY.includes(r.id)) : corpus;
    for (const request of chosen) {
      const path = request.operation.slice(request.operation.indexOf(' ') + 1);
      const op = doc.paths[path]![request.method]!;
      let timer: NodeJS.Timeout | undefined;
      const hang = new Promise<'hang'>((resolve) => {
        timer = setTimeout(() => resolve('hang'), HANG_MS);
      });
      const answer = await Promise.race([
        t.app.inject({ method: request.method.toUpperCase() as 'GET', url: request.url, headers: request.headers, ...(request.payload !== undefined && { payload: request.payload }) }),
        hang,
      ]).catch((err: unknown) => err as Error);
      clearTimeout(timer);
      if (answer === 'hang') {
        failures.push({ request, problem: `no answer within ${HANG_MS} ms` });
        continue;
      }
      if (answer instanceof Error) {
        failures.push({ request, problem: `inject threw: ${answer.message}` });
        continue;
      }
      statuses.set(answer.statusCode, (statuses.get(answer.statusCode) ?? 0) + 1);
      if (answer.statusCode >= 500) {
        failures.push({ request, problem: `status ${answer.statusCode}: ${answer.body.slice(0, 200)}` });
        continue;
      }
      const problem = conformance.problem(op, answer.statusCode, answer.headers['content-type'] as string | undefined, answer.body);
      if (problem) failures.push({ request, problem });
    }
    const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join(', ');
    console.log(`bad-input corpus (seed ${SEED}): ${chosen.length} requests over ${Object.keys(doc.paths).length} paths; answers ${byStatus}`);
    const report = failures
      .slice(0, 40)
      .map((f) => `#${f.request.id} ${f.request.operation} [${f.request.mutation}] → ${f.problem}`)
      .join('\n');
    expect(failures.length, `${failures.length} of ${chosen.length} requests failed (seed ${SEED}; replay with CONSUMO_CORPUS_ONLY=<ids>):\n${report}`).toBe(0);
  }, 1_800_000);
});
