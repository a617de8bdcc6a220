/** The logical connectives shared by both compilers; every compiled predicate is two-valued. */
import { type Expression, type Visitor, visit } from '@consumo/filter';
import { type RawBuilder, sql } from 'kysely';

export type Predicate = RawBuilder<boolean>;
export type LeafCompilers = Pick<Visitor<Expression, Predicate>, 'comparison' | 'in' | 'member'>;

/**
 * Leaves never yield NULL, so SQL's three-valued `not` behaves like the filter language's:
 * `not (x gt 5)` is true for a row whose x is null.
 */
export function compileLogic(expression: Expression, leaves: LeafCompilers): Predicate {
  const recur = (e: Expression) => compileLogic(e, leaves);
  return visit<Expression, Predicate>(expression, {
    ...leaves,
    // and/or already come parenthesised.
    not: (n) => (n.operand.kind === 'and' || n.operand.kind === 'or' ? sql<boolean>`not ${recur(n.operand)}` : sql<boolean>`not (${recur(n.operand)})`),
    and: (a) => sql<boolean>`(${sql.join(a.operands.map(recur), sql` and `)})`,
    or: (o) => sql<boolean>`(${sql.join(o.operands.map(recur), sql` or `)})`,
  });
}
