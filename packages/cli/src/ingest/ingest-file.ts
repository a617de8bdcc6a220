/** The ingest of one file: resume from its checkpoint, send its batches IN_FLIGHT at a time, checkpoint each acknowledged one in file order. */
import type { ConsumoClient } from '@consumo/sdk';
import { type BrokenBatch, type EventBatch, eventBatches } from './event-batches.js';
import { type EventFormat, readEventFile } from './event-file-reader.js';
import {
  type FileVersion,
  type IngestCheckpoint,
  checkpointMatches,
  readCheckpoint,
  removeCheckpoint,
  writeCheckpoint,
} from './ingest-checkpoint.js';
import type { IngestProgressView } from './ingest-progress.js';
import { type BatchAnswer, sendBatch } from './send-batch.js';

/**
 * Requests on their way at once: the next batches are read and sent while the server stores the
 * earlier ones. Four keep a two-core server and its database busy where two left them waiting on
 * each other's round trips (ADR 0031: bench/metering (b)).
 */
export const IN_FLIGHT = 4;

export interface IngestFileOptions {
  client: ConsumoClient;
  file: string;
  version: FileVersion;
  format: EventFormat;
  batchSize: number;
  checkpointPath: string;
  /** Ignore an existing checkpoint: start at line 1. */
  restart: boolean;
  view: IngestProgressView;
  /** Notes for the user (resuming, a checkpoint ignored); stderr. */
  note: (message: string) => void;
  now?: () => number;
}

export interface Totals {
  events: number;
  accepted: number;
  duplicates: number;
}

interface Common {
  /** This run. */
  run: Totals;
  /** This run and the earlier ones recorded in the checkpoint. */
  overall: Totals;
  elapsedMs: number;
  /** The first line this run read (> 1 when it resumed). */
  startLine: number;
  /** Lines 1..line are acknowledged (and in the checkpoint, unless the run completed). */
  line: number;
}

export type IngestOutcome =
  | ({ status: 'done' } & Common)
  /** Lines that are not events: their batch was not sent. */
  | ({ status: 'broken'; broken: BrokenBatch } & Common)
  /** The server refused a batch (400); `lines` maps its event indexes to file lines. */
  | ({ status: 'refused'; batch: EventBatch; body: unknown; lines: number[]; alsoSent: AlsoSent[] } & Common)
  /** Another API error or a lost connection, thrown by the request; the checkpoint is at `line`. */
  | ({ status: 'failed'; batch: EventBatch; error: unknown } & Common);

type Settled = { answer: BatchAnswer } | { error: unknown };

/** A batch that was on its way when an earlier one was refused, and what the server answered (file order). */
export interface AlsoSent {
  batch: EventBatch;
  answer: BatchAnswer;
}

/** Where to start: the checkpoint when it is for this version of the file, else line 1. */
async function startingPoint(o: IngestFileOptions): Promise<IngestCheckpoint | undefined> {
  if (o.restart) return undefined;
  const read = await readCheckpoint(o.checkpointPath);
  if (read.status === 'none') return undefined;
  if (read.status === 'invalid') {
    o.note(`ignoring ${o.checkpointPath} (${read.reason}); starting at line 1`);
    return undefined;
  }
  if (!checkpointMatches(read.checkpoint, o.version)) {
    o.note(`${o.checkpointPath} is for another version of ${o.file} (its size or modification time differ); starting at line 1`);
    return undefined;
  }
  return read.checkpoint;
}

export async function ingestFile(o: IngestFileOptions): Promise<IngestOutcome> {
  const now = o.now ?? Date.now;
  const started = now();
  const resumed = await startingPoint(o);
  const startLine = (resumed?.line ?? 0) + 1;
  if (resumed) {
    o.note(
      `resuming at line ${startLine}: lines 1-${resumed.line} were sent before (${resumed.events} events), as ${o.checkpointPath} records; ` +
        're-sent events would only count as duplicates',
    );
  }
  const run: Totals = { events: 0, accepted: 0, duplicates: 0 };
  const base: Totals = { events: resumed?.events ?? 0, accepted: resumed?.accepted ?? 0, duplicates: resumed?.duplicates ?? 0 };
  let line = resumed?.line ?? 0;
  let batches = 0;
  const reader = readEventFile(o.file, o.format, { afterLine: line });
  const common = (): Common => ({
    run: { ...run },
    overall: { events: base.events + run.events, accepted: base.accepted + run.accepted, duplicates: base.duplicates + run.duplicates },
    elapsedMs: now() - started,
    startLine,
    line,
  });

  const inFlight: { batch: EventBatch; settled: Promise<Settled> }[] = [];
  const send = (batch: EventBatch) => {
    // Never rejects: a failure is looked at when its turn comes, in file order.
    const settled = sendBatch(o.client, batch).then(
      (answer): Settled => ({ answer }),
      (error: unknown): Settled => ({ error }),
    );
    inFlight.push({ batch, settled });
  };

  /** Waits for the oldest request; on a 202, records it. Returns an outcome when the run must stop. */
  const settleOldest = async (): Promise<IngestOutcome | undefined> => {
    const { batch, settled } = inFlight.shift()!;
    const result = await settled;
    if ('error' in result) {
      await Promise.all(inFlight.splice(0).map((f) => f.settled));
      return { status: 'failed', batch, error: result.error, ...common() };
    }
    const { answer } = result;
    if (answer.kind === 'refused') {
      // The next batches were already on their way; what became of them is part of the report.
      const alsoSent: AlsoSent[] = [];
      for (const next of inFlight.splice(0)) {
        const nextResult = await next.settled;
        if ('answer' in nextResult) alsoSent.push({ batch: next.batch, answer: nextResult.answer });
      }
      return { status: 'refused', batch, body: answer.body, lines: batch.events.map((e) => e.line), alsoSent, ...common() };
    }
    run.events += batch.events.length;
    run.accepted += answer.accepted;
    run.duplicates += answer.duplicates;
    line = batch.events.at(-1)!.endLine;
    batches++;
    const overall = common().overall;
    await writeCheckpoint(o.checkpointPath, {
      version: 1,
      file: o.file,
      size: o.version.size,
      mtimeMs: o.version.mtimeMs,
      line,
      ...overall,
      updatedAt: new Date(now()).toISOString(),
    });
    o.view.update({ bytes: reader.bytesRead(), size: o.version.size, ...run, batches, line, elapsedMs: now() - started });
    return undefined;
  };

  try {
    for await (const batch of eventBatches(reader.items, { size: o.batchSize })) {
      if (batch.kind === 'broken') {
        while (inFlight.length > 0) {
          const stop = await settleOldest();
          if (stop) return stop;
        }
        return { status: 'broken', broken: batch, ...common() };
      }
      send(batch);
      if (inFlight.length >= IN_FLIGHT) {
        const stop = await settleOldest();
        if (stop) return stop;
      }
    }
    while (inFlight.length > 0) {
      const stop = await settleOldest();
      if (stop) return stop;
    }
  } finally {
    o.view.stop();
  }
  await removeCheckpoint(o.checkpointPath);
  return { status: 'done', ...common() };
}
