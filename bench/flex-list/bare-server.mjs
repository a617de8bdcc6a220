/**
 * The reference server: bare Fastify on the same paths, no auth, no rate limit, no database — it
 * returns, from memory, the bodies our server gave for the same requests (BENCH_FIXTURES, a JSON file).
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const fixtures = JSON.parse(readFileSync(process.env.BENCH_FIXTURES, 'utf8'));
const app = Fastify({ logger: false });

app.get('/flex/v1beta1/devices/:id', async () => fixtures.device);
app.get('/flex/v1beta1/devices', async (request) => {
  const kind = String(request.query.filter ?? '').startsWith('serialNumber') ? 'serial' : 'list';
  return fixtures.pages[`${kind}:${request.query.offset ?? 0}`];
});

const url = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(`bare fastify listening on ${url}`);
process.once('SIGTERM', () => app.close().then(() => process.exit(0)));
