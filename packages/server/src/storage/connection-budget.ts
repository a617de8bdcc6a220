/**
 * How many PostgreSQL connections each worker process's pool may open (ADR 0028): N processes of
 * 10 connections each are 160 on a 16-core machine, past PostgreSQL's default `max_connections`
 * of 100 — requests would then fail for want of a connection. The primary reads what the server
 * has free before it forks, and fits the pools to it or refuses to start, saying why.
 */
import pg from 'pg';
import { ConfigError } from '../config.js';
import { DEFAULT_PG_POOL_SIZE } from './engines/postgres-engine.js';

/** What a PostgreSQL server has for new connections. */
export interface ConnectionRoom {
  maxConnections: number;
  /** `superuser_reserved_connections`: not for ordinary roles. */
  reserved: number;
  /** Client connections open now, other than the one that read this. */
  inUse: number;
}

/** Below this, a worker would queue its own concurrent statements (a list's page and count, a look-up beside a write). */
export const MIN_WORKER_POOL_SIZE = 2;

/**
 * Each worker's pool size: `explicit` (CONSUMO_PG_POOL_SIZE) if all `workers` pools fit, else a
 * ConfigError; unset, the default lowered until they fit, or a ConfigError when even
 * MIN_WORKER_POOL_SIZE does not.
 */
export function workerPoolSize(workers: number, explicit: number | undefined, room: ConnectionRoom): number {
  const free = room.maxConnections - room.reserved - room.inUse;
  const said = `PostgreSQL has ${free} connections free (max_connections ${room.maxConnections}, ${room.reserved} reserved, ${room.inUse} in use)`;
  if (explicit !== undefined) {
    if (workers * explicit <= free) return explicit;
    throw new ConfigError(
      `CONSUMO_WORKERS=${workers} processes × CONSUMO_PG_POOL_SIZE=${explicit} connections = ${workers * explicit}, but ${said}: lower either, or raise max_connections`,
    );
  }
  const fitted = Math.min(DEFAULT_PG_POOL_SIZE, Math.floor(free / workers));
  if (fitted >= MIN_WORKER_POOL_SIZE) return fitted;
  throw new ConfigError(
    `CONSUMO_WORKERS=${workers} processes need ${MIN_WORKER_POOL_SIZE} PostgreSQL connections each (${workers * MIN_WORKER_POOL_SIZE}), but ${said}: set CONSUMO_WORKERS lower, or raise max_connections`,
  );
}

/** Reads a server's room for connections over one connection of its own. */
export async function connectionRoom(databaseUrl: string): Promise<ConnectionRoom> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ max: number; reserved: number; in_use: number }>(
      `select current_setting('max_connections')::int as max, current_setting('superuser_reserved_connections')::int as reserved,
              (select count(*)::int from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()) as in_use`,
    );
    const row = rows[0]!;
    return { maxConnections: row.max, reserved: row.reserved, inUse: row.in_use };
  } finally {
    await client.end();
  }
}
