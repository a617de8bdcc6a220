/** compileFilter: `filter` text → a parameterized, two-valued SQL predicate over a field allow-list. */
import { type Comparison, type InList, type Literal, type Member, type Property, parse } from '@consumo/filter';
import { type Expression as SqlExpression, type RawBuilder, sql } from 'kysely';
import { type Fail, type Value, bindValue } from './bind-value.js';
import { type Predicate, compileLogic } from './compile-logic.js';
import type { FieldMap, FieldSpec } from './field-map.js';
import { filterIssue, parseFor } from './filter-issue.js';

const sqlOperator = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' } as const;

interface Field {
  name: string;
  spec: FieldSpec;
  ref: SqlExpression<unknown>;
}

/** `col … and col is not null`: false instead of NULL for a null column, and still index-friendly. */
function guarded(field: Field, predicate: Predicate): Predicate {
  return field.spec.nullable ? sql<boolean>`(${predicate} and ${field.ref} is not null)` : predicate;
}

class FilterCompiler {
  readonly fail: Fail;

  constructor(
    private readonly fields: FieldMap,
    parameter: string,
  ) {
    this.fail = (reason, position, hint) => {
      throw filterIssue(parameter, reason, position, hint);
    };
  }

  field(property: Property): Field {
    const name = property.path.join('/');
    // hasOwn: a field named `constructor` or `__proto__` must not reach Object.prototype.
    if (!Object.hasOwn(this.fields, name)) {
      this.fail(`unknown field '${name}'`, property.position, `filterable fields: ${Object.keys(this.fields).join(', ')}`);
    }
    const spec = this.fields[name] as FieldSpec;
    return { name, spec, ref: spec.expression ?? sql.ref(spec.column) };
  }

  scalar(property: Property): Field {
    const field = this.field(property);
    if (field.spec.array) {
      this.fail(`field '${field.name}' is an array`, property.position, `write 'value in ${field.name}' to test membership`);
    }
    return field;
  }

  value(literal: Literal, after: string): Value {
    if (literal.kind === 'null') this.fail(`null cannot be used with '${after}'`, literal.position, 'use eq null or ne null');
    return literal;
  }

  comparison(c: Comparison): Predicate {
    if (c.left.kind !== 'property') return this.fail('a tag key is not a field', c.left.position);
    const field = this.scalar(c.left);
    const { ref, spec } = field;
    if (c.right.kind === 'null' && (c.operator === 'eq' || c.operator === 'ne')) {
      return c.operator === 'eq' ? sql<boolean>`${ref} is null` : sql<boolean>`${ref} is not null`;
    }
    const ordered = c.operator !== 'eq' && c.operator !== 'ne';
    if (ordered && (spec.type === 'string' || spec.type === 'uuid' || spec.type === 'boolean')) {
      this.fail(
        `operator '${c.operator}' does not apply to the ${spec.type} field '${field.name}'`,
        c.operatorPosition,
        spec.type === 'boolean' ? 'use eq or ne' : 'gt, ge, lt and le compare numbers and timestamps',
      );
    }
    const value = bindValue(this.value(c.right, c.operator), spec, field.name, this.fail);
    if (c.operator === 'ne') {
      // ne is true for a null column (null ne 5), and IS DISTINCT FROM never yields NULL.
      return spec.nullable ? sql<boolean>`${ref} is distinct from ${value}` : sql<boolean>`${ref} <> ${value}`;
    }
    return guarded(field, sql<boolean>`${ref} ${sql.raw(sqlOperator[c.operator])} ${value}`);
  }

  inList(i: InList): Predicate {
    if (i.left.kind !== 'property') return this.fail('a tag key is not a field', i.left.position);
    const field = this.scalar(i.left);
    const { ref, spec } = field;
    const values: RawBuilder<unknown>[] = [];
    for (const v of i.values) if (v.kind !== 'null') values.push(bindValue(v, spec, field.name, this.fail));
    const withNull = values.length < i.values.length;
    if (values.length === 0) return sql<boolean>`${ref} is null`;
    const within = sql<boolean>`${ref} in (${sql.join(values)})`;
    // A null in the list matches null columns; `or` also turns the NULL of `null in (…)` into true.
    return withNull ? sql<boolean>`(${within} or ${ref} is null)` : guarded(field, within);
  }

  member(m: Member): Predicate {
    const field = this.field(m.collection);
    if (!field.spec.array) {
      this.fail(`field '${field.name}' is not an array`, m.collection.position, `'value in field' needs an array field`);
    }
    const value = bindValue(this.value(m.value, 'in'), field.spec, field.name, this.fail);
    return guarded(field, sql<boolean>`${value} = any(${field.ref})`);
  }
}

/**
 * Compiles a `filter` parameter to a WHERE predicate. Values are only ever bound as parameters.
 * Throws ApiError 400 (`query.parameter`, subject `parameter`) for a syntax error, an unknown field
 * or a value of the wrong type; the description ends with the offending position.
 */
export function compileFilter(text: string, fields: FieldMap, parameter = 'filter'): RawBuilder<boolean> {
  const ast = parseFor(parameter, () => parse(text));
  const compiler = new FilterCompiler(fields, parameter);
  return compileLogic(ast, {
    comparison: (c) => compiler.comparison(c),
    in: (i) => compiler.inList(i),
    member: (m) => compiler.member(m),
  });
}
