/**
 * GET …/{id}/contents: resolves the range, profile and format, records the run, and hands back
 * the export as a download (platform/http/send-download.ts streams it): CSV — PostgreSQL's COPY
 * or, on PGlite, lines built in SQL (ADR 0014) — or Parquet: Arrow record batches (on PostgreSQL
 * decoded from a binary COPY of the same rows, ADR 0032; on PGlite encoded from row chunks) fed to
 * parquet-wasm's streaming writer. Nothing is read ahead of what the socket takes.
 */
import { queryIssue } from '../../platform/errors/index.js';
import { acceptsFirst } from '../../platform/http/negotiation.js';
import type { Download } from '../../platform/http/send-download.js';
import type { Db } from '../../storage/database.js';
import type { RecordBatch } from 'apache-arrow';
import type { RowStreams } from '../../storage/engines/database-engine.js';
import { copyBinaryBatches } from './copy-binary-batches.js';
import { headerLine } from './csv-encoder.js';
import { datasetProfileProblem, profileOf } from './contract-commitment-profile.js';
import { type DatasetRange, datasetCsvSource, datasetFreshness, datasetRowStream } from './dataset-sources.js';
import { type DayRange, periodsOf, resolveRange } from './export-dates.js';
import { type Criterion, compileFilter } from './export-filter.fields.js';
import { type Profile, isProfileName } from './export-profiles.js';
import * as repo from './focus-exports.repository.js';
import type { ContentsQueryDto } from './focus-exports.schemas.js';
import { EXPORT_PROFILES } from './focus-exports.enums.js';
import { type FocusMetadata, focusMetadata, periodComplete, timeSector } from './focus-metadata.js';
import { datasetBinaryCopyStatement } from './parquet-copy.repository.js';
import { type BatchEncoder, ParquetValueError, batchEncoder } from './parquet-encoder.js';
import { ROW_GROUP_ROWS, parquetByteStream } from './parquet-writer.js';
import { type Actor, loadExport } from './focus-exports.service.js';

/** Rows per database round trip (PostgreSQL cursor read, PGlite keyset page). */
export const CHUNK_ROWS = 2_000;

export interface ContentsDeps {
  db: Db;
  streams: RowStreams;
  now: () => number;
}

/** `VM compute, FOCUS 1.2` → `vm-compute-focus-1-2`; never empty. */
export function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);
  return slug || 'export';
}

export const PARQUET_TYPE = 'application/vnd.apache.parquet';

/** True when Accept asks for Parquet before CSV (by name, text/* or *\/*); without it, CSV. */
export function acceptsParquetFirst(header: string | string[] | undefined): boolean {
  return acceptsFirst(header, PARQUET_TYPE, 'text/csv');
}

/** The `format` parameter, checked before anything is read (a 400 naming it otherwise). */
function formatOf(value: string): 'csv' | 'parquet' {
  const format = value.toLowerCase();
  if (format !== 'csv' && format !== 'parquet') throw queryIssue('format', 'Must be one of: csv, parquet.');
  return format;
}

type Batches = AsyncGenerator<RecordBatch, void, undefined>;
type BodyChunks = AsyncGenerator<string | Uint8Array, void, undefined>;

/**
 * The export of the request, or undefined when no cost record matches (204). Either way the run
 * is recorded (`lastRun`), once the first chunk has been read.
 */
export async function exportContents(
  deps: ContentsDeps,
  actor: Actor,
  rawId: string,
  query: ContentsQueryDto,
  accept: string | string[] | undefined,
): Promise<Download | undefined> {
  const definition = await loadExport(deps.db, actor.workspaceId, rawId);
  const now = deps.now();
  const range = resolveRange(query, now);
  const profile = requestedProfile(definition, query);
  const parquet = query.format === undefined ? definition.format === 'parquet' || acceptsParquetFirst(accept) : formatOf(query.format) === 'parquet';
  const rows = readOf(actor, definition, profile, range);

  /** Reads the first chunk and records the run; the first chunk, or undefined when there is none. */
  const opened = async <T>(source: AsyncGenerator<T, void, undefined>): Promise<T | undefined> => {
    let first: IteratorResult<T, void>;
    try {
      first = await source.next();
    } catch (err) {
      await source.return(undefined);
      throw err;
    }
    await repo.recordRun(deps.db, actor.workspaceId, definition.id, { id: actor.clientId, name: await repo.clientName(deps.db, actor.clientId) }, new Date(now));
    return first.done ? undefined : first.value;
  };

  const base = `${slugOf(definition.name)}_${range.first}_${range.last}`;
  if (parquet) {
    // Parquet is encoded here, from record batches; it compresses inside (ZSTD), so no gzip applies.
    const batches = parquetBatches(deps, profile, rows, now);
    const first = await opened(batches).catch((err: unknown) => {
      // A value of the first row group that Parquet's types cannot hold exactly: said before any
      // byte is sent (a later one cuts the stream, so no file reads as whole).
      if (err instanceof ParquetValueError) throw queryIssue('format', `Parquet cannot hold a value of this export exactly (${err.message}); ask for format=csv.`);
      throw err;
    });
    if (first === undefined) return undefined;
    return { filename: `${base}.parquet`, mediaType: PARQUET_TYPE, chunks: parquetChunks(batches, first), gzip: 'never', vary: 'Accept, Accept-Encoding' };
  }
  // CSV is the engine's: PostgreSQL's own COPY output, or on PGlite the same cells joined into lines
  // in SQL and read by key, a page at a time (ADR 0014).
  const body = deps.streams.streamCsv(datasetCsvSource(deps.db, profile, { ...rows, chunkSize: CHUNK_ROWS }, now));
  const first = await opened<string | Uint8Array>(body);
  if (first === undefined) return undefined;
  return {
    filename: `${base}.csv`,
    mediaType: 'text/csv; charset=utf-8',
    chunks: csvChunks(profile, first, body),
    gzip: definition.compression === 'gzip' ? 'always' : 'negotiate',
    vary: 'Accept-Encoding',
  };
}

