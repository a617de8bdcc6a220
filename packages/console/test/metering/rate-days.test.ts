import { describe, expect, it } from 'vitest';
import { ratingRangeProblem } from '../../src/metering/rate-days.js';
import { rangeOfDays } from '../../src/metering/view-state.js';

describe('rate days range', () => {
  it('takes one day or more, the last day inclusive', () => {
    expect(ratingRangeProblem(rangeOfDays('2026-12-01', '2026-12-01'))).toBeUndefined();
    expect(ratingRangeProblem(rangeOfDays('2026-11-01', '2026-11-30'))).toBeUndefined();
  });

  it('says what is missing or wrong, as the API would', () => {
    expect(ratingRangeProblem(rangeOfDays('', '2026-12-01'))).toBe('Choose the first day to rate.');
    expect(ratingRangeProblem(rangeOfDays('2026-12-01', ''))).toBe('Choose the last day to rate.');
    expect(ratingRangeProblem(rangeOfDays('2026-12-02', '2026-12-01'))).toBe('The last day cannot be before the first.');
    expect(ratingRangeProblem(rangeOfDays('2000-01-01', '2026-12-01'))).toBe('A run covers at most 3660 days.');
  });
});
