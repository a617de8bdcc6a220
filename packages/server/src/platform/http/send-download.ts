/**
 * Sends a file-like answer (an export's CSV or Parquet) as it is produced: the first chunk is read
 * before the 200, so a failure that early is an ordinary error answer; after it, each chunk waits
 * for the socket's 'drain', gzip is applied on the fly when negotiated, a client that goes away
 * stops the source (its generator is returned, which ends the database read), and a failure
 * mid-stream cuts the connection so a truncated file never looks whole.
 */
import type { ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import { acceptsGzip } from './negotiation.js';

export interface Download {
  /** The name offered in Content-Disposition. */
  filename: string;
  /** Content-Type. */
  mediaType: string;
  /** The body, chunk by chunk; returned (closed) when the response ends for any reason. */
  chunks: AsyncGenerator<string | Uint8Array, void, undefined>;
  /** gzip: `negotiate` on Accept-Encoding, `always`, or `never` (formats compressed inside). */
  gzip: 'negotiate' | 'always' | 'never';
  /** The request headers the answer varies on. */
  vary: string;
}

/** The socket side of a stream: writes that wait for 'drain', and whether the client has gone. */
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
  fail(log: FastifyBaseLogger, err: unknown): void {
    log.error({ err }, 'download failed mid-stream');
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

export async function sendDownload(request: FastifyRequest, reply: FastifyReply, download: Download): Promise<void> {
  const { chunks } = download;
  let first: IteratorResult<string | Uint8Array, void>;
  try {
    first = await chunks.next();
  } catch (err) {
    // Nothing has been sent: the error handler answers.
    await chunks.return(undefined);
    throw err;
  }
  const gzip = download.gzip === 'always' || (download.gzip === 'negotiate' && acceptsGzip(request.headers['accept-encoding']));
  const res = reply.raw;
  reply.hijack();
  res.writeHead(200, {
    ...reply.getHeaders(),
    'cache-control': 'no-store',
    'content-type': download.mediaType,
    'content-disposition': `attachment; filename="${download.filename}"`,
    vary: download.vary,
    ...(gzip && { 'content-encoding': 'gzip' }),
  } as Record<string, string>);
  const zip = gzip ? createGzip() : undefined;
  if (zip) {
    zip.pipe(res);
    zip.on('error', (err) => res.destroy(err));
  }
  const sink = new SocketSink(res, zip ?? res);
  try {
    if (!first.done) await sink.write(first.value);
    // The first chunk leaves now, not when the compressor's window fills.
    zip?.flush();
    while (!first.done && !sink.gone) {
      const next = await chunks.next();
      if (next.done) break;
      await sink.write(next.value);
    }
  } catch (err) {
    sink.fail(request.log, err);
  } finally {
    // Ends the source's read (closes the cursor or COPY and frees the connection).
    await chunks.return(undefined);
  }
  await sink.finish();
}
