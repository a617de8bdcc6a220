/** `node --import ./module-trace.mjs …`: appends the URL of every module the process resolves to the file CONSUMO_MODULE_TRACE names. */
// Plain JavaScript because Node loads it before anything could compile TypeScript. The same file is
// both the preload, which registers itself as the loader hooks, and those hooks, which Node runs on
// its own thread; every import and dynamic import() of an ES module passes through `resolve`.
import { appendFileSync } from 'node:fs';
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const traceFile = process.env.CONSUMO_MODULE_TRACE;
if (!traceFile) throw new Error('module-trace.mjs: set CONSUMO_MODULE_TRACE to the file that receives the module URLs');

if (isMainThread) register(import.meta.url);

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  appendFileSync(traceFile, `${resolved.url}\n`);
  return resolved;
}
