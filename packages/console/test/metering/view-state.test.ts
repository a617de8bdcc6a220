import { describe, expect, it } from 'vitest';
import { allowedTabs, defaultRange, lastDay, parseRange, parseTab, rangeOfDays, rangeProblem, withView } from '../../src/metering/view-state.js';

const NOW = Date.parse('2026-12-07T15:30:00Z');

describe('metering view state', () => {
  it('offers the tabs the permissions allow, in page order', () => {
    expect(allowedTabs(['metering.catalog.view', 'metering.costs.view'])).toEqual(['catalog', 'ingest', 'rating']);
    expect(allowedTabs(['metering.catalog.view'])).toEqual(['catalog']);
    expect(allowedTabs(['metering.costs.view', 'metering.rating.run'])).toEqual(['ingest', 'rating']);
    expect(allowedTabs(['metering.events.ingest'])).toEqual([]);
  });

  it('reads the tab from the URL, else the first allowed one', () => {
    const all = allowedTabs(['metering.catalog.view', 'metering.costs.view']);
    expect(parseTab(new URLSearchParams('tab=rating'), all)).toBe('rating');
    expect(parseTab(new URLSearchParams('tab=nonsense'), all)).toBe('catalog');
    expect(parseTab(new URLSearchParams(''), all)).toBe('catalog');
    // A tab the person may not see is not opened by its URL.
    expect(parseTab(new URLSearchParams('tab=ingest'), ['catalog'])).toBe('catalog');
    expect(parseTab(new URLSearchParams('tab=ingest'), [])).toBeUndefined();
  });

  it('defaults to the 30 days ending with today, to exclusive as ingest-statistics takes it', () => {
    expect(defaultRange(NOW)).toEqual({ from: '2026-11-08', to: '2026-12-08' });
    expect(lastDay(defaultRange(NOW))).toBe('2026-12-07');
  });

  it('keeps a readable range from the URL and falls back on anything else', () => {
    expect(parseRange(new URLSearchParams('from=2026-01-01&to=2026-02-01'), NOW)).toEqual({ from: '2026-01-01', to: '2026-02-01' });
    for (const query of ['from=2026-02-30&to=2026-03-01', 'from=2026-03-01&to=2026-03-01', 'from=2026-03-02&to=2026-03-01', 'from=2025-01-01&to=2026-01-03', 'from=2026-01-01', 'to=x']) {
      expect(parseRange(new URLSearchParams(query), NOW), query).toEqual(defaultRange(NOW));
    }
  });

  it('says in words what is wrong with a range', () => {
    expect(rangeProblem({ from: '', to: '2026-01-02' })).toBe('Choose a first day.');
    expect(rangeProblem({ from: '2026-01-01', to: '' })).toBe('Choose a last day.');
    expect(rangeProblem(rangeOfDays('2026-01-02', '2026-01-01'))).toBe('The last day cannot be before the first.');
    expect(rangeProblem(rangeOfDays('2025-01-01', '2026-01-01'))).toBeUndefined();
    expect(rangeProblem(rangeOfDays('2025-01-01', '2026-01-02'))).toBe('At most 366 days at a time.');
    expect(rangeProblem(rangeOfDays('2024-01-01', '2024-12-31'))).toBeUndefined();
    expect(rangeProblem(rangeOfDays('2026-01-01', '2026-01-01'))).toBeUndefined();
  });

  it('turns inclusive first and last days into from and an exclusive to', () => {
    expect(rangeOfDays('2026-02-01', '2026-02-28')).toEqual({ from: '2026-02-01', to: '2026-03-01' });
    expect(rangeOfDays('2026-02-01', '')).toEqual({ from: '2026-02-01', to: '' });
  });

  it('writes the tab and range into the query string, keeping the rest', () => {
    const next = withView(new URLSearchParams('operation=x&tab=catalog'), 'ingest', { from: '2026-01-01', to: '2026-01-08' });
    expect(next.toString()).toBe('operation=x&tab=ingest&from=2026-01-01&to=2026-01-08');
    expect(withView(new URLSearchParams('from=2026-01-01&to=2026-01-08'), 'rating').toString()).toBe('from=2026-01-01&to=2026-01-08&tab=rating');
  });
});
