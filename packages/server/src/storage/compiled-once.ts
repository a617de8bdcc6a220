/**
 * A statement built and compiled by Kysely once; each execution only supplies its values. On a
 * hot primary-key read, building and compiling the query again per request costs the server about
 * as much as everything else it does in JavaScript for the read (bench/flex-list (a), ADR 0034).
 * `build` receives one marker per value and must pass each where its value goes; the compiled
 * statement's parameters are mapped back to the markers (a value `build` wrote itself stays).
 * The SQL is PostgreSQL's on both engines, so one compilation serves every database.
 * `build` may return a query builder or a raw `sql` statement (the one-organization usage report's
 * ~5,000 characters, ADR 0020 point 31). A database with plugins (a test counting statements, the
 * benchmark's recorder) is given the statement built afresh, so its plugins see it as before.
 */
import type { CompiledQuery } from 'kysely';
import type { Executor } from './database.js';

/** A query builder's `compile()` or a raw statement's `compile(db)`. */
interface CompilableOn<Row> {
  compile(db: Executor): CompiledQuery<Row>;
}

export function compiledOnce<Values extends readonly unknown[], Row>(
  build: (db: Executor, ...values: Values) => CompilableOn<Row>,
): (db: Executor, ...values: Values) => Promise<Row[]> {
  let template: { compiled: CompiledQuery<Row>; slots: number[] } | undefined;
  return async (db, ...values) => {
    if (db.getExecutor().plugins.length > 0) return (await db.executeQuery<Row>(build(db, ...values).compile(db))).rows;
    if (!template) {
      const markers = values.map((_, i) => ({ compiledOnceSlot: i })) as unknown as Values;
      const compiled = build(db, ...markers).compile(db);
      const slots = compiled.parameters.map((p) => (markers as readonly unknown[]).indexOf(p));
      for (let i = 0; i < values.length; i++) {
        if (!slots.includes(i)) throw new Error(`compiledOnce: value ${i} does not reach the statement as a parameter`);
      }
      template = { compiled, slots };
    }
    const { compiled, slots } = template;
    const parameters = slots.map((slot, k) => (slot < 0 ? compiled.parameters[k] : values[slot]));
    return (await db.executeQuery<Row>({ ...compiled, parameters })).rows;
  };
}
