/**
 * GET …/{id}/contents: resolves the range and profile, records the run, and streams the export as
 * CSV straight to the socket — chunk by chunk from the database, waiting for 'drain', optionally
 * gzipped on the fly — stopping the read as soon as the client goes away.
 */
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { queryIssue } from '../../platform/errors/index.js';
import type { Db } from '../../storage/database.js';
import { streamRows } from '../../storage/row-stream.js';
import { headerLine, rowEncoder } from './csv-encoder.js';
import { resolveRange } from './export-dates.js';
import { type Criterion, compileFilter } from './export-filter.js';
import { PROFILES, columnsRead, isProfileName } from './export-profiles.js';
import { parquetNotYet } from './focus-exports-errors.js';
import * as repo from './focus-exports.repository.js';
import type { ContentsQueryDto } from './focus-exports.schemas.js';
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
  if (definition.format === 'parquet') throw parquetNotYet();
  const profile = PROFILES[profileName];
  const where = compileFilter(definition.filter as Criterion[], { workspaceId: actor.workspaceId, from: range.from, to: range.to });
  const spec = repo.costRowStream(deps.db, {
    workspaceId: actor.workspaceId,
    from: range.from,
    to: range.to,
    where,
    columns: columnsRead(profile),
    chunkSize: CHUNK_ROWS,
  });

  const rows = streamRows(deps.db, spec);
  let first: IteratorResult<Record<string, unknown>[], void>;
  try {
    first = await rows.next();
  } catch (err) {
    await rows.return(undefined);
    throw err;
  }
  await repo.recordRun(deps.db, actor.workspaceId, definition.id, { id: actor.clientId, name: await repo.clientName(deps.db, actor.clientId) }, new Date(now));
  if (first.done) {
    await reply.status(204).send();
    return;
  }

  const gzip = definition.compression === 'gzip' || acceptsGzip(request.headers['accept-encoding']);
  const filename = `${slugOf(definition.name)}_${range.first}_${range.last}.csv`;
  const res = reply.raw;
  const headers = {
    ...reply.getHeaders(),
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${filename}"`,
    'cache-control': 'no-store',
    vary: 'Accept-Encoding',
    ...(gzip && { 'content-encoding': 'gzip' }),
  };
  reply.hijack();
  res.writeHead(200, headers as Record<string, string>);

  // The client going away (socket closed before the response ended) stops the read.
  let gone = false;
  let wake: (() => void) | undefined;
  const onClose = () => {
    if (!res.writableFinished) gone = true;
    wake?.();
  };
  res.on('close', onClose);
  const zip = gzip ? createGzip() : undefined;
  if (zip) {
    zip.pipe(res);
    zip.on('error', (err) => res.destroy(err));
  }
  const out: Writable = zip ?? res;
  const write = async (text: string) => {
    if (out.write(text) || gone) return;
    await new Promise<void>((resolve) => {
      wake = resolve;
      out.once('drain', resolve);
    });
    out.removeListener('drain', wake!);
    wake = undefined;
  };

  const encode = rowEncoder(profile, now);
  try {
    let chunk: Record<string, unknown>[] | void = first.value;
    let firstChunk = true;
    while (chunk && !gone) {
      let text = firstChunk ? headerLine(profile) : '';
      for (const row of chunk) text += encode(row);
      await write(text);
      // The header row and the first chunk leave now, not when the compressor's window fills.
      if (firstChunk && zip) zip.flush();
      firstChunk = false;
      if (gone) break;
      const next = await rows.next();
      chunk = next.done ? undefined : next.value;
    }
  } catch (err) {
    request.log.error({ err }, 'FOCUS export failed mid-stream');
    gone = true;
    res.destroy(err instanceof Error ? err : undefined);
  } finally {
    // Closes the cursor, rolls the snapshot back and frees the connection (or stops paging).
    await rows.return(undefined);
    res.removeListener('close', onClose);
  }
  if (!gone) {
    out.end();
    if (!res.writableFinished) await new Promise((resolve) => res.once('finish', resolve).once('close', resolve));
  } else if (!res.destroyed) {
    res.destroy();
  }
}
