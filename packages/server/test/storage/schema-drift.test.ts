/**
 * The `Database` interface (storage/database.ts) and the migrated database agree, as the OpenAPI
 * drift test keeps the routes and openapi.json together: every table the interface names exists
 * with exactly the interface's columns, and a column is nullable in one exactly when it is in the
 * other. The interface is read with the TypeScript compiler, so nothing is listed twice by hand.
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-databases.js';

const DATABASE_TS = fileURLToPath(new URL('../../src/storage/database.ts', import.meta.url));

interface DeclaredColumn {
  name: string;
  /** Undefined when the declared type cannot tell (unknown). */
  nullable: boolean | undefined;
}

/** table → its columns, as `interface Database { table: XTable }` and each `XTable` (with what it extends) declare them. */
function declaredTables(): Map<string, DeclaredColumn[]> {
  const program = ts.createProgram([DATABASE_TS], {
    strict: true, noEmit: true, skipLibCheck: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(DATABASE_TS)!;
  const database = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'Database');
  if (!database) throw new Error('storage/database.ts has no interface Database');
  const tables = new Map<string, DeclaredColumn[]>();
  for (const tableProperty of checker.getPropertiesOfType(checker.getTypeAtLocation(database))) {
    const tableType = checker.getTypeOfSymbolAtLocation(tableProperty, database);
    const columns = checker.getPropertiesOfType(tableType).map((column) => {
      // A Kysely ColumnType<Select, Insert, Update> is nullable when its select type admits null.
      let type = checker.getTypeOfSymbolAtLocation(column, database);
      const select = type.getProperty('__select__');
      if (select) type = checker.getTypeOfSymbolAtLocation(select, database);
      // `unknown` (a JSON payload typed by its readers) says nothing about null either way.
      if (type.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any)) return { name: column.name, nullable: undefined };
      const isNull = (t: ts.Type) => Boolean(t.flags & ts.TypeFlags.Null);
      const nullable = type.isUnion() ? type.types.some(isNull) : isNull(type);
      return { name: column.name, nullable };
    });
    tables.set(tableProperty.name, columns);
  }
  return tables;
}

const declared = declaredTables();

describe.each(testEngines())('the Database interface and the migrated schema on %s', (engine) => {
  let t: TestApp;
  let actual: Map<string, DeclaredColumn[]>;

  beforeAll(async () => {
    t = await startTestApp(engine);
    const { rows } = await sql<{ table_name: string; column_name: string; is_nullable: string }>`
      select c.table_name, c.column_name, c.is_nullable
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
        -- Monthly cost_records partitions repeat the parent's columns.
        and not exists (select 1 from pg_inherits i join pg_class p on p.oid = i.inhrelid where p.relname = c.table_name)
      order by c.table_name, c.ordinal_position`.execute(t.db);
    actual = new Map();
    for (const r of rows) {
      const list = actual.get(r.table_name) ?? [];
      list.push({ name: r.column_name, nullable: r.is_nullable === 'YES' });
      actual.set(r.table_name, list);
    }
  });
  afterAll(() => t.close());

  it('reads a table for every property of Database', () => {
    expect(declared.size).toBeGreaterThan(15);
    for (const [table, columns] of declared) expect(columns.length, table).toBeGreaterThan(1);
  });

  it('has exactly the tables the interface names (besides the migrator’s own)', () => {
    const tables = [...actual.keys()].filter((name) => !name.startsWith('consumo_migrations'));
    expect(tables.sort()).toEqual([...declared.keys()].sort());
  });

  it.each([...declared.keys()])('%s: the same columns, nullable alike', (table) => {
    const declaredColumns = declared.get(table)!;
    const undecided = new Set(declaredColumns.filter((c) => c.nullable === undefined).map((c) => c.name));
    const byName = (list: DeclaredColumn[]) => Object.fromEntries(list.map((c) => [c.name, undecided.has(c.name) ? 'either' : c.nullable]));
    expect(byName(actual.get(table) ?? [])).toEqual(byName(declaredColumns));
  });
});
