/** Recursive-descent parser for `filter` and `filter-tags` text; throws only FilterSyntaxError. */
import { type ComparisonOperator, type Expression, type Literal, type Operand, type Property, comparisonOperators } from './ast.js';
import { FilterSyntaxError } from './filter-syntax-error.js';
import { type Token, type TokenKind, tokenize } from './lexer.js';
import * as node from './nodes.js';

/** Longer input is refused before lexing, which bounds the work any one request can cause. */
export const MAX_FILTER_LENGTH = 4096;
/** Parentheses and `not` nest at most this deep, so no input can exhaust the stack. */
export const MAX_NESTING = 64;

type Mode = 'filter' | 'tags';

const reserved = new Set(['and', 'or', 'not', 'in', 'true', 'false', 'null', ...comparisonOperators]);
const closing: Partial<Record<TokenKind, TokenKind>> = { '(': ')', '[': ']' };

function keyword(token: Token): string | undefined {
  return token.kind === 'word' ? token.text.toLowerCase() : undefined;
}

function clip(text: string): string {
  return text.length > 24 ? `${text.slice(0, 21)}...` : text;
}

/** How a token is named in a message. */
function describe(token: Token): string {
  if (token.kind === 'end') return 'the end of the filter';
  if (token.kind === 'string') return `the string ${clip(token.text)}`;
  return `'${clip(token.text)}'`;
}

