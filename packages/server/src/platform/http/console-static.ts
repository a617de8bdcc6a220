/**
 * Serves the built web console (ADR 0027, issue 16 point 9) under `/console/` when
 * `packages/console/dist/index.html` exists (CONSUMO_CONSOLE_DIR overrides where): hashed files
 * under `/console/assets/` are cached for a year (`immutable`), everything else is revalidated
 * (`no-cache`), and any other GET under `/console/` that names no file is the console's own route
 * and gets `index.html`. Every response carries the ADR's Content-Security-Policy (no inline
 * scripts), `nosniff` and `Referrer-Policy: same-origin`. When the console is not built, nothing is
 * registered: `/console` is a 404 and `/` goes to the API docs, as before.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** packages/console/dist beside this package (from src/ and dist/ alike: both sit three levels down). */
function defaultConsoleDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '..', '..', '..', '..', 'console', 'dist');
}

/** The built console's directory, or undefined when there is none (no index.html). */
export function builtConsoleDir(configured: string | undefined): string | undefined {
  const dir = path.resolve(configured ?? defaultConsoleDir());
  return existsSync(path.join(dir, 'index.html')) ? dir : undefined;
}

/** The file a request path names inside `root`, or undefined when it names none (or climbs out of it). */
function fileIn(root: string, relative: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const full = path.resolve(root, `.${path.posix.sep}${decoded}`);
  if (!full.startsWith(`${root}${path.sep}`)) return undefined;
  try {
    return statSync(full).isFile() ? path.relative(root, full) : undefined;
  } catch {
    return undefined;
  }
}

const sendIndex = (reply: FastifyReply) => reply.header('Cache-Control', 'no-cache').sendFile('index.html', { cacheControl: false });

/** Registers `/console/` when the console is built; returns whether it is. */
export async function installConsole(app: FastifyInstance, configuredDir: string | undefined): Promise<boolean> {
  const root = builtConsoleDir(configuredDir);
  if (!root) return false;
  await app.register(async (scope) => {
    await scope.register(fastifyStatic, { root, serve: false });
    scope.addHook('onRequest', async (_request, reply) => {
      reply.headers({ 'Content-Security-Policy': CONSOLE_CSP, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'same-origin' });
    });
    scope.get('/console', { schema: { hide: true } }, (_request, reply) => reply.redirect('/console/'));
    scope.get('/console/*', { schema: { hide: true } }, (request, reply) => {
      const rest = (request.params as { '*': string })['*'];
      const file = rest === '' ? undefined : fileIn(root, rest);
      if (file === undefined) {
        // A hashed asset that is not there is a 404, never the page (whose HTML no script tag could run).
        if (rest.startsWith('assets/')) return reply.callNotFound();
        return sendIndex(reply);
      }
      if (file === 'index.html') return sendIndex(reply);
      const hashed = file.startsWith(`assets${path.sep}`);
      return reply.header('Cache-Control', hashed ? IMMUTABLE : 'no-cache').sendFile(file, { cacheControl: false });
    });
  });
  return true;
}
