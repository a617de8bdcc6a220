/**
 * Records every statement Kysely runs through `db.withPlugin(recorder.plugin)`: its SQL and
 * parameters (compiled again, for EXPLAIN), a label, when it started and ended, and its row count.
 */
import { performance } from 'node:perf_hooks';
import { PostgresQueryCompiler } from 'kysely';

/** @param {(sql: string) => string} labelOf names a statement from its SQL. */
export function statementRecorder(labelOf) {
  const compiler = new PostgresQueryCompiler();
  const open = new Map();
  const statements = [];
  return {
    statements,
    plugin: {
      transformQuery({ node, queryId }) {
        const { sql: text, parameters } = compiler.compileQuery(node, queryId);
        open.set(queryId, { sql: text, parameters, t0: performance.now() });
        return node;
      },
      async transformResult({ result, queryId }) {
        const s = open.get(queryId);
        if (s) {
          open.delete(queryId);
          const t1 = performance.now();
          statements.push({ label: labelOf(s.sql), sql: s.sql, parameters: s.parameters, t0: s.t0, t1, ms: t1 - s.t0, rows: result.rows?.length ?? 0 });
        }
        return result;
      },
    },
  };
}
