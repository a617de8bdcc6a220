/**
 * GET …/{id}/contents: resolves the range and profile, records the run, and streams the export
 * straight to the socket — chunk by chunk from the database, waiting for 'drain' — as CSV
 * (optionally gzipped on the fly) or as Parquet (each chunk an Arrow record batch fed to
 * parquet-wasm's streaming writer), stopping the read as soon as the client goes away.
 */
import type { ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import pg from 'pg';
import { queryIssue } from '../../platform/errors/index.js';
import type { Db } from '../../storage/database.js';
import { streamRows } from '../../storage/row-stream.js';
import { copyOut } from '../../storage/copy-out.js';
import { pgPoolOf } from '../../storage/create-db.js';
import { headerLine } from './csv-encoder.js';
import { csvCopyStatement, csvLineSql } from './csv-copy.js';
import { resolveRange } from './export-dates.js';
import { type Criterion, compileFilter } from './export-filter.js';
import { type Profile, PROFILES, columnsRead, isProfileName } from './export-profiles.js';
import * as repo from './focus-exports.repository.js';
import type { CostRange } from './focus-exports.repository.js';
import type { ContentsQueryDto } from './focus-exports.schemas.js';
import { batchEncoder } from './parquet-encoder.js';
import { parquetByteStream } from './parquet-writer.js';
import { type Actor, loadExport } from './focus-exports.service.js';

/** Rows per database round trip (PostgreSQL cursor read, PGlite keyset page). */
export const CHUNK_ROWS = 2_000;

export interface ContentsDeps {
  db: Db;
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

interface MediaRange {
  type: string;
  q: number;
}

function mediaRanges(header: string | string[] | undefined): MediaRange[] {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  return text
    .split(',')
    .map((part) => {
      const [type, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { type: (type ?? '').trim(), q: q === undefined ? 1 : Number(q.slice(2)) || 0 };
    })
    .filter((r) => r.type !== '');
}

/**
 * True when Accept asks for Parquet: it names application/vnd.apache.parquet with a q above 0, and
 * text/csv (by name, text/* or *\/*) with no higher q. Without it, CSV.
 */
export function acceptsParquetFirst(header: string | string[] | undefined): boolean {
  const ranges = mediaRanges(header);
  const parquet = ranges.find((r) => r.type === PARQUET_TYPE);
  if (!parquet || parquet.q <= 0) return false;
  const csv = ranges.find((r) => r.type === 'text/csv') ?? ranges.find((r) => r.type === 'text/*') ?? ranges.find((r) => r.type === '*/*');
  return csv === undefined || csv.q <= parquet.q;
}

/** True when Accept-Encoding accepts gzip (a q of 0 refuses it). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  return text.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding?.trim() !== 'gzip' && coding?.trim() !== 'x-gzip') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** The `format` parameter, checked before anything is read (a 400 naming it otherwise). */
function formatOf(value: string): 'csv' | 'parquet' {
  const format = value.toLowerCase();
  if (format !== 'csv' && format !== 'parquet') throw queryIssue('format', 'Must be one of: csv, parquet.');
  return format;
}

export async function sendContents(
  deps: ContentsDeps,
  actor: Actor,
  rawId: string,
  query: ContentsQueryDto,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const definition = await loadExport(deps.db, actor.workspaceId, rawId);
  const now = deps.now();
  const range = resolveRange(query, now);
  const profileName = query.profile ?? definition.profile;
  if (!isProfileName(profileName)) throw queryIssue('profile', 'Must be one of: greenlake, focus-1.2.');
  const profile = PROFILES[profileName];
  const where = compileFilter(definition.filter as Criterion[], { workspaceId: actor.workspaceId, from: range.from, to: range.to });
  const costs: CostRange = { workspaceId: actor.workspaceId, from: range.from, to: range.to, where };
  const parquet = query.format === undefined ? definition.format === 'parquet' || acceptsParquetFirst(request.headers.accept) : formatOf(query.format) === 'parquet';

  /** Reads the first chunk, records the run, and answers 204 when there is none; the first chunk, or undefined. */
  const opened = async <T>(source: AsyncGenerator<T, void, undefined>): Promise<T | undefined> => {
    let first: IteratorResult<T, void>;
    try {
      first = await source.next();
    } catch (err) {
      await source.return(undefined);
      throw err;
    }
    await repo.recordRun(deps.db, actor.workspaceId, definition.id, { id: actor.clientId, name: await repo.clientName(deps.db, actor.clientId) }, new Date(now));
    if (first.done) await reply.status(204).send();
    return first.done ? undefined : first.value;
  };

  const base = `${slugOf(definition.name)}_${range.first}_${range.last}`;
  const job = { request, reply, profile, now };
  if (parquet) {
    // Parquet is encoded here, from row chunks.
    const rows = streamRows(deps.db, repo.costRowStream(deps.db, { ...costs, columns: columnsRead(profile), chunkSize: CHUNK_ROWS }));
    const first = await opened(rows);
    if (first !== undefined) await sendParquet({ ...job, rows, first }, `${base}.parquet`);
    return;
  }
  // CSV is PostgreSQL's own COPY output, or on PGlite the same cells joined into lines in SQL and
  // read by key, a page at a time (ADR 0014).
  const pool = pgPoolOf(deps.db);
  const body = pool
    ? copyOut(pool, csvCopyStatement(deps.db, costs, profile, now, pg.escapeLiteral))
    : csvLines(streamRows(deps.db, repo.costLineStream(deps.db, { ...costs, line: csvLineSql(profile, now), chunkSize: CHUNK_ROWS })));
  const first = await opened<string | Uint8Array>(body);
  if (first === undefined) return;
  const gzip = definition.compression === 'gzip' || acceptsGzip(request.headers['accept-encoding']);
  await sendCsv({ ...job, body, first }, `${base}.csv`, gzip);
}

type RowChunks = AsyncGenerator<Record<string, unknown>[], void, undefined>;
type BodyChunks = AsyncGenerator<string | Uint8Array, void, undefined>;

/** The `line` of each row, LF-terminated, a chunk at a time (the header is written by sendCsv). */
async function* csvLines(rows: RowChunks): BodyChunks {
  try {
    for await (const chunk of rows) {
      let text = '';
      for (const row of chunk) text += `${row.line as string}\n`;
      yield text;
    }
  } finally {
    await rows.return(undefined);
  }
}

interface ExportJob {
  request: FastifyRequest;
  reply: FastifyReply;
  profile: Profile;
  now: number;
}

interface ParquetJob extends ExportJob {
  /** The row stream, its first chunk already read (and not empty). */
  rows: RowChunks;
  first: Record<string, unknown>[];
}

interface CsvJob extends ExportJob {
  /** The CSV lines after the header, their first chunk already read (and not empty). */
  body: BodyChunks;
  first: string | Uint8Array;
}

/** The socket side of a streamed export: writes that wait for 'drain', and whether the client has gone. */
class SocketSink {
  gone = false;
  private wake: (() => void) | undefined;
  private readonly onClose = () => {
    if (!this.res.writableFinished) this.gone = true;
    this.wake?.();
  };

  constructor(
    readonly res: ServerResponse,
    readonly out: Writable,
  ) {
    // The client going away (socket closed before the response ended) stops the read.
    res.on('close', this.onClose);
  }

  async write(data: string | Uint8Array): Promise<void> {
    if (this.out.write(data) || this.gone) return;
    await new Promise<void>((resolve) => {
      this.wake = resolve;
      this.out.once('drain', resolve);
    });
    this.out.removeListener('drain', this.wake!);
    this.wake = undefined;
  }

  /** An error after the 200 has started: the connection is cut, the log says why. */
  fail(job: ExportJob, err: unknown): void {
    job.request.log.error({ err }, 'FOCUS export failed mid-stream');
    this.gone = true;
    this.res.destroy(err instanceof Error ? err : undefined);
  }

  async finish(): Promise<void> {
    this.res.removeListener('close', this.onClose);
    if (!this.gone) {
      this.out.end();
      if (!this.res.writableFinished) await new Promise((resolve) => this.res.once('finish', resolve).once('close', resolve));
    } else if (!this.res.destroyed) {
      this.res.destroy();
    }
  }
}

function startResponse(job: ExportJob, headers: Record<string, string>): ServerResponse {
  const res = job.reply.raw;
  job.reply.hijack();
  res.writeHead(200, { ...job.reply.getHeaders(), 'cache-control': 'no-store', ...headers } as Record<string, string>);
  return res;
}

async function sendCsv(job: CsvJob, filename: string, gzip: boolean): Promise<void> {
  const res = startResponse(job, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${filename}"`,
    vary: 'Accept-Encoding',
    ...(gzip && { 'content-encoding': 'gzip' }),
  });
  const zip = gzip ? createGzip() : undefined;
  if (zip) {
    zip.pipe(res);
    zip.on('error', (err) => res.destroy(err));
  }
  const sink = new SocketSink(res, zip ?? res);
  try {
    await sink.write(headerLine(job.profile));
    await sink.write(job.first);
    // The header row and the first chunk leave now, not when the compressor's window fills.
    zip?.flush();
    while (!sink.gone) {
      const next = await job.body.next();
      if (next.done) break;
      await sink.write(next.value);
    }
  } catch (err) {
    sink.fail(job, err);
  } finally {
    // Ends the COPY or closes the cursor and frees the connection (or stops paging).
    await job.body.return(undefined);
  }
  await sink.finish();
}

/**
 * Parquet: each chunk of rows becomes one record batch, pulled by the writer only when it wants the
 * next; its bytes (a row group at a time, then the footer) go to the socket with the same 'drain'
 * waits. Parquet compresses inside (ZSTD), so neither Accept-Encoding nor the definition's gzip applies.
 * A failure after the 200 cuts the connection before the footer could make a truncated file look whole.
 */
async function sendParquet(job: ParquetJob, filename: string): Promise<void> {
  const { rows } = job;
  const encode = batchEncoder(job.profile, job.now);
  let pending: Record<string, unknown>[] | undefined = job.first;
  let failure: unknown;
  let failed = false;
  // Set once the response has started; the batch source stops when the client has gone.
  const live: { sink?: SocketSink } = {};
  const next = async () => {
    if (failed || live.sink?.gone) return undefined;
    try {
      let chunk = pending;
      pending = undefined;
      if (!chunk) {
        const read = await rows.next();
        if (read.done) return undefined;
        chunk = read.value;
      }
      return encode(chunk);
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
    // Nothing has been sent yet: the error handler answers 500.
    await rows.return(undefined);
    throw failed ? failure : err;
  }
  const res = startResponse(job, {
    'content-type': PARQUET_TYPE,
    'content-disposition': `attachment; filename="${filename}"`,
    vary: 'Accept, Accept-Encoding',
  });
  // The status and headers leave now; the first bytes follow when the first row group is complete.
  res.flushHeaders();
  const sink = new SocketSink(res, res);
  live.sink = sink;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (failed) throw failure;
      if (done || sink.gone) break;
      await sink.write(value);
    }
    if (failed) throw failure;
  } catch (err) {
    sink.fail(job, err);
  } finally {
    if (sink.gone || failed) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
    await rows.return(undefined);
  }
  await sink.finish();
}
