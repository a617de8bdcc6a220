/** Each check function the engine implements, on rows of cells: what passes, what fails, and how nulls are read. */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/conformance/cells.js';
import {
  type ModelRow,
  DATASET_CHECKS,
  HEADER_CHECKS,
  IMPLEMENTED_CHECK_FUNCTIONS,
  ROW_CHECKS,
  simpleJsonPath,
  unsupportedCheck,
} from '../../src/requirements-model/check-functions.js';
import type { CheckNode } from '../../src/requirements-model/model-shape.js';

const rowOf = (cells: Record<string, Cell>): ModelRow => ({ cell: (c) => (c in cells ? cells[c]! : undefined) });
const run = (node: CheckNode, cells: Record<string, Cell>) => ROW_CHECKS[node.CheckFunction!]!(node, rowOf(cells));
const on = (fn: string, args: Record<string, unknown> = {}): CheckNode => ({ CheckFunction: fn, ColumnName: 'X', ...args });

describe('functions of one row', () => {
  it.each([
    ['TypeDecimal', ['12', '-1.5', '35.2E-7', null], ['1,000', '12 USD', '+1']],
    ['FormatNumeric', ['0', '0.000', '-0.5e-3', null], ['1e+5', 'abc', '']],
    ['CheckDecimalValue', ['3.14', null], ['3,14']],
    ['TypeDateTime', ['2026-12-01T00:00:00Z', null], ['2026-12-01 00:00:00', '2026-12-01']],
    ['FormatDateTime', ['2024-02-29T23:59:59Z', null], ['2023-02-29T00:00:00Z', '2026-12-01T00:00:00.000Z', '2026-12-01T00:00:00+01:00']],
    ['FormatString', ['a', ' padded ', null], ['']],
    ['FormatCurrency', ['USD', 'XAU', null], ['usd', 'US$', 'EURO']],
    ['CheckNationalCurrency', ['USD', 'EUR', 'JPY', null], ['ABC', 'usd']],
    ['FormatKeyValue', ['{"a":"1","b":true,"c":null}', '{}', null], ['{"a":{"nested":1}}', '[1]', '{"a":1,"a":2}', 'not json']],
    ['FormatJSON', ['{"Elements":[{"ContractId":"C"}]}', null], ['[1]', '"text"', '{broken']],
  ])('%s', (fn, good, bad) => {
    for (const v of good) expect(run(on(fn), { X: v }), `${fn}(${String(v)})`).toBe(true);
    for (const v of bad) expect(run(on(fn), { X: v }), `${fn}(${String(v)})`).toBe(false);
  });

  it('TypeString accepts any text (cells carry no physical type)', () => {
    expect(run(on('TypeString'), { X: '12' })).toBe(true);
    expect(run(on('TypeString'), { X: null })).toBe(true);
  });

  it('CheckValue and CheckNotValue: a null Value is a null check, numbers compare as decimals, text exactly', () => {
    expect(run(on('CheckValue', { Value: null }), { X: null })).toBe(true);
    expect(run(on('CheckValue', { Value: null }), { X: 'a' })).toBe(false);
    expect(run(on('CheckValue', { Value: null }), {})).toBe(true); // an absent column has no value
    expect(run(on('CheckNotValue', { Value: null }), { X: null })).toBe(false);
    expect(run(on('CheckNotValue', { Value: null }), { X: '0' })).toBe(true);
    expect(run(on('CheckValue', { Value: 'Usage' }), { X: 'Usage' })).toBe(true);
    expect(run(on('CheckValue', { Value: 'Usage' }), { X: 'usage' })).toBe(false);
    expect(run(on('CheckValue', { Value: 0 }), { X: '0.000' })).toBe(true);
    expect(run(on('CheckNotValue', { Value: 0 }), { X: '0E-3' })).toBe(false);
    expect(run(on('CheckNotValue', { Value: 'Usage' }), { X: null })).toBe(true);
  });

  it('CheckSameValue compares two columns (two nulls are the same)', () => {
    const node: CheckNode = { CheckFunction: 'CheckSameValue', ColumnAName: 'A', ColumnBName: 'B' };
    expect(run(node, { A: 'x', B: 'x' })).toBe(true);
    expect(run(node, { A: '1.0', B: '1' })).toBe(true);
    expect(run(node, { A: null, B: null })).toBe(true);
    expect(run(node, { A: 'x', B: null })).toBe(false);
    expect(run(node, { A: 'x', B: 'y' })).toBe(false);
  });

  it('CheckGreaterOrEqualThanValue compares decimals exactly, leaving nulls and non-numbers to the other rules', () => {
    const node = on('CheckGreaterOrEqualThanValue', { Value: 0 });
    expect(run(node, { X: '0' })).toBe(true);
    expect(run(node, { X: '-0.0' })).toBe(true);
    expect(run(node, { X: '0.0000000000000000000001' })).toBe(true);
    expect(run(node, { X: '-0.0000000000000000000001' })).toBe(false);
    expect(run(node, { X: '-1E-30' })).toBe(false);
    expect(run(node, { X: null })).toBe(true);
    expect(run(node, { X: 'n/a' })).toBe(true);
  });

  it('ColumnByColumnEqualsColumnValue: A × B = Result in exact decimals', () => {
    const node: CheckNode = { CheckFunction: 'ColumnByColumnEqualsColumnValue', ColumnAName: 'P', ColumnBName: 'Q', ResultColumnName: 'R' };
    expect(run(node, { P: '0.1', Q: '3', R: '0.3' })).toBe(true); // 0.1 × 3 is 0.3 exactly, not 0.30000000000000004
    expect(run(node, { P: '0.1', Q: '3', R: '0.30000000000000004' })).toBe(false);
    expect(run(node, { P: null, Q: '3', R: '9' })).toBe(true);
  });

  it('JSONCheckPathKeyExists reads $.Key paths', () => {
    const node = on('JSONCheckPathKeyExists', { Path: '$.Elements' });
    expect(run(node, { X: '{"Elements":[]}' })).toBe(true);
    expect(run(node, { X: '{"elements":[]}' })).toBe(false);
    expect(run(node, { X: null })).toBe(true);
    expect(run(on('JSONCheckPathKeyExists', { Path: '$.A.B' }), { X: '{"A":{"B":1}}' })).toBe(true);
    expect(simpleJsonPath('$.Elements[*].ContractId')).toBeNull();
  });
});

