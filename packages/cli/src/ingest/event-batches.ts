/** Groups the events of a file into request-sized batches, and stops at the first batch that holds a broken line. */
import type { FileEvent, FileItem, FileProblem } from './event-file-reader.js';

/** The server's limits: events per request, and a body size kept well below its 64 MiB. */
export const MAX_BATCH_EVENTS = 10_000;
export const MAX_BATCH_BYTES = 32 * 1024 * 1024;
/** Problems kept for the report; the rest are only counted. */
export const MAX_REPORTED_PROBLEMS = 20;

export interface EventBatch {
  kind: 'batch';
  events: FileEvent[];
}

/** The batch that would have come next holds lines that are not events: nothing of it is sent. */
export interface BrokenBatch {
  kind: 'broken';
  /** The first problems, in file order. */
  problems: FileProblem[];
  /** All problems found in the batch, reported or not. */
  count: number;
}

export interface BatchOptions {
  size: number;
  maxBytes?: number;
}

/**
 * Batches of `size` events (fewer when they would pass `maxBytes`). When a line is broken, the rest
 * of its batch is still read so that its problems are reported together, then the batches end.
 */
export async function* eventBatches(items: AsyncIterable<FileItem>, options: BatchOptions): AsyncGenerator<EventBatch | BrokenBatch> {
  const maxBytes = options.maxBytes ?? MAX_BATCH_BYTES;
  let events: FileEvent[] = [];
  let bytes = 0;
  let broken: BrokenBatch | undefined;
  let read = 0;
  for await (const item of items) {
    if (item.kind === 'problem') {
      broken ??= { kind: 'broken', problems: [], count: 0 };
      if (broken.problems.length < MAX_REPORTED_PROBLEMS) broken.problems.push(item);
      broken.count++;
    } else if (!broken) {
      if (events.length > 0 && bytes + item.size > maxBytes) {
        yield { kind: 'batch', events };
        events = [];
        bytes = 0;
        read = 0;
      }
      events.push(item);
      bytes += item.size;
    }
    if (++read < options.size) continue;
    if (broken) break;
    yield { kind: 'batch', events };
    events = [];
    bytes = 0;
    read = 0;
  }
  if (broken) yield broken;
  else if (events.length > 0) yield { kind: 'batch', events };
}
