/**
 * The reference server: bare Fastify on the same path, no auth, no rate limit, no database — it
 * returns, from memory, the very bytes our server gave for the same customer (BENCH_FIXTURES, a
 * JSON file: content type and one pre-rendered XML body per accountId).
 */
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const fixtures = JSON.parse(readFileSync(process.env.BENCH_FIXTURES, 'utf8'));
const bodies = new Map(Object.entries(fixtures.bodies).map(([accountId, xml]) => [accountId, Buffer.from(xml, 'utf8')]));
const app = Fastify({ logger: false });

app.get('/rest/v1/budgets/budget/accountId/:accountId', async (request, reply) => {
  const body = bodies.get(request.params.accountId);
  if (!body) return reply.status(404).type('text/plain; charset=utf-8').send('no such customer');
  return reply.type(fixtures.contentType).send(body);
});

const url = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(`bare fastify listening on ${url}`);
process.once('SIGTERM', () => app.close().then(() => process.exit(0)));
