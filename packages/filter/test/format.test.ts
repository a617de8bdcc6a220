import { describe, expect, it } from 'vitest';
import { format, formatLiteral } from '../src/format.js';
import * as n from '../src/nodes.js';
import { parse, parseTagFilter } from '../src/parser.js';

function shape(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'position' || key === 'operatorPosition' ? undefined : v)));
}

describe('format', () => {
  it.each([
    ["subscriptionType in 'CENTRAL_STORAGE', 'CENTRAL_CONTROLLER'", "subscriptionType in ('CENTRAL_STORAGE', 'CENTRAL_CONTROLLER')"],
    ["key in ['A','B']", "key in ('A', 'B')"],
    ['A EQ 1 AND (B eq 2 OR c Eq 3)', 'A eq 1 and (B eq 2 or c eq 3)'],
    ['((a eq 1))', 'a eq 1'],
    ['(a eq 1 and b eq 2) and c eq 3', '(a eq 1 and b eq 2) and c eq 3'],
    ['a eq 1 or (b eq 2 or c eq 3)', 'a eq 1 or (b eq 2 or c eq 3)'],
    ['(a eq 1 and b eq 2) or c eq 3', 'a eq 1 and b eq 2 or c eq 3'],
    ['not (a eq 1 and b eq 2)', 'not (a eq 1 and b eq 2)'],
    ['not (a eq 1)', 'not a eq 1'],
    ['NOT NOT a eq 1', 'not not a eq 1'],
    ["'it''s' in tags/names", "'it''s' in tags/names"],
    ['x ge 2024-01-18T19:53:51+02:00 and y lt -0.25 and z ne NULL and w eq FALSE', 'x ge 2024-01-18T19:53:51+02:00 and y lt -0.25 and z ne null and w eq false'],
  ])('%s → %s', (text, canonical) => {
    expect(format(parse(text))).toBe(canonical);
    expect(shape(parse(canonical))).toEqual(shape(parse(text)));
  });

  it('formats tag filters with quoted keys', () => {
    const text = "'City' EQ 'London' and not ('team' in 'a','b' or 'Owner' in keys)";
    expect(format(parseTagFilter(text))).toBe("'City' eq 'London' and not ('team' in ('a', 'b') or 'Owner' in keys)");
  });

  it('escapes quotes in strings and tag keys', () => {
    expect(formatLiteral(n.stringLiteral("O'Brien ''"))).toBe("'O''Brien '''''");
    expect(format(n.comparison('ne', n.tag("a'b"), n.stringLiteral("'")))).toBe("'a''b' ne ''''");
  });

  it('keeps number and timestamp text exactly', () => {
    expect(formatLiteral(n.numberLiteral('0012.50'))).toBe('0012.50');
    expect(formatLiteral(n.timestampLiteral('2024-01-18t19:53:51.123456789z'))).toBe('2024-01-18t19:53:51.123456789z');
  });

  it('parenthesises built ASTs so that they parse back unchanged', () => {
    const a = n.comparison('eq', n.property(['a']), n.numberLiteral('1'));
    const ast = n.and([n.or([a, n.and([a, a])]), n.not(n.or([a, a])), n.and([a, a])]);
    expect(format(ast)).toBe('(a eq 1 or a eq 1 and a eq 1) and not (a eq 1 or a eq 1) and (a eq 1 and a eq 1)');
    expect(shape(parse(format(ast)))).toEqual(shape(ast));
  });
});
