import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/platform/errors/index.js';
import { compileFilter, compileTagFilter, type FieldMap } from '../../../src/platform/filter-sql/index.js';

const fields: FieldMap = {
  id: { column: 'id', type: 'uuid' },
  key: { column: 'key', type: 'string' },
  quantity: { column: 'quantity', type: 'integer', nullable: true },
  price: { column: 'price', type: 'decimal' },
  isEval: { column: 'is_eval', type: 'boolean' },
  isFlexPartner: { column: 'is_flex_partner', type: 'boolean', nullable: true },
  createdAt: { column: 'created_at', type: 'timestamp' },
  labels: { column: 'labels', type: 'string', array: true },
};

function caught(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

function issueOf(error: ApiError) {
  expect(error.status).toBe(400);
  expect(error.errorCode).toBe('HPE_GL_ERROR_BAD_REQUEST');
  const [detail] = error.details;
  expect(detail?.type).toBe('hpe.greenlake.bad_request');
  const issues = detail?.type === 'hpe.greenlake.bad_request' ? detail.issues : [];
  expect(issues).toHaveLength(1);
  expect(issues[0]?.source).toBe('query.parameter');
  return issues[0] as { subject: string; description: string };
}

describe('compileFilter rejects with a 400 naming the position', () => {
  it.each([
    ["nope eq 'x'", 'unknown field \'nope\' at position 0; filterable fields: id, key, quantity'],
    ["constructor eq 'x'", "unknown field 'constructor' at position 0"],
    ["__proto__ eq 'x'", "unknown field '__proto__' at position 0"],
    ["key eq 'a' and isFlexPartner eq 'yes'", "field 'isFlexPartner' takes true or false, not the string 'yes' at position 32"],
    ["quantity gt 'abc'", "field 'quantity' takes an integer, not the string 'abc' at position 12"],
    ['quantity eq 1.5', "field 'quantity' takes an integer, not the number 1.5 at position 12"],
    ['quantity eq 99999999999999999999', '99999999999999999999 is out of the integer range at position 12'],
    ['price eq true', "field 'price' takes a number, not true at position 9"],
    ['key eq 5', "field 'key' takes a quoted string, not the number 5 at position 7"],
    ['key eq 2024-01-01T00:00:00Z', "field 'key' takes a quoted string, not the timestamp 2024-01-01T00:00:00Z at position 7"],
    ['isEval gt true', "operator 'gt' does not apply to the boolean field 'isEval' at position 7; use eq or ne"],
    ["key lt 'm'", "operator 'lt' does not apply to the string field 'key' at position 4"],
    ["id eq 'not-a-uuid'", "field 'id' takes a quoted UUID, not the string 'not-a-uuid' at position 6"],
    ["createdAt ge 'yesterday'", "field 'createdAt' takes an RFC 3339 timestamp, not the string 'yesterday' at position 13"],
    ["createdAt ge '2024-02-30T00:00:00Z'", "takes an RFC 3339 timestamp, not the string '2024-02-30T00:00:00Z' at position 13"],
    ["createdAt eq '2024-01-01T00:00:00 02:00'", "at position 13; the '+' of the offset arrived as a space; URL-encode '+' as %2B"],
    ['createdAt eq 5', "field 'createdAt' takes an RFC 3339 timestamp, not the number 5 at position 13"],
    ["'x' in key", "field 'key' is not an array at position 7"],
    ["labels eq 'x'", "field 'labels' is an array at position 0; write 'value in labels'"],
    ["labels in ('x')", "field 'labels' is an array at position 0"],
    ['null in labels', "null cannot be used with 'in' at position 0; use eq null or ne null"],
    ['quantity gt null', "null cannot be used with 'gt' at position 12"],
    ["quantity in (1, 'two')", "field 'quantity' takes an integer, not the string 'two' at position 16"],
    ["key eq 'a' and", "expected a property name, '(' or 'not', found the end of the filter at position 14"],
    ["key eq 'a", 'unterminated string at position 7'],
    ['', 'the filter is empty at position 0'],
  ])('%j', (text, description) => {
    const issue = issueOf(caught(() => compileFilter(text, fields)));
    expect(issue.subject).toBe('filter');
    expect(issue.description).toContain(description);
    expect(issue.description).toMatch(/at position \d+/);
  });

  it('names the parameter it was given', () => {
    expect(issueOf(caught(() => compileFilter('nope eq 1', fields, 'filter-by'))).subject).toBe('filter-by');
    expect(issueOf(caught(() => compileFilter('(', fields, 'where'))).subject).toBe('where');
  });
});

describe('compileTagFilter rejects with a 400 naming the position', () => {
  it.each([
    ["'city' gt 'x'", "operator 'gt' is not supported in a tag filter at position 7; use eq, ne or in"],
    ["'city' in labels", "expected 'keys' after 'in', found 'labels' at position 10"],
    ["city eq 'x'", "expected a quoted tag key, '(' or 'not', found 'city' at position 0"],
    ["'city' eq 1", "expected a quoted tag value after 'eq', found '1' at position 10"],
  ])('%j', (text, description) => {
    const issue = issueOf(caught(() => compileTagFilter(text, 'tags')));
    expect(issue.subject).toBe('filter-tags');
    expect(issue.description).toBe(description);
  });
});

describe('the compilers are total', () => {
  const words = [
    'id', 'key', 'quantity', 'price', 'isEval', 'isFlexPartner', 'createdAt', 'labels', 'nope', 'keys', 'eq', 'ne', 'gt', 'in',
    'and', 'or', 'not', '(', ')', '[', ']', ',', "'x'", "'city'", "'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d'", "'2024-01-01T00:00:00Z'",
    '1', '-2.5', '99999999999999999999', 'true', 'null', '2024-01-18T19:53:51Z', "'10'", "'true'",
  ];
  const text = fc.oneof(
    fc.array(fc.constantFrom(...words), { maxLength: 12 }).map((ws) => ws.join(' ')),
    fc.string({ unit: 'binary', maxLength: 60 }),
  );

  it('return a predicate or throw ApiError 400, for any text', () => {
    fc.assert(
      fc.property(text, (t) => {
        for (const run of [() => compileFilter(t, fields), () => compileTagFilter(t, 'tags')]) {
          try {
            run();
          } catch (error) {
            expect(error).toBeInstanceOf(ApiError);
            expect(issueOf(error as ApiError).description).toMatch(/at position \d+/);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
