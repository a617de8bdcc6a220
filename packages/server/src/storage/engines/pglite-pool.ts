/** A `pg.Pool` look-alike over one PGlite instance, so Kysely's own PostgresDialect drives it. */
import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

type Command = PostgresQueryResult<unknown>['command'];

// PGlite reports affected rows but not the command tag; Kysely only needs it to know
// whether numAffectedRows is meaningful, so the leading keyword is enough.
function commandOf(sql: string): Command {
  const word = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase();
  return word === 'INSERT' || word === 'UPDATE' || word === 'DELETE' || word === 'MERGE' ? word : 'SELECT';
}

/**
 * PGlite is a single connection: a client holds it exclusively from connect() to release(),
 * so a transaction opened by one caller never interleaves with another caller's statements.
 */
export class PGlitePool implements PostgresPool {
  #queue: Promise<void> = Promise.resolve();
  #ended = false;

  constructor(readonly pglite: PGlite) {}

  connect(): Promise<PostgresPoolClient> {
    if (this.#ended) return Promise.reject(new Error('PGlite pool has ended'));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // Each hand-over waits one turn of the event loop: PGlite runs statements synchronously, and a
    // queue of waiters handed the connection within one microtask chain would starve Node's I/O —
    // no new connection accepted, no request read, no timer (job heartbeats) fired until it drains.
    const ready = this.#queue.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
    this.#queue = ready.then(() => held);
    const pglite = this.pglite;
    const client = {
      async query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
        const result = await pglite.query<R>(sql, parameters as unknown[]);
        return { command: commandOf(sql), rowCount: result.affectedRows ?? result.rows.length, rows: result.rows };
      },
      release,
    };
    return ready.then(() => client as unknown as PostgresPoolClient);
  }

  async end(): Promise<void> {
    this.#ended = true;
    await this.#queue;
    await this.pglite.close();
  }
}
