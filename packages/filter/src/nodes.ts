/** Factories for AST nodes; every node and list they return is frozen. */
import type {
  And,
  BooleanLiteral,
  Comparison,
  ComparisonOperator,
  Expression,
  InList,
  Literal,
  Member,
  Not,
  NullLiteral,
  NumberLiteral,
  Operand,
  Or,
  Property,
  StringLiteral,
  Tag,
  TimestampLiteral,
} from './ast.js';

const frozenList = <T>(items: readonly T[]): readonly T[] => Object.freeze([...items]);

export const stringLiteral = (value: string, position = 0): StringLiteral =>
  Object.freeze({ kind: 'string', value, position });

export const numberLiteral = (text: string, position = 0): NumberLiteral =>
  Object.freeze({ kind: 'number', text, position });

export const booleanLiteral = (value: boolean, position = 0): BooleanLiteral =>
  Object.freeze({ kind: 'boolean', value, position });

export const nullLiteral = (position = 0): NullLiteral => Object.freeze({ kind: 'null', position });

export const timestampLiteral = (text: string, position = 0): TimestampLiteral =>
  Object.freeze({ kind: 'timestamp', text, position });

export const property = (path: readonly string[], position = 0): Property =>
  Object.freeze({ kind: 'property', path: frozenList(path), position });

export const tag = (key: string, position = 0): Tag => Object.freeze({ kind: 'tag', key, position });

export const comparison = (
  operator: ComparisonOperator,
  left: Operand,
  right: Literal,
  operatorPosition = 0,
): Comparison => Object.freeze({ kind: 'comparison', operator, left, right, operatorPosition, position: left.position });

export const inList = (left: Operand, values: readonly Literal[], operatorPosition = 0): InList =>
  Object.freeze({ kind: 'in', left, values: frozenList(values), operatorPosition, position: left.position });

export const member = (value: Literal, collection: Property, operatorPosition = 0): Member =>
  Object.freeze({ kind: 'member', value, collection, operatorPosition, position: value.position });

export const not = (operand: Expression, position = 0): Not => Object.freeze({ kind: 'not', operand, position });

export const and = (operands: readonly Expression[], position = operands[0]?.position ?? 0): And =>
  Object.freeze({ kind: 'and', operands: frozenList(operands), position });

export const or = (operands: readonly Expression[], position = operands[0]?.position ?? 0): Or =>
  Object.freeze({ kind: 'or', operands: frozenList(operands), position });
