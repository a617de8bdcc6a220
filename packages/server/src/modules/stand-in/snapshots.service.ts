/**
 * Snapshots of the database state (ADR 0023): one gzip file of JSON lines per snapshot under
 * CONSUMO_SNAPSHOT_DIR — a header line, then per table a `["table", name, columns]` line and its
 * rows as JSON objects (PostgreSQL's own row_to_json text, so numerics, timestamps and JSON columns
 * come back exactly), the sequences, and an `["end", counts]` trailer without which a file is
 * refused. Restoring replaces the state in one transaction, parents before children.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { ApiError, badRequest, notFound } from '../../platform/errors/index.js';
import type { Db, Executor } from '../../storage/database.js';
import type { RowStreams } from '../../storage/engines/database-engine.js';
import {
  type StateCatalog, type StateTable, deleteRows, inTransaction, insertJsonRows, readSequence, readStateCatalog, setSequence, streamTableRows,
  ensurePartition, reconcileKeyHolders, setUserTriggers, truncateTables, workspaceExists, workspacePredicate,
} from './database-state.repository.js';

export const SNAPSHOT_FORMAT = 'consumo-snapshot';
export const SNAPSHOT_VERSION = 1;
const SUFFIX = '.jsonl.gz';
/** Rows per INSERT when restoring. */
const INSERT_BATCH = 1000;
export const SNAPSHOT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export interface SnapshotHeader {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  name: string;
  createdAt: string;
  /** The one workspace the snapshot holds, or null for the whole installation. */
  workspaceId: string | null;
  /** The last migration of the schema it was taken from. */
  schema: string;
}

export interface SnapshotInfo extends SnapshotHeader {
  sizeBytes: number;
}

export interface CreatedSnapshot extends SnapshotInfo {
  /** Rows per table. */
  tables: Record<string, number>;
}

function checkName(name: string): void {
  if (!SNAPSHOT_NAME.test(name)) {
    throw badRequest([{ source: 'field', subject: 'name', description: 'A snapshot name is 1 to 100 letters, digits, dots, dashes or underscores, starting with a letter or digit.' }]);
  }
}

const snapshotNotFound = (name: string) => notFound('snapshot', name, { noun: 'Snapshot' });

export class SnapshotStore {
  constructor(
    private readonly dir: string,
    private readonly db: Db,
    private readonly streams: RowStreams,
    private readonly now: () => number,
  ) {}

  private fileOf(name: string): string {
    return join(resolve(this.dir), `${name}${SUFFIX}`);
  }