class Parser {
  #index = 0;
  #depth = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly mode: Mode,
  ) {}

  parseFilter(): Expression {
    if (this.#peek().kind === 'end') throw new FilterSyntaxError('the filter is empty', 0);
    const expression = this.#parseOr();
    const rest = this.#peek();
    if (rest.kind === ')') throw new FilterSyntaxError("found ')' with no matching '('", rest.position);
    if (rest.kind !== 'end') {
      throw new FilterSyntaxError(`expected 'and', 'or' or the end of the filter, found ${describe(rest)}`, rest.position);
    }
    return expression;
  }

  #peek(): Token {
    // tokenize() always ends with an 'end' token and #next() never moves past it.
    return this.tokens[this.#index] as Token;
  }

  #next(): Token {
    const token = this.#peek();
    if (token.kind !== 'end') this.#index += 1;
    return token;
  }

  #nest(at: Token): void {
    this.#depth += 1;
    if (this.#depth > MAX_NESTING) throw new FilterSyntaxError(`nesting deeper than ${MAX_NESTING} levels`, at.position);
  }

  #parseOr(): Expression {
    const start = this.#peek().position;
    const operands = [this.#parseAnd()];
    while (keyword(this.#peek()) === 'or') {
      this.#next();
      operands.push(this.#parseAnd());
    }
    return operands.length === 1 ? (operands[0] as Expression) : node.or(operands, start);
  }

  #parseAnd(): Expression {
    const start = this.#peek().position;
    const operands = [this.#parseUnary()];
    while (keyword(this.#peek()) === 'and') {
      this.#next();
      operands.push(this.#parseUnary());
    }
    return operands.length === 1 ? (operands[0] as Expression) : node.and(operands, start);
  }

  #parseUnary(): Expression {
    const token = this.#peek();
    if (keyword(token) === 'not') {
      this.#next();
      this.#nest(token);
      const operand = this.#parseUnary();
      this.#depth -= 1;
      return node.not(operand, token.position);
    }
    if (token.kind === '(') {
      this.#next();
      this.#nest(token);
      const inner = this.#parseOr();
      const close = this.#next();
      if (close.kind !== ')') {
        throw new FilterSyntaxError(
          `expected ')' to close the '(' at position ${token.position}, found ${describe(close)}`,
          close.position,
        );
      }
      this.#depth -= 1;
      return inner;
    }
    return this.mode === 'tags' ? this.#parseTagPredicate() : this.#parsePredicate();
  }

  #parsePredicate(): Expression {
    const token = this.#peek();
    if (token.kind === 'word' && !reserved.has(keyword(token) ?? '')) return this.#parseOperation(this.#parsePath());
    const literal = this.#tryLiteral();
    if (!literal) {
      throw new FilterSyntaxError(`expected a property name, '(' or 'not', found ${describe(token)}`, token.position);
    }
    const op = this.#next();
    if (keyword(op) !== 'in') {
      throw new FilterSyntaxError(
        `expected 'in' after a literal, found ${describe(op)}`,
        op.position,
        "a literal comes first only in 'value in arrayProperty'",
      );
    }
    return node.member(literal, this.#parseCollection(), op.position);
  }

  #parseTagPredicate(): Expression {
    const token = this.#next();
    if (token.kind !== 'string') {
      throw new FilterSyntaxError(`expected a quoted tag key, '(' or 'not', found ${describe(token)}`, token.position);
    }
    const next = this.#peek();
    const after = this.tokens[this.#index + 1];
    if (keyword(next) === 'in' && after?.kind === 'word' && !reserved.has(keyword(after) ?? '')) {
      this.#next();
      return node.member(node.stringLiteral(token.value, token.position), this.#parseCollection(), next.position);
    }
    return this.#parseOperation(node.tag(token.value, token.position));
  }

  #parsePath(): Property {
    const first = this.#next();
    const path = [first.text];
    let end = first.position + first.text.length;
    // A path is one unbroken word: `a / b` is not `a/b`.
    while (this.#peek().kind === '/' && this.#peek().position === end) {
      this.#next();
      const segment = this.#next();
      if (segment.kind !== 'word' || segment.position !== end + 1) {
        throw new FilterSyntaxError(`expected a property name right after '/', found ${describe(segment)}`, segment.position);
      }
      path.push(segment.text);
      end = segment.position + segment.text.length;
    }
    return node.property(path, first.position);
  }

  #parseCollection(): Property {
    const token = this.#peek();
    if (token.kind !== 'word' || reserved.has(keyword(token) ?? '')) {
      throw new FilterSyntaxError(`expected an array property after 'in', found ${describe(token)}`, token.position);
    }
    return this.#parsePath();
  }

  #parseOperation(left: Operand): Expression {
    const op = this.#next();
    const name = keyword(op);
    const shown = left.kind === 'tag' ? `'${clip(left.key)}'` : `'${clip(left.path.join('/'))}'`;
    if (name === 'in') return node.inList(left, this.#parseList(op), op.position);
    if (name !== undefined && (comparisonOperators as readonly string[]).includes(name)) {
      const operator = name as ComparisonOperator;
      if (this.mode === 'tags' && operator !== 'eq' && operator !== 'ne') {
        throw new FilterSyntaxError(`operator '${op.text}' is not supported in a tag filter`, op.position, 'use eq, ne or in');
      }
      return node.comparison(operator, left, this.#parseLiteral(op), op.position);
    }
    const usage = this.mode === 'tags' ? 'eq, ne or in' : 'eq, ne, gt, ge, lt, le or in';
    if (op.kind === 'word' || op.kind === 'symbol') {
      throw new FilterSyntaxError(`unknown operator '${clip(op.text)}'`, op.position, `use ${usage}`);
    }
    throw new FilterSyntaxError(`expected an operator (${usage}) after ${shown}, found ${describe(op)}`, op.position);
  }

  #parseList(op: Token): Literal[] {
    const open = this.#peek();
    const close = closing[open.kind];
    if (close === undefined) return this.#parseItems(op);
    this.#next();
    if (this.#peek().kind === close) throw new FilterSyntaxError("empty list after 'in'", open.position);
    const values = this.#parseItems(open);
    const end = this.#next();
    if (end.kind !== close) {
      throw new FilterSyntaxError(
        `expected ',' or '${close}' in the list opened at position ${open.position}, found ${describe(end)}`,
        end.position,
      );
    }
    return values;
  }

  #parseItems(after: Token): Literal[] {
    const values = [this.#parseLiteral(after)];
    while (this.#peek().kind === ',') values.push(this.#parseLiteral(this.#next()));
    return values;
  }

  #parseLiteral(after: Token): Literal {
    const token = this.#peek();
    const literal = this.#tryLiteral();
    if (this.mode === 'tags' && literal?.kind !== 'string') {
      throw new FilterSyntaxError(`expected a quoted tag value after '${after.text}', found ${describe(token)}`, token.position);
    }
    if (!literal) throw new FilterSyntaxError(`expected a literal after '${after.text}', found ${describe(token)}`, token.position);
    return literal;
  }

  #tryLiteral(): Literal | undefined {
    const token = this.#peek();
    const word = keyword(token);
    let literal: Literal | undefined;
    if (token.kind === 'string') literal = node.stringLiteral(token.value, token.position);
    else if (token.kind === 'number') literal = node.numberLiteral(token.text, token.position);
    else if (token.kind === 'timestamp') literal = node.timestampLiteral(token.text, token.position);
    else if (word === 'true' || word === 'false') literal = node.booleanLiteral(word === 'true', token.position);
    else if (word === 'null') literal = node.nullLiteral(token.position);
    if (literal) this.#next();
    return literal;
  }
}

function run(text: string, mode: Mode): Expression {
  if (typeof text !== 'string') throw new FilterSyntaxError('the filter must be a string', 0);
  if (text.length > MAX_FILTER_LENGTH) {
    throw new FilterSyntaxError(`the filter is longer than ${MAX_FILTER_LENGTH} characters`, MAX_FILTER_LENGTH);
  }
  return new Parser(tokenize(text), mode).parseFilter();
}

/** Parses a `filter` parameter: comparisons with a property on the left. */
export function parse(text: string): Expression {
  return run(text, 'filter');
}

/** Parses a `filter-tags` parameter: a quoted tag key on the left (`'city' eq 'London'`), or `'key' in keys`. */
export function parseTagFilter(text: string): Expression {
  return run(text, 'tags');
}
