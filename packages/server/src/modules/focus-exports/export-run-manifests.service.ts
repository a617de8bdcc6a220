/**
 * What a run wrote, read back from CONSUMO_EXPORT_DIR (ADR 0013, Run manifests): the `manifest.json`
 * of each billing period the run has done, and one file a manifest lists, as a download. A period a
 * later run rewrote is `replaced` (its files are that run's now, so none of them is served for this
 * one); only names a manifest of this run lists are ever opened, so a request cannot reach any other
 * path. Unknown runs, other workspaces' runs and runs that have written no period yet are 404s.
 */
import type { FileHandle } from 'node:fs/promises';
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ApiError, invalidId } from '../../platform/errors/index.js';
import { parseUuid } from '../../platform/formats/index.js';
import type { Download } from '../../platform/http/send-download.js';
import { periodsOf } from './export-dates.js';
import { MANIFEST_FILE, periodDirName } from './export-files.js';
import { type ExportRunRow, findRun } from './export-runs.repository.js';
import type { PeriodManifestDto, RunManifestDto } from './export-runs.schemas.js';
import type { FocusExportsDeps } from './focus-exports-deps.js';
import { exportNotFound } from './focus-exports.errors.js';
import { type Actor, loadExport } from './focus-exports.service.js';

type PeriodEntry = RunManifestDto['periods'][number];

const BILLING_PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
/** Bytes per chunk of a file download. */
const CHUNK_BYTES = 64 * 1024;

/** 404 for a run of this workspace that has not finished its first billing period: no manifest exists yet. */
function noManifestYet(): ApiError {
  return new ApiError('CONSUMPTION_ANALYTICS_NOT_FOUND', { message: 'The run has written no billing period yet, so it has no manifest.' });
}

async function scopedRun(deps: FocusExportsDeps, actor: Actor, rawId: string, rawRunId: string): Promise<ExportRunRow> {
  const definition = await loadExport(deps.db, actor.workspaceId, rawId);
  const id = parseUuid(rawRunId);
  if (!id) throw invalidId('runId', 'Must be a UUID.');
  const run = await findRun(deps.db, actor.workspaceId, definition.id, id);
  if (!run) throw exportNotFound();
  return run;
}

/** The billing periods whose files the run has written (and committed), in order. */
function periodsWritten(run: ExportRunRow): string[] {
  return periodsOf(run.from_day, run.to_day)
    .slice(0, run.periods_done)
    .map((p) => p.month);
}

function periodDir(deps: FocusExportsDeps, run: ExportRunRow, billingPeriod: string): string {
  return path.resolve(deps.exportDir, run.workspace_id, run.export_id, periodDirName(billingPeriod));
}

/** The period's manifest.json as written, or undefined when there is none that parses. */
async function readManifest(dir: string): Promise<PeriodManifestDto | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(dir, MANIFEST_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw err;
  }
  try {
    const manifest = JSON.parse(text) as PeriodManifestDto;
    return typeof manifest?.runId === 'string' && Array.isArray(manifest.files) ? manifest : undefined;
  } catch {
    return undefined;
  }
}

async function periodEntry(dir: string, billingPeriod: string, runId: string): Promise<PeriodEntry> {
  const manifest = await readManifest(dir);
  if (!manifest) return { billingPeriod, state: 'missing', replacedBy: null, manifest: null };
  if (manifest.runId !== runId) return { billingPeriod, state: 'replaced', replacedBy: manifest.runId, manifest: null };
  return { billingPeriod, state: 'written', replacedBy: null, manifest };
}

export async function runManifest(deps: FocusExportsDeps, actor: Actor, rawId: string, rawRunId: string): Promise<RunManifestDto> {
  const run = await scopedRun(deps, actor, rawId, rawRunId);
  const months = periodsWritten(run);
  if (months.length === 0) throw noManifestYet();
  const periods = await Promise.all(months.map((month) => periodEntry(periodDir(deps, run, month), month, run.id)));
  return { runId: run.id, exportId: run.export_id, status: run.status, periods };
}

/** The media type of a run's file, by its name. */
export function runFileMediaType(name: string): string {
  if (name.endsWith('.csv.gz')) return 'application/gzip';
  if (name.endsWith('.csv')) return 'text/csv; charset=utf-8';
  if (name.endsWith('.parquet')) return 'application/vnd.apache.parquet';
  if (name.endsWith('.json')) return 'application/json';
  return 'application/octet-stream';
}

async function* fileChunks(handle: FileHandle): AsyncGenerator<Uint8Array, void, undefined> {
  try {
    for await (const chunk of handle.createReadStream({ highWaterMark: CHUNK_BYTES, autoClose: false })) yield chunk as Buffer;
  } finally {
    await handle.close();
  }
}

/**
 * One file a manifest of this run lists, opened for download with its size (for Content-Length).
 * 404 when the period is not one the run has written, a later run replaced it, or the manifest
 * does not list the name.
 */
export async function runFile(
  deps: FocusExportsDeps,
  actor: Actor,
  params: { id: string; runId: string; billingPeriod: string; name: string },
): Promise<{ download: Download; bytes: number }> {
  if (!BILLING_PERIOD.test(params.billingPeriod)) throw invalidId('billingPeriod', 'Must be a billing period, YYYY-MM.');
  const run = await scopedRun(deps, actor, params.id, params.runId);
  if (!periodsWritten(run).includes(params.billingPeriod)) throw exportNotFound();
  const dir = periodDir(deps, run, params.billingPeriod);
  const manifest = await readManifest(dir);
  if (!manifest || manifest.runId !== run.id) throw exportNotFound();
  const listed = [...manifest.files.map((f) => f.name), ...(manifest.metadata ? [manifest.metadata.name] : [])];
  // Names come from the manifest Consumo wrote; a name with a directory in it is refused all the same.
  if (!listed.includes(params.name) || path.basename(params.name) !== params.name) throw exportNotFound();
  let handle: FileHandle;
  try {
    handle = await open(path.join(dir, params.name), 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw exportNotFound();
    throw err;
  }
  let size: number;
  try {
    // A later run may have swapped the period in between: the file opened must still be this run's.
    if ((await readManifest(dir))?.runId !== run.id) throw exportNotFound();
    size = (await handle.stat()).size;
  } catch (err) {
    await handle.close();
    throw err;
  }
  return {
    bytes: size,
    download: {
      filename: `${params.billingPeriod}_${params.name}`,
      mediaType: runFileMediaType(params.name),
      chunks: fileChunks(handle),
      gzip: 'never',
      vary: 'Accept-Encoding',
    },
  };
}
