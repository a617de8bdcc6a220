import { describe, expect, it } from 'vitest';
import { rangeParams, rangeProblem, rangeText } from '../../src/exports/download-range.js';

describe('the range of a download or a run', () => {
  it('sends a preset as relativeDate, days as startDate and endDate', () => {
    expect(rangeParams({ kind: 'relative', relativeDate: 'PREVIOUS_MONTH' })).toEqual({ relativeDate: 'PREVIOUS_MONTH' });
    expect(rangeParams({ kind: 'days', startDate: '2026-11-01', endDate: '2026-11-30' })).toEqual({ startDate: '2026-11-01', endDate: '2026-11-30' });
    expect(rangeText({ kind: 'days', startDate: '2026-11-01', endDate: '2026-11-30' })).toBe('2026-11-01 to 2026-11-30');
  });

  it('refuses missing, impossible and reversed days', () => {
    expect(rangeProblem({ kind: 'days', startDate: '2026-11-01', endDate: '' })).toBe('Give both a first and a last day.');
    expect(rangeProblem({ kind: 'days', startDate: '2026-02-30', endDate: '2026-03-01' })).toBe('Days are YYYY-MM-DD.');
    expect(rangeProblem({ kind: 'days', startDate: '2026-12-02', endDate: '2026-12-01' })).toBe('The first day comes after the last day.');
    expect(rangeProblem({ kind: 'days', startDate: '2026-12-01', endDate: '2026-12-01' })).toBeUndefined();
    expect(rangeProblem({ kind: 'relative', relativeDate: 'LAST_7_DAYS' })).toBeUndefined();
  });
});
