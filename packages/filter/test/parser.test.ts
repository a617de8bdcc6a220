import { describe, expect, it } from 'vitest';
import type { Comparison, Expression, InList, Member } from '../src/ast.js';
import { FilterSyntaxError } from '../src/filter-syntax-error.js';
import * as n from '../src/nodes.js';
import { parse, parseTagFilter } from '../src/parser.js';

/** The AST without source offsets, for comparing shapes. */
function shape(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'position' || key === 'operatorPosition' ? undefined : v)));
}

const a = n.comparison('eq', n.property(['a']), n.numberLiteral('1'));
const b = n.comparison('eq', n.property(['b']), n.numberLiteral('2'));
const c = n.comparison('eq', n.property(['c']), n.numberLiteral('3'));

function comparisonOf(text: string): Comparison {
  const ast = parse(text);
  expect(ast.kind).toBe('comparison');
  return ast as Comparison;
}

describe('parse: comparisons', () => {
  it.each(['eq', 'ne', 'gt', 'ge', 'lt', 'le'] as const)('parses %s', (op) => {
    expect(shape(parse(`quantity ${op} 5`))).toEqual(shape(n.comparison(op, n.property(['quantity']), n.numberLiteral('5'))));
  });

  it('reads operators and keywords in any case', () => {
    expect(shape(parse('a EQ 1 AND NOT b Eq 2 oR c eQ 3'))).toEqual(shape(n.or([n.and([a, n.not(b)]), c])));
    expect(comparisonOf('a eq TRUE').right).toMatchObject({ kind: 'boolean', value: true });
    expect(comparisonOf('a eq NULL').right).toMatchObject({ kind: 'null' });
  });

  it('splits nested property paths on /', () => {
    expect(comparisonOf("tags/name eq 'x'").left).toMatchObject({ kind: 'property', path: ['tags', 'name'] });
    expect(comparisonOf("a/in/eq eq 'x'").left).toMatchObject({ path: ['a', 'in', 'eq'] });
  });

  it('accepts any whitespace between tokens, or none around punctuation', () => {
    expect(shape(parse('\ta\teq\n1\r\nand(b eq 2)'))).toEqual(shape(n.and([a, b])));
  });
});

describe('parse: literals', () => {
  it.each([
    ["'London'", { kind: 'string', value: 'London' }],
    ["''", { kind: 'string', value: '' }],
    ["'it''s'", { kind: 'string', value: "it's" }],
    ["''''", { kind: 'string', value: "'" }],
    ["'a and b eq ( ) 1'", { kind: 'string', value: 'a and b eq ( ) 1' }],
    ["'日本 🎉'", { kind: 'string', value: '日本 🎉' }],
    ['42', { kind: 'number', text: '42' }],
    ['-100', { kind: 'number', text: '-100' }],
    ['1.5', { kind: 'number', text: '1.5' }],
    ['-0.25', { kind: 'number', text: '-0.25' }],
    ['0.10000000000000000001', { kind: 'number', text: '0.10000000000000000001' }],
    ['true', { kind: 'boolean', value: true }],
    ['false', { kind: 'boolean', value: false }],
    ['null', { kind: 'null' }],
    ['2024-01-18T19:53:51.480Z', { kind: 'timestamp', text: '2024-01-18T19:53:51.480Z' }],
    ['2024-01-18T19:53:51+02:00', { kind: 'timestamp', text: '2024-01-18T19:53:51+02:00' }],
    ['2024-02-29t00:00:00z', { kind: 'timestamp', text: '2024-02-29t00:00:00z' }],
    ["'2024-01-18T19:53:51.480Z'", { kind: 'string', value: '2024-01-18T19:53:51.480Z' }],
  ])('reads %s', (text, expected) => {
    expect(comparisonOf(`p eq ${text}`).right).toMatchObject(expected);
  });
});

describe('parse: in', () => {
  const expected = shape(n.inList(n.property(['key']), [n.stringLiteral('A'), n.stringLiteral('B')]));

  it.each([["key in ('A','B')"], ["key in ['A', 'B']"], ["key in 'A', 'B'"], ["key IN ( 'A' , 'B' )"]])(
    'reads %s as one list',
    (text) => expect(shape(parse(text))).toEqual(expected),
  );

  it('reads the vendor example with a bare list', () => {
    const ast = parse("subscriptionType in 'CENTRAL_STORAGE', 'CENTRAL_CONTROLLER'") as InList;
    expect(ast.values.map((v) => (v.kind === 'string' ? v.value : v.kind))).toEqual(['CENTRAL_STORAGE', 'CENTRAL_CONTROLLER']);
  });

  it('ends a bare list at the next logical operator', () => {
    const ast = parse("k in 'A', 'B' and q gt 1 or k in 'C'");
    expect(shape(ast)).toEqual(
      shape(
        n.or([
          n.and([
            n.inList(n.property(['k']), [n.stringLiteral('A'), n.stringLiteral('B')]),
            n.comparison('gt', n.property(['q']), n.numberLiteral('1')),
          ]),
          n.inList(n.property(['k']), [n.stringLiteral('C')]),
        ]),
      ),
    );
  });

  it('takes lists of one value and of any literal kind', () => {
    expect((parse('q in (1)') as InList).values).toHaveLength(1);
    expect((parse('q in (1, -2.5, null, true, 2024-01-01T00:00:00Z)') as InList).values.map((v) => v.kind)).toEqual([
      'number',
      'number',
      'null',
      'boolean',
      'timestamp',
    ]);
  });

  it("reads the reversed form 'lit' in arrayProp", () => {
    const ast = parse("'blue' in labels") as Member;
    expect(shape(ast)).toEqual(shape(n.member(n.stringLiteral('blue'), n.property(['labels']))));
    expect((parse('5 in sizes/all') as Member).collection.path).toEqual(['sizes', 'all']);
  });
});

