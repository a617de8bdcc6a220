/** The filter AST: immutable nodes tagged by `kind`, each carrying its 0-based source offset. */

export const comparisonOperators = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'] as const;
export type ComparisonOperator = (typeof comparisonOperators)[number];

interface Positioned {
  /** 0-based offset (UTF-16 code units) of the node's first character in the source text. */
  readonly position: number;
}

export interface StringLiteral extends Positioned {
  readonly kind: 'string';
  readonly value: string;
}

/** Kept as source text so that decimals stay exact all the way to the database. */
export interface NumberLiteral extends Positioned {
  readonly kind: 'number';
  readonly text: string;
}

export interface BooleanLiteral extends Positioned {
  readonly kind: 'boolean';
  readonly value: boolean;
}

export interface NullLiteral extends Positioned {
  readonly kind: 'null';
}

/** An unquoted RFC 3339 date-time, kept as source text (offset and precision intact). */
export interface TimestampLiteral extends Positioned {
  readonly kind: 'timestamp';
  readonly text: string;
}

export type Literal = StringLiteral | NumberLiteral | BooleanLiteral | NullLiteral | TimestampLiteral;
export type LiteralKind = Literal['kind'];

/** A property path; nested properties are separate segments (`tags/name` → ['tags', 'name']). */
export interface Property extends Positioned {
  readonly kind: 'property';
  readonly path: readonly string[];
}

/** The quoted tag key on the left of a `filter-tags` comparison (`'city' eq 'London'`). */
export interface Tag extends Positioned {
  readonly kind: 'tag';
  readonly key: string;
}

export type Operand = Property | Tag;

export interface Comparison extends Positioned {
  readonly kind: 'comparison';
  readonly operator: ComparisonOperator;
  readonly operatorPosition: number;
  readonly left: Operand;
  readonly right: Literal;
}

/** `prop in ('a', 'b')`, `prop in ['a', 'b']` and `prop in 'a', 'b'` all parse to this one node. */
export interface InList extends Positioned {
  readonly kind: 'in';
  readonly operatorPosition: number;
  readonly left: Operand;
  readonly values: readonly Literal[];
}

/** The reversed `'lit' in arrayProp`: the literal is one of the elements of the collection. */
export interface Member extends Positioned {
  readonly kind: 'member';
  readonly operatorPosition: number;
  readonly value: Literal;
  readonly collection: Property;
}

export interface Not extends Positioned {
  readonly kind: 'not';
  readonly operand: Expression;
}

/** N-ary: a chain `a and b and c` is one node; explicit parentheses keep their own node. */
export interface And extends Positioned {
  readonly kind: 'and';
  readonly operands: readonly Expression[];
}

export interface Or extends Positioned {
  readonly kind: 'or';
  readonly operands: readonly Expression[];
}

export type Expression = Comparison | InList | Member | Not | And | Or;
export type ExpressionKind = Expression['kind'];

export type FilterNode = Expression | Operand | Literal;
export type NodeKind = FilterNode['kind'];

/** One handler per kind; a missing kind is a compile error, which keeps every visitor exhaustive. */
export type Visitor<N extends FilterNode, R> = { readonly [K in N['kind']]: (node: Extract<N, { kind: K }>) => R };

export function visit<N extends FilterNode, R>(node: N, visitor: Visitor<N, R>): R {
  // The mapped type guarantees the handler for node.kind takes exactly this node.
  const handler = visitor[node.kind as N['kind']] as (node: N) => R;
  return handler(node);
}
