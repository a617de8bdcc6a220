/** Formatter: AST → canonical filter text that parses back to the same AST (positions aside). */
import { type Expression, type ExpressionKind, type Literal, type Operand, visit } from './ast.js';

// Binding strength; a child weaker than its context is parenthesised. A same-kind child of
// and/or is too, because the parser would otherwise flatten it into its parent.
const strength: Record<ExpressionKind, number> = { or: 1, and: 2, not: 3, comparison: 4, in: 4, member: 4 };

export function formatLiteral(literal: Literal): string {
  return visit<Literal, string>(literal, {
    string: (l) => `'${l.value.replaceAll("'", "''")}'`,
    number: (l) => l.text,
    boolean: (l) => String(l.value),
    null: () => 'null',
    timestamp: (l) => l.text,
  });
}

export function formatOperand(operand: Operand): string {
  return visit<Operand, string>(operand, {
    property: (p) => p.path.join('/'),
    tag: (t) => `'${t.key.replaceAll("'", "''")}'`,
  });
}

function wrap(child: Expression, atLeast: number): string {
  const text = format(child);
  return strength[child.kind] < atLeast ? `(${text})` : text;
}

/** Canonical text: lower-case keywords, single spaces, `in (…)` lists, parentheses only where needed. */
export function format(expression: Expression): string {
  return visit<Expression, string>(expression, {
    comparison: (c) => `${formatOperand(c.left)} ${c.operator} ${formatLiteral(c.right)}`,
    in: (i) => `${formatOperand(i.left)} in (${i.values.map(formatLiteral).join(', ')})`,
    member: (m) => `${formatLiteral(m.value)} in ${formatOperand(m.collection)}`,
    not: (n) => `not ${wrap(n.operand, strength.not)}`,
    and: (a) => a.operands.map((o) => wrap(o, strength.and + 1)).join(' and '),
    or: (o) => o.operands.map((x) => wrap(x, strength.or + 1)).join(' or '),
  });
}