describe('parse: logic and precedence', () => {
  it.each<[string, Expression]>([
    ['a eq 1 and b eq 2', n.and([a, b])],
    ['a eq 1 or b eq 2', n.or([a, b])],
    ['a eq 1 or b eq 2 and c eq 3', n.or([a, n.and([b, c])])],
    ['a eq 1 and b eq 2 or c eq 3', n.or([n.and([a, b]), c])],
    ['(a eq 1 or b eq 2) and c eq 3', n.and([n.or([a, b]), c])],
    ['not a eq 1', n.not(a)],
    ['not a eq 1 and b eq 2', n.and([n.not(a), b])],
    ['a eq 1 and not b eq 2', n.and([a, n.not(b)])],
    ['not (a eq 1 and b eq 2)', n.not(n.and([a, b]))],
    ['not not a eq 1', n.not(n.not(a))],
    ['a eq 1 and b eq 2 and c eq 3', n.and([a, b, c])],
    ['(a eq 1 and b eq 2) and c eq 3', n.and([n.and([a, b]), c])],
    ['a eq 1 or (b eq 2 or c eq 3)', n.or([a, n.or([b, c])])],
    ['((a eq 1))', a],
    ['(((a eq 1 or b eq 2)) and (not (c eq 3)))', n.and([n.or([a, b]), n.not(c)])],
  ])('%s', (text, expected) => {
    expect(shape(parse(text))).toEqual(shape(expected));
  });

  it("reads the vendor example '… and not productType eq …'", () => {
    const text = "startTime gt '2024-01-01T00:00:00Z' and endTime lt '2025-01-01T00:00:00Z' and not productType eq 'SERVICE'";
    const ast = parse(text);
    expect(ast.kind).toBe('and');
    expect(ast.kind === 'and' && ast.operands.map((o) => o.kind)).toEqual(['comparison', 'comparison', 'not']);
  });
});

describe('parse: positions', () => {
  it('records where every node starts', () => {
    const ast = parse("x eq 1 and (not y in ('a', 'b') or 'z' in t/u)");
    expect(ast).toMatchObject({
      kind: 'and',
      position: 0,
      operands: [
        { kind: 'comparison', position: 0, operatorPosition: 2, left: { position: 0 }, right: { position: 5 } },
        {
          kind: 'or',
          position: 12,
          operands: [
            { kind: 'not', position: 12, operand: { kind: 'in', position: 16, operatorPosition: 18, values: [{ position: 22 }, { position: 27 }] } },
            { kind: 'member', position: 35, operatorPosition: 39, value: { position: 35 }, collection: { position: 42 } },
          ],
        },
      ],
    });
  });

  it('returns frozen nodes', () => {
    const ast = parse("a in ('x') and b eq 1");
    expect(Object.isFrozen(ast)).toBe(true);
    expect(ast.kind === 'and' && Object.isFrozen(ast.operands)).toBe(true);
  });
});

describe('parseTagFilter', () => {
  const city = n.comparison('eq', n.tag('city'), n.stringLiteral('London'));

  it.each<[string, Expression]>([
    ["'city' eq 'London'", city],
    ["'city' NE 'London'", n.comparison('ne', n.tag('city'), n.stringLiteral('London'))],
    ["'city' eq 'London' and 'team' eq 'a'", n.and([city, n.comparison('eq', n.tag('team'), n.stringLiteral('a'))])],
    ["not ('city' eq 'London' or 'it''s' eq '')", n.not(n.or([city, n.comparison('eq', n.tag("it's"), n.stringLiteral(''))]))],
    ["'city' in ('London', 'Paris')", n.inList(n.tag('city'), [n.stringLiteral('London'), n.stringLiteral('Paris')])],
    ["'city' in 'London', 'Paris'", n.inList(n.tag('city'), [n.stringLiteral('London'), n.stringLiteral('Paris')])],
    ["'Key' in keys", n.member(n.stringLiteral('Key'), n.property(['keys']))],
  ])('%s', (text, expected) => {
    expect(shape(parseTagFilter(text))).toEqual(shape(expected));
  });

  it.each([
    ["city eq 'London'", 0, 'expected a quoted tag key'],
    ["'city' gt 'London'", 7, "operator 'gt' is not supported in a tag filter"],
    ["'city' eq 5", 10, 'expected a quoted tag value'],
    ["'city' in ('a', null)", 16, 'expected a quoted tag value'],
    ["'city' in null", 10, 'expected a quoted tag value'],
    ["'city'", 6, 'expected an operator (eq, ne or in)'],
  ])('rejects %s at %i', (text, position, reason) => {
    expect(() => parseTagFilter(text)).toThrow(expect.objectContaining({ position, reason: expect.stringContaining(reason) }));
  });
});