describe('functions of the header and of the dataset', () => {
  it('ColumnPresent', () => {
    expect(HEADER_CHECKS.ColumnPresent!(on('ColumnPresent'), new Set(['X']))).toBe(true);
    expect(HEADER_CHECKS.ColumnPresent!(on('ColumnPresent'), new Set(['x']))).toBe(false);
  });

  it('CheckNoDuplicates counts every repeat and points at its rows', () => {
    const check = DATASET_CHECKS.CheckNoDuplicates!(on('CheckNoDuplicates'));
    ['a', 'b', 'a', null, null, 'a'].forEach((v, i) => check.observe(rowOf({ X: v }), i + 1));
    expect(check.finish()).toEqual({ failures: 2, rows: [3, 6], notes: [] });
  });

  it('CheckDistinctCount: each A value has exactly ExpectedCount distinct B values', () => {
    const check = DATASET_CHECKS.CheckDistinctCount!({ CheckFunction: 'CheckDistinctCount', ColumnAName: 'A', ColumnBName: 'B', ExpectedCount: 1 });
    const rows: [Cell, Cell][] = [['p1', 's1'], ['p1', 's1'], ['p2', 's1'], ['p2', 's2'], [null, 's3']];
    rows.forEach(([a, b], i) => check.observe(rowOf({ A: a, B: b }), i + 1));
    expect(check.finish()).toEqual({ failures: 1, rows: [3], notes: [] });
  });
});

describe('what is not implemented is said so', () => {
  it('an unknown function, or an argument form the engine does not read, is unsupported; the implemented ones are not', () => {
    expect(unsupportedCheck({ CheckFunction: 'FormatUnit', ColumnName: 'X' })).toBe('check function FormatUnit not implemented');
    expect(unsupportedCheck({ CheckFunction: 'FormatJSON', ColumnName: 'X', Path: '$.Elements' })).toMatch(/not implemented/);
    expect(unsupportedCheck({ CheckFunction: 'JSONCheckPathKeyExists', ColumnName: 'X', Path: '$.Elements[*].ContractId' })).toMatch(/not implemented/);
    for (const fn of IMPLEMENTED_CHECK_FUNCTIONS) expect(unsupportedCheck({ CheckFunction: fn, Path: '$' })).toBeNull();
    expect([...IMPLEMENTED_CHECK_FUNCTIONS].sort()).toEqual(
      [
        'AND', 'OR', 'CheckModelRule', 'ColumnPresent', 'TypeString', 'TypeDecimal', 'TypeDateTime', 'FormatString', 'FormatNumeric', 'FormatDateTime', 'FormatCurrency',
        'CheckNationalCurrency', 'FormatKeyValue', 'CheckDecimalValue', 'CheckValue', 'CheckNotValue', 'CheckSameValue', 'CheckGreaterOrEqualThanValue',
        'ColumnByColumnEqualsColumnValue', 'FormatJSON', 'JSONCheckPathKeyExists', 'CheckNoDuplicates', 'CheckDistinctCount',
      ].sort(),
    );
  });
});
