import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Expression, Literal, Property } from '../src/ast.js';
import { comparisonOperators } from '../src/ast.js';
import { FilterSyntaxError } from '../src/filter-syntax-error.js';
import { format, formatLiteral } from '../src/format.js';
import * as n from '../src/nodes.js';
import { parse, parseTagFilter } from '../src/parser.js';

function shape(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'position' || key === 'operatorPosition' ? undefined : v)));
}

/** Either an AST or a FilterSyntaxError pointing inside the text (or just past its end). */
function assertTotal(parser: (text: string) => Expression, text: string): void {
  try {
    expect(typeof parser(text).kind).toBe('string');
  } catch (error) {
    if (!(error instanceof FilterSyntaxError)) throw error;
    expect(Number.isInteger(error.position)).toBe(true);
    expect(error.position).toBeGreaterThanOrEqual(0);
    expect(error.position).toBeLessThanOrEqual(Math.min(text.length, 4096));
    expect(error.message).toBe(`${error.reason} at position ${error.position}${error.hint ? `; ${error.hint}` : ''}`);
  }
}

const tokens = [
  'a', 'quantity', 'tags/name', 'x/', '/', 'eq', 'NE', 'gt', 'ge', 'lt', 'le', 'in', 'IN', 'and', 'or', 'not', 'Not',
  '(', ')', '[', ']', ',', "'s'", "'it''s'", "'", "''", "'unterminated", '1', '-1', '1.5', '-0.25', '1.', '-', 'true', 'FALSE',
  'null', '2024-01-18T19:53:51.480Z', '2024-01-18T19:53:51+02:00', '2024-13-01T00:00:00Z', '2024-01-18', '=', '!=', '"x"',
  '\u0000', '\u{1f389}', '\ud800', 'keys',
];
const tokenSoup = fc
  .tuple(fc.array(fc.constantFrom(...tokens), { maxLength: 30 }), fc.constantFrom(' ', '', '  ', '\t'))
  .map(([parts, gap]) => parts.join(gap));

describe('parse is total', () => {
  const inputs = {
    'fc.string': fc.string({ maxLength: 80 }),
    'binary (full unicode, lone surrogates)': fc.string({ unit: 'binary', maxLength: 80 }),
    'graphemes': fc.string({ unit: 'grapheme', maxLength: 40 }),
    'grammar tokens': tokenSoup,
  };
  for (const [name, arbitrary] of Object.entries(inputs)) {
    it(`returns an AST or throws FilterSyntaxError for ${name}`, () => {
      fc.assert(
        fc.property(arbitrary, (text) => {
          assertTotal(parse, text);
          assertTotal(parseTagFilter, text);
        }),
        { numRuns: 1500 },
      );
    });
  }

  it('stays total on long and deep inputs', () => {
    const deep = fc.tuple(fc.nat({ max: 200 }), fc.constantFrom('(', 'not ', '((not ', '[')).map(([k, s]) => `${s.repeat(k)}a eq 1`);
    fc.assert(fc.property(fc.oneof(deep, fc.string({ minLength: 4000, maxLength: 4200 })), (text) => assertTotal(parse, text)), {
      numRuns: 200,
    });
  });
});

const reserved = new Set(['and', 'or', 'not', 'in', 'true', 'false', 'null', ...comparisonOperators]);
const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/);
const path = fc
  .tuple(identifier.filter((w) => !reserved.has(w.toLowerCase())), fc.array(identifier, { maxLength: 2 }))
  .map(([first, rest]) => n.property([first, ...rest]));
const two = (i: number) => String(i).padStart(2, '0');
const timestamp = fc
  .record({
    y: fc.integer({ min: 1, max: 9999 }),
    mo: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 59 }),
    frac: fc.option(fc.stringMatching(/^\d{1,9}$/), { nil: undefined }),
    zone: fc.constantFrom('Z', 'z', '+02:00', '-11:30', '+00:00'),
  })
  .map(({ y, mo, d, h, mi, s, frac, zone }) => {
    const text = `${String(y).padStart(4, '0')}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}${frac ? `.${frac}` : ''}${zone}`;
    return n.timestampLiteral(text);
  });
const stringLiteral = fc.string({ maxLength: 12 }).map((s) => n.stringLiteral(s));
const literal: fc.Arbitrary<Literal> = fc.oneof(
  stringLiteral,
  fc.stringMatching(/^-?\d{1,8}(\.\d{1,6})?$/).map((t) => n.numberLiteral(t)),
  fc.boolean().map((b) => n.booleanLiteral(b)),
  fc.constant(n.nullLiteral()),
  timestamp,
);
const operator = fc.constantFrom(...comparisonOperators);

function expressions(leaf: fc.Arbitrary<Expression>): fc.Arbitrary<Expression> {
  const { expr } = fc.letrec<{ expr: Expression }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', maxDepth: 5 },
      leaf,
      tie('expr').map((e) => n.not(e)),
      fc.array(tie('expr'), { minLength: 2, maxLength: 3 }).map((es) => n.and(es)),
      fc.array(tie('expr'), { minLength: 2, maxLength: 3 }).map((es) => n.or(es)),
    ),
  }));
  return expr;
}

const filterLeaf: fc.Arbitrary<Expression> = fc.oneof(
  fc.tuple(operator, path, literal).map(([op, p, l]) => n.comparison(op, p, l)),
  fc.tuple(path, fc.array(literal, { minLength: 1, maxLength: 4 })).map(([p, ls]) => n.inList(p, ls)),
  fc.tuple(literal, path).map(([l, p]) => n.member(l, p)),
);
const tagKey = fc.string({ maxLength: 10 }).map((s) => n.tag(s));
const tagLeaf: fc.Arbitrary<Expression> = fc.oneof(
  fc.tuple(fc.constantFrom('eq' as const, 'ne' as const), tagKey, stringLiteral).map(([op, t, l]) => n.comparison(op, t, l)),
  fc.tuple(tagKey, fc.array(stringLiteral, { minLength: 1, maxLength: 3 })).map(([t, ls]) => n.inList(t, ls)),
  stringLiteral.map((l) => n.member(l, n.property(['keys']))),
);

/** Checks that each literal and property position points at that node's text. */
function checkPositions(text: string, e: Expression): void {
  const at = (position: number, expected: string) => expect(text.slice(position, position + expected.length)).toBe(expected);
  const prop = (p: Property) => at(p.position, p.path.join('/'));
  switch (e.kind) {
    case 'comparison':
      at(e.right.position, formatLiteral(e.right));
      if (e.left.kind === 'property') prop(e.left);
      return at(e.operatorPosition, e.operator);
    case 'in':
      return e.values.forEach((v) => at(v.position, formatLiteral(v)));
    case 'member':
      return prop(e.collection);
    case 'not':
      at(e.position, 'not');
      return checkPositions(text, e.operand);
    default:
      e.operands.forEach((o) => checkPositions(text, o));
  }
}

describe('format round-trips', () => {
  it.each([
    ['filter', parse, expressions(filterLeaf)],
    ['filter-tags', parseTagFilter, expressions(tagLeaf)],
  ] as const)('parse(format(ast)) equals ast for generated %s ASTs', (_name, parser, arbitrary) => {
    fc.assert(
      fc.property(arbitrary, (ast) => {
        const text = format(ast);
        const reparsed = parser(text);
        expect(shape(reparsed)).toEqual(shape(ast));
        expect(format(reparsed)).toBe(text);
        checkPositions(text, reparsed);
      }),
      { numRuns: 1000 },
    );
  });
});