describe('parse: errors', () => {
  it.each([
    ['', 0, 'the filter is empty'],
    ['   ', 0, 'the filter is empty'],
    ['a', 1, 'expected an operator (eq, ne, gt, ge, lt, le or in) after \'a\', found the end of the filter'],
    ['a eq', 4, "expected a literal after 'eq', found the end of the filter"],
    ['a eq )', 5, "expected a literal after 'eq', found ')'"],
    ['a eq b', 5, "expected a literal after 'eq', found 'b'"],
    ["a eq 'London", 5, 'unterminated string'],
    ["a eq 'it''s", 5, 'unterminated string'],
    ['a like 1', 2, "unknown operator 'like'"],
    ['a = 1', 2, "unknown operator '='"],
    ['a != 1', 2, "unknown operator '!='"],
    ['a eq 1 b eq 2', 7, "expected 'and', 'or' or the end of the filter, found 'b'"],
    ['a eq 1)', 6, "found ')' with no matching '('"],
    ['(a eq 1', 7, "expected ')' to close the '(' at position 0, found the end of the filter"],
    ['a in ()', 5, "empty list after 'in'"],
    ['a in []', 5, "empty list after 'in'"],
    ['a in', 4, "expected a literal after 'in'"],
    ["a in ('x',)", 10, "expected a literal after ','"],
    ["a in ('x']", 9, "expected ',' or ')' in the list opened at position 5, found ']'"],
    ["a in 'x',", 9, "expected a literal after ','"],
    ["'x' eq a", 4, "expected 'in' after a literal"],
    ["'x' in ('a')", 7, "expected an array property after 'in'"],
    ['and eq 1', 0, "expected a property name, '(' or 'not', found 'and'"],
    ['a eq 1 and', 10, "expected a property name, '(' or 'not', found the end of the filter"],
    ['a eq 1 or or b eq 2', 10, "found 'or'"],
    ['not', 3, 'found the end of the filter'],
    ['()', 1, "found ')'"],
    ['a/ eq 1', 3, "expected a property name right after '/'"],
    ['a/1 eq 1', 2, "expected a property name right after '/'"],
    ['a /b eq 1', 2, "found '/'"],
    ['a eq "x"', 5, 'unexpected character \'"\''],
    ['a eq 1 & b eq 2', 7, "unexpected character '&'"],
    ['a eq \u00a0', 5, 'unexpected character U+00A0'],
    ['a eq 1.', 5, 'malformed number'],
    ['a eq 12abc', 5, 'malformed number'],
    ['a eq 2024-01-18', 5, "incomplete timestamp '2024-01-18'"],
    ['a eq 2024-01-18T10:00Z', 5, 'incomplete timestamp'],
    ['a eq 2024-01-18T19:53:51 02:00', 5, "the '+' of a timestamp offset arrived as a space"],
    ['a eq 2024-02-30T00:00:00Z', 5, "invalid timestamp '2024-02-30T00:00:00Z'"],
    ['a eq 2024-01-01T24:00:00Z', 5, 'invalid timestamp'],
    ['a eq 2024-01-01T00:00:00Zx', 5, 'malformed timestamp'],
  ])('%j fails at %i', (text, position, reason) => {
    let error: unknown;
    try {
      parse(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FilterSyntaxError);
    const { reason: actual, hint } = error as FilterSyntaxError;
    expect(error).toMatchObject({ position, message: `${actual} at position ${position}${hint ? `; ${hint}` : ''}` });
    expect((error as FilterSyntaxError).reason).toContain(reason);
  });

  it('refuses input longer than the limit', () => {
    const text = `a eq '${'x'.repeat(5000)}'`;
    expect(() => parse(text)).toThrow(expect.objectContaining({ position: 4096, message: expect.stringContaining('longer than 4096') }));
  });

  it('refuses nesting deeper than 64, for parentheses and for not', () => {
    expect(parse(`${'('.repeat(64)}a eq 1${')'.repeat(64)}`).kind).toBe('comparison');
    expect(() => parse(`${'('.repeat(65)}a eq 1${')'.repeat(65)}`)).toThrow(expect.objectContaining({ position: 64 }));
    expect(() => parse(`${'not '.repeat(65)}a eq 1`)).toThrow(expect.objectContaining({ reason: 'nesting deeper than 64 levels' }));
    expect(() => parse('('.repeat(4000))).toThrow(FilterSyntaxError);
  });

  it('refuses a value that is not a string', () => {
    expect(() => parse(undefined as unknown as string)).toThrow(FilterSyntaxError);
  });
});