type Definition = Awaited<ReturnType<typeof loadExport>>;

/**
 * The profile a request writes: the definition's, or the `profile` parameter's, for the definition's
 * dataset (a 400 naming the parameter when that profile has no such dataset).
 */
function requestedProfile(definition: Definition, query: ContentsQueryDto): Profile {
  const name = query.profile ?? definition.profile;
  if (!isProfileName(name)) throw queryIssue('profile', `Must be one of: ${EXPORT_PROFILES.join(', ')}.`);
  const profile = profileOf(name, definition.dataset);
  if (!profile) throw queryIssue('profile', datasetProfileProblem(name, definition.dataset)!);
  return profile;
}

/** The read of a request: the workspace, the range and the definition's filter compiled for its dataset. */
function readOf(actor: Actor, definition: Definition, profile: Profile, range: Pick<DayRange, 'from' | 'to'>): DatasetRange {
  const where = compileFilter(definition.filter as Criterion[], { workspaceId: actor.workspaceId, from: range.from, to: range.to, dataset: profile.dataset });
  return { workspaceId: actor.workspaceId, from: range.from, to: range.to, where };
}

/** The header line with the first chunk (so they leave together), then the rest. */
async function* csvChunks(profile: Profile, first: string | Uint8Array, rest: BodyChunks): BodyChunks {
  try {
    yield Buffer.concat([Buffer.from(headerLine(profile)), typeof first === 'string' ? Buffer.from(first) : first]);
    yield* rest;
  } finally {
    // Ends the COPY or closes the cursor and frees the connection (or stops paging).
    await rest.return(undefined);
  }
}

/**
 * The record batches of an export (ADR 0032). On PostgreSQL: the binary COPY of the CSV's rows with
 * typed cells (parquet-copy.repository.ts), decoded into one batch per row group without row
 * objects (copy-binary-batches.ts). Elsewhere (PGlite): row chunks read by key, each encoded by
 * parquet-encoder.ts. Both give the same values.
 */
function parquetBatches(deps: ContentsDeps, profile: Profile, rows: DatasetRange, now: number): Batches {
  if (deps.streams.streamCopy) {
    const copy = deps.streams.streamCopy((quote) => datasetBinaryCopyStatement(deps.db, profile, rows, now, quote));
    return copyBinaryBatches(copy, profile, ROW_GROUP_ROWS);
  }
  return encodedBatches(deps.streams.streamRows(datasetRowStream(deps.db, profile, { ...rows, chunkSize: CHUNK_ROWS })), batchEncoder(profile, now));
}

async function* encodedBatches(chunks: AsyncGenerator<Record<string, unknown>[], void, undefined>, encode: BatchEncoder): Batches {
  try {
    for await (const chunk of chunks) yield encode(chunk);
  } finally {
    await chunks.return(undefined);
  }
}

/**
 * Parquet bytes: the record batches, each pulled only when the writer wants the next (a row group
 * at a time, then the footer). A failure of the source fails the stream before the footer, so a
 * cut file never reads as whole.
 */
async function* parquetChunks(batches: Batches, first: RecordBatch): AsyncGenerator<Uint8Array, void, undefined> {
  let pending: RecordBatch | undefined = first;
  let failure: unknown;
  let failed = false;
  let stopped = false;
  const next = async () => {
    if (failed || stopped) return undefined;
    try {
      if (pending) {
        const batch = pending;
        pending = undefined;
        return batch;
      }
      const read = await batches.next();
      return read.done ? undefined : read.value;
    } catch (err) {
      failed = true;
      failure = err;
      throw err;
    }
  };

  let reader: ReadableStreamDefaultReader<Uint8Array>;
  try {
    reader = await parquetByteStream(next);
  } catch (err) {
    await batches.return(undefined);
    throw failed ? failure : err;
  }
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (failed) throw failure;
      if (done) break;
      yield value;
    }
    if (failed) throw failure;
    finished = true;
  } finally {
    stopped = true;
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
    await batches.return(undefined);
  }
}

/**
 * GET …/{id}/metadata: the FOCUS 1.3 metadata (focus-metadata.ts) of what the contents call with the
 * same query would deliver: the definition as the dataset instance, the profile's schema, and one
 * time sector per billing period of the range, complete once that period has closed, last updated
 * when its latest record was rated. Same permission, parameters and errors as the contents; it
 * reads no rows and records no run.
 */
export async function exportMetadata(deps: ContentsDeps, actor: Actor, rawId: string, query: ContentsQueryDto): Promise<FocusMetadata> {
  const definition = await loadExport(deps.db, actor.workspaceId, rawId);
  const now = deps.now();
  const range = resolveRange(query, now);
  const profile = requestedProfile(definition, query);
  if (query.format !== undefined) formatOf(query.format);
  // Contract Commitment is no time series: one look over the whole range says when its data last changed.
  const periods = profile.dataset === 'CostAndUsage' ? periodsOf(range.first, range.last) : [range];
  const sectors = [];
  for (const period of periods) {
    const fresh = await datasetFreshness(deps.db, profile, readOf(actor, definition, profile, period));
    sectors.push(
      timeSector({ from: period.from, to: period.to, complete: periodComplete(period.to, fresh.billingPeriodEnd, now), lastUpdated: fresh.ratedAt ?? new Date(now) }),
    );
  }
  return focusMetadata({ id: definition.id, name: definition.name }, profile, sectors, new Date(now));
}
