/** compileTagFilter: `filter-tags` text → an SQL predicate over a jsonb object of tags, case-insensitive. */
import { type Comparison, type InList, type Literal, type Member, type Operand, parseTagFilter } from '@consumo/filter';
import { type RawBuilder, sql } from 'kysely';
import { type Predicate, compileLogic } from './compile-logic.js';
import { filterIssue, parseFor } from './filter-issue.js';

/**
 * Compiles a `filter-tags` parameter against `tagsColumn`, a jsonb object `{key: value}`.
 * - `'k' eq 'v'`: a tag k has the value v; `'k' in ('v', 'w')`: one of the values;
 * - `'k' ne 'v'`: a tag k whose value is not v — the Subscription Management wording ("the exact
 *   same tag key and a different tag value"); a row without tag k does not match (ADR 0009);
 * - `'k' in keys`: a tag k exists.
 * Keys and values compare case-insensitively. Throws ApiError 400 like compileFilter.
 */
export interface TagFilterOptions {
  /**
   * The table has a GIN index on `(lower(tags::text)::jsonb) jsonb_path_ops` and no row holds two
   * tag keys equal but for case. `eq` and `in` then also test containment in the lower-cased tags —
   * the same answer, found through the index instead of by expanding every row's tags.
   */
  foldedIndex?: boolean;
}

export function compileTagFilter(
  text: string,
  tagsColumn: string,
  parameter = 'filter-tags',
  options: TagFilterOptions = {},
): RawBuilder<boolean> {
  const ast = parseFor(parameter, () => parseTagFilter(text));
  const tags = sql.ref(tagsColumn);
  const folded = sql`(lower(${tags}::text))::jsonb`;
  const contains = (key: string, values: readonly string[]): Predicate =>
    sql.join(
      values.map((v) => sql<boolean>`${folded} @> jsonb_build_object(lower(${key}::text), lower(${v}::text))`),
      sql` or `,
    ) as RawBuilder<boolean>;
  const withIndex = (key: string, values: readonly string[], exact: Predicate): Predicate =>
    options.foldedIndex && values.length > 0 ? sql<boolean>`((${contains(key, values)}) and ${exact})` : exact;

  const keyOf = (operand: Operand): string => {
    // The tag parser only ever puts a tag on the left; a hand-built AST could do otherwise.
    if (operand.kind !== 'tag') throw filterIssue(parameter, 'expected a quoted tag key', operand.position);
    return operand.key;
  };
  // jsonb_each_text of NULL yields no rows, so a row without tags simply has no match.
  const hasTag = (key: string, values: readonly string[], negate = false): Predicate => {
    const keyMatch = sql`lower(filter_tag.key) = lower(${key}::text)`;
    if (values.length === 0) {
      return sql<boolean>`exists (select 1 from jsonb_each_text(${tags}) as filter_tag where ${keyMatch})`;
    }
    const lowered = values.map((v) => sql`lower(${v}::text)`);
    const valueMatch = negate
      ? sql`lower(filter_tag.value) <> ${lowered[0]}`
      : lowered.length === 1
        ? sql`lower(filter_tag.value) = ${lowered[0]}`
        : sql`lower(filter_tag.value) in (${sql.join(lowered)})`;
    return sql<boolean>`exists (select 1 from jsonb_each_text(${tags}) as filter_tag where ${keyMatch} and ${valueMatch})`;
  };
  const stringValue = (literal: Literal): string => {
    if (literal.kind !== 'string') {
      throw filterIssue(parameter, 'expected a quoted tag value', literal.position);
    }
    return literal.value;
  };

  return compileLogic(ast, {
    comparison: (c: Comparison) => {
      if (c.operator === 'eq') {
        const [key, values] = [keyOf(c.left), [stringValue(c.right)]];
        return withIndex(key, values, hasTag(key, values));
      }
      if (c.operator === 'ne') return hasTag(keyOf(c.left), [stringValue(c.right)], true);
      throw filterIssue(parameter, `operator '${c.operator}' is not supported in a tag filter`, c.operatorPosition);
    },
    in: (i: InList) => {
      const [key, values] = [keyOf(i.left), i.values.map(stringValue)];
      return withIndex(key, values, hasTag(key, values));
    },
    member: (m: Member) => {
      const path = m.collection.path;
      if (path.length !== 1 || path[0]?.toLowerCase() !== 'keys') {
        throw filterIssue(parameter, `expected 'keys' after 'in', found '${path.join('/')}'`, m.collection.position);
      }
      return hasTag(stringValue(m.value), []);
    },
  });
}
