/** The resume point of `consumo ingest`: how far a file was acknowledged, kept next to it and replaced atomically. */
import { open, readFile, rename, rm } from 'node:fs/promises';

export const CHECKPOINT_SUFFIX = '.consumo-checkpoint';

/** What a checkpoint records once a batch was acknowledged (202). */
export interface IngestCheckpoint {
  version: 1;
  /** The file as it was given, for people reading the checkpoint. */
  file: string;
  /** The file's size and mtime when the ingest started: a checkpoint holds for that version of it only. */
  size: number;
  mtimeMs: number;
  /** Lines 1..line were sent and acknowledged. */
  line: number;
  /** Totals over every run that wrote this checkpoint. */
  events: number;
  accepted: number;
  duplicates: number;
  updatedAt: string;
}

export interface FileVersion {
  size: number;
  mtimeMs: number;
}

export const defaultCheckpointPath = (file: string) => `${file}${CHECKPOINT_SUFFIX}`;

const isCount = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;

function isCheckpoint(value: unknown): value is IngestCheckpoint {
  const c = value as Partial<IngestCheckpoint> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    c.version === 1 &&
    typeof c.file === 'string' &&
    isCount(c.size) &&
    typeof c.mtimeMs === 'number' &&
    [c.line, c.events, c.accepted, c.duplicates].every(isCount)
  );
}

export type CheckpointRead = { status: 'none' } | { status: 'invalid'; reason: string } | { status: 'found'; checkpoint: IngestCheckpoint };

/** The checkpoint at `file`: none, one that cannot be used (unreadable, not a checkpoint), or one. */
export async function readCheckpoint(file: string): Promise<CheckpointRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'none' };
    return { status: 'invalid', reason: (err as Error).message };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { status: 'invalid', reason: 'not JSON' };
  }
  return isCheckpoint(value) ? { status: 'found', checkpoint: value } : { status: 'invalid', reason: 'not an ingest checkpoint' };
}

/** True when the checkpoint was written for this version of the file (same size, same mtime). */
export const checkpointMatches = (checkpoint: IngestCheckpoint, version: FileVersion) =>
  checkpoint.size === version.size && checkpoint.mtimeMs === version.mtimeMs;

/**
 * Replaces the checkpoint atomically: the new content goes to a temporary file beside it, is
 * flushed to disk, and is renamed over the old one, so a crash leaves the old or the new, whole.
 */
export async function writeCheckpoint(file: string, checkpoint: IngestCheckpoint): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(`${JSON.stringify(checkpoint, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (err) {
    await rm(temporary, { force: true });
    throw err;
  }
}

export async function removeCheckpoint(file: string): Promise<void> {
  await rm(file, { force: true });
}
