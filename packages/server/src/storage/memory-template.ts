/**
 * New migrated in-memory databases, fast: the first call in a process compiles PGlite's
 * WebAssembly once, migrates a new database and archives its data directory; every call then opens
 * a new database from that archive — about a second, where initdb and the migrations take several.
 * For the test harness (`@consumo/testing`), whose suites start many short-lived stand-ins.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type PGliteEngine, type PGliteStart, openPGlite } from './engines/pglite-engine.js';
import { migrateToLatest } from './migrator.js';

/** Node's WebAssembly global (the project's TypeScript libs leave it undeclared). */
const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<PGliteStart['wasmModule']> } }).WebAssembly;

let template: Promise<PGliteStart> | undefined;

/** PGlite's WebAssembly module, compiled (once per caller: keep it) for `PGliteStart.wasmModule`. */
export async function compilePGliteWasm(): Promise<PGliteStart['wasmModule']> {
  const dist = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  return wasm.compile(readFileSync(path.join(dist, 'pglite.wasm')));
}

/** A new in-memory database migrated to the latest schema, as a data directory archive (`PGliteStart.dataDirArchive`). */
export async function migratedDataDirArchive(wasmModule: PGliteStart['wasmModule']): Promise<Blob> {
  const fresh = await openPGlite(undefined, { wasmModule });
  try {
    await migrateToLatest(fresh.db);
    return await fresh.dumpDataDir();
  } finally {
    await fresh.db.destroy();
  }
}

async function migratedTemplate(): Promise<PGliteStart> {
  const wasmModule = await compilePGliteWasm();
  return { dataDirArchive: await migratedDataDirArchive(wasmModule), wasmModule };
}

/** A new, migrated, empty database in memory (its owner destroys it). */
export async function openMigratedMemoryDatabase(): Promise<PGliteEngine> {
  template ??= migratedTemplate().catch((err: unknown) => {
    template = undefined; // the next call tries again
    throw err;
  });
  return openPGlite(undefined, await template);
}