  async create(name: string, workspaceId: string | undefined): Promise<CreatedSnapshot> {
    checkName(name);
    if (workspaceId !== undefined && !(await workspaceExists(this.db, workspaceId))) throw notFound('workspace', workspaceId, { noun: 'Workspace' });
    await mkdir(this.dir, { recursive: true });
    const file = this.fileOf(name);
    if (await exists(file)) throw new ApiError('CONFLICT', { message: `A snapshot named '${name}' exists; delete it first or choose another name.` });
    const catalog = await readStateCatalog(this.db);
    const header: SnapshotHeader = {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      name,
      createdAt: new Date(this.now()).toISOString(),
      workspaceId: workspaceId ?? null,
      schema: catalog.schema,
    };
    const counts: Record<string, number> = {};
    const temp = `${file}.${process.pid}.partial`;
    try {
      await pipeline(Readable.from(this.lines(catalog, header, counts)), createGzip(), createWriteStream(temp, { mode: 0o600 }));
      await rename(temp, file);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    return { ...header, sizeBytes: (await stat(file)).size, tables: counts };
  }

  private async *lines(catalog: StateCatalog, header: SnapshotHeader, counts: Record<string, number>): AsyncGenerator<string> {
    yield `${JSON.stringify(header)}\n`;
    const workspaceId = header.workspaceId ?? undefined;
    // Partitions are not read (rows go through their parent), but a restore into another database needs them made first.
    for (const partition of catalog.partitions) yield `${JSON.stringify(['partition', partition.name, partition.parent, partition.bound])}\n`;
    for (const table of catalog.tables) {
      if (workspaceId !== undefined && table.scope === 'global') continue;
      yield `${JSON.stringify(['table', table.name, table.columns])}\n`;
      const where = workspaceId === undefined ? undefined : workspacePredicate(catalog, table, workspaceId);
      let count = 0;
      for await (const chunk of streamTableRows(this.db, this.streams, table, where)) {
        let text = '';
        for (const row of chunk) text += `${row.row as string}\n`;
        count += chunk.length;
        yield text;
      }
      counts[table.name] = count;
    }
    // A workspace's rows take sequence values, but a sequence is the installation's: only a whole snapshot carries them.
    if (workspaceId === undefined) {
      for (const sequence of catalog.sequences) {
        const { lastValue, isCalled } = await readSequence(this.db, sequence);
        yield `${JSON.stringify(['sequence', sequence, lastValue, isCalled])}\n`;
      }
    }
    yield `${JSON.stringify(['end', counts])}\n`;
  }

  async list(): Promise<SnapshotInfo[]> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => n.endsWith(SUFFIX)).sort();
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') return [];
      throw err;
    }
    const out: SnapshotInfo[] = [];
    for (const entry of names) {
      const file = join(this.dir, entry);
      const header = await readHeader(file).catch(() => undefined);
      if (header) out.push({ ...header, sizeBytes: (await stat(file)).size });
    }
    return out;
  }

  async restore(name: string): Promise<SnapshotInfo> {
    checkName(name);
    const file = this.fileOf(name);
    if (!(await exists(file))) throw snapshotNotFound(name);
    let header: SnapshotHeader;
    try {
      header = await restoreSnapshotFile(this.db, file);
    } catch (err) {
      if (err instanceof SnapshotFileError) throw new ApiError('CONFLICT', { message: err.message });
      // A workspace's snapshot whose rows point at installation rows that are gone (a subscription key of the catalog).
      if ((err as { code?: string }).code === '23503') {
        throw new ApiError('CONFLICT', { message: `snapshot '${name}' refers to rows outside it that no longer exist; nothing was restored` });
      }
      throw err;
    }
    return { ...header, sizeBytes: (await stat(file)).size };
  }

  async delete(name: string): Promise<void> {
    checkName(name);
    const file = this.fileOf(name);
    if (!(await exists(file))) throw snapshotNotFound(name);
    await rm(file);
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

function lineReader(file: string) {
  const gunzip = createGunzip();
  // A file that cannot be read fails the reading loop, instead of an unhandled error and a wait for ever.
  createReadStream(file)
    .on('error', (err) => gunzip.destroy(err))
    .pipe(gunzip);
  return createInterface({ input: gunzip, crlfDelay: Infinity });
}

async function readHeader(file: string): Promise<SnapshotHeader> {
  const lines = lineReader(file);
  try {
    for await (const line of lines) return parseHeader(line, file);
    throw new SnapshotFileError(`${file} is empty`);
  } finally {
    lines.close();
  }
}

/** A snapshot file that cannot be restored (not one, another schema, cut short); its message says which. */
export class SnapshotFileError extends Error {
  override readonly name = 'SnapshotFileError';
}

function parseHeader(line: string, file: string): SnapshotHeader {
  let header: SnapshotHeader;
  try {
    header = JSON.parse(line) as SnapshotHeader;
  } catch {
    throw new SnapshotFileError(`${file} is not a Consumo snapshot (its first line is not JSON)`);
  }
  if (header.format !== SNAPSHOT_FORMAT) throw new SnapshotFileError(`${file} is not a Consumo snapshot`);
  if (header.version !== SNAPSHOT_VERSION) throw new SnapshotFileError(`${file} is a version ${header.version} snapshot; this server reads version ${SNAPSHOT_VERSION}`);
  return header;
}

/**
 * Replaces the state with a snapshot file's, in one transaction: the whole installation (every
 * table emptied, then filled parents first, sequences set), or the one workspace it holds (that
 * workspace's rows deleted children first, its workspace row replaced in place, so its tenants'
 * links to it stay). Throws SnapshotFileError for a file of another schema or cut short.
 */
export async function restoreSnapshotFile(db: Db, file: string): Promise<SnapshotHeader> {
  const catalog = await readStateCatalog(db);
  const header = await readHeader(file);
  if (header.schema !== catalog.schema) {
    throw new SnapshotFileError(`snapshot '${header.name}' was taken from schema ${header.schema || '(none)'}; this database is at ${catalog.schema}: take it again after migrating`);
  }
  const byName = new Map(catalog.tables.map((t) => [t.name, t]));
  await inTransaction(db, async (trx) => {
    await clearFor(trx, catalog, header.workspaceId);
    const triggered = catalog.tables.filter((t) => t.hasUserTriggers);
    for (const t of triggered) await setUserTriggers(trx, t, false);
    const lines = lineReader(file);
    let table: StateTable | undefined;
    let columns: string[] = [];
    let batch: string[] = [];
    let ended = false;
    let first = true;
    const flush = async () => {
      if (!table || batch.length === 0) return;
      await insertJsonRows(trx, table, columns, batch, header.workspaceId !== null && table.scope === 'workspace-row' ? table.primaryKey : undefined);
      batch = [];
    };
    try {
      for await (const line of lines) {
        if (first) {
          first = false;
          continue;
        }
        if (line.startsWith('{')) {
          if (!table) throw new SnapshotFileError(`snapshot '${header.name}' has a row before any table`);
          batch.push(line);
          // A table that references itself goes in one statement, so a row may come before the row it points to.
          if (batch.length >= INSERT_BATCH && !table.selfReferencing) await flush();
          continue;
        }
        if (line === '') continue;
        const control = JSON.parse(line) as unknown[];
        await flush();
        if (control[0] === 'table') {
          table = byName.get(control[1] as string);
          if (!table) throw new SnapshotFileError(`snapshot '${header.name}' holds table ${String(control[1])}, which this database does not have`);
          const present = new Set(table.columns);
          columns = (control[2] as string[]).filter((c) => present.has(c));
        } else if (control[0] === 'partition') {
          table = undefined;
          const [, name, parent, bound] = control as [string, string, string, string];
          // The bound is SQL from the file: only a partition bound's shape, of a table this database has, is run.
          if (!byName.has(parent) || !/^(DEFAULT|FOR VALUES (FROM|IN|WITH) \([^;]*\))$/.test(bound)) {
            throw new SnapshotFileError(`snapshot '${header.name}' has a partition ${String(name)} this database cannot make`);
          }
          await ensurePartition(trx, { name, parent, bound });
        } else if (control[0] === 'sequence') {
          table = undefined;
          if (catalog.sequences.includes(control[1] as string)) await setSequence(trx, control[1] as string, control[2] as string, control[3] as boolean);
        } else if (control[0] === 'end') {
          ended = true;
        }
      }
    } finally {
      lines.close();
    }
    if (!ended) throw new SnapshotFileError(`snapshot '${header.name}' is cut short (no end line): nothing was restored`);
    if (header.workspaceId !== null) await reconcileKeyHolders(trx, header.workspaceId);
    for (const t of triggered) await setUserTriggers(trx, t, true);
  });
  return header;
}

/** Empties what a snapshot of this scope replaces. */
async function clearFor(trx: Executor, catalog: StateCatalog, workspaceId: string | null): Promise<void> {
  if (workspaceId === null) {
    await truncateTables(trx, catalog.tables.map((t) => t.name));
    return;
  }
  for (const table of [...catalog.tables].reverse()) {
    if (table.scope === 'global' || table.scope === 'workspace-row') continue;
    await deleteRows(trx, table, workspacePredicate(catalog, table, workspaceId));
  }
}
