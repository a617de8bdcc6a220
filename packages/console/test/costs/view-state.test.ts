import { describe, expect, it } from 'vitest';
import {
  type CostView, MAX_FILTER_LENGTH, lastDayOf, parseView, rangeDays, serializeView, withPickedDays, withStackBy,
} from '../../src/costs/view-state.js';
import { stackLabel } from '../../src/costs/labels.js';

const now = Date.parse('2026-05-15T13:00:00Z');
const parse = (query: string) => parseView(new URLSearchParams(query), now);

describe('the explorer view in the URL', () => {
  it('opens the default view from an empty query', () => {
    expect(parse('')).toEqual({
      groupBy: 'ServiceName',
      tag: null,
      granularity: 'DAY',
      cost: 'BilledCost',
      currency: null,
      range: 'LAST_30_DAYS',
      from: '2026-04-15',
      to: '2026-05-15',
      filter: '',
    });
  });

  it('reads a preset (any case) and a custom range', () => {
    expect(parse('range=previous_month&groupBy=RegionId&granularity=MONTH&cost=ListCost')).toMatchObject({
      range: 'PREVIOUS_MONTH',
      from: '2026-04-01',
      to: '2026-05-01',
      groupBy: 'RegionId',
      granularity: 'MONTH',
      cost: 'ListCost',
    });
    expect(parse('from=2026-01-01&to=2026-02-01&currency=eur')).toMatchObject({ range: null, from: '2026-01-01', to: '2026-02-01', currency: 'EUR' });
  });

  it('falls back to defaults for anything it cannot read', () => {
    const view = parse('groupBy=Nope&granularity=HOUR&cost=Price&from=2026-02-30&to=2026-03-01&currency=dollars');
    expect(view).toMatchObject({ groupBy: 'ServiceName', granularity: 'DAY', cost: 'BilledCost', currency: null, range: 'LAST_30_DAYS' });
    expect(parse('from=2026-03-01&to=2026-03-01').range).toBe('LAST_30_DAYS');
  });

  it('round-trips through the query string', () => {
    const views: CostView[] = [
      { groupBy: 'SkuId', tag: null, granularity: 'MONTH', cost: 'EffectiveCost', currency: 'USD', range: null, from: '2025-01-01', to: '2026-01-01', filter: "RegionId in ('us-east-1', 'eu-west') and SkuId ne null" },
      { ...parse(''), range: 'CURRENT_YEAR', from: '2026-01-01', to: '2026-05-16' },
      withStackBy(parse('groupBy=RegionId'), { tag: 'cost center: a/b.c, d&e' }),
    ];
    for (const view of views) expect(parseView(new URLSearchParams(serializeView(view).toString()), now)).toEqual(view);
    expect(serializeView(views[1]!).has('from')).toBe(false);
    expect(serializeView(views[1]!).has('filter')).toBe(false);
  });

  it('keeps the filter as written (trimmed, cut at its maximum length); the server checks it', () => {
    expect(parse(`filter=${encodeURIComponent("  ServiceName eq 'a&b'  ")}`).filter).toBe("ServiceName eq 'a&b'");
    expect(parse('').filter).toBe('');
    expect(parse(`filter=${'x'.repeat(MAX_FILTER_LENGTH + 10)}`).filter).toHaveLength(MAX_FILTER_LENGTH);
  });

  it('turns picked days (both included) into a custom [from, to)', () => {
    const picked = withPickedDays(parse(''), '2026-02-01', '2026-02-28');
    expect(picked).toMatchObject({ range: null, from: '2026-02-01', to: '2026-03-01' });
    expect(lastDayOf(picked)).toBe('2026-02-28');
    expect(rangeDays(picked)).toBe(28);
    expect(withPickedDays(picked, '2026-03-05', '2026-03-01')).toBe(picked);
  });

  it('stacks by a tag key (any text, taken verbatim) instead of a dimension, and back', () => {
    const byTag = parse(`tag=${encodeURIComponent('cost center:id')}&groupBy=RegionId`);
    expect(byTag).toMatchObject({ tag: 'cost center:id', groupBy: 'ServiceName' });
    expect(Object.fromEntries(serializeView(byTag))).toMatchObject({ tag: 'cost center:id' });
    expect(serializeView(byTag).has('groupBy')).toBe(false);
    const back = withStackBy(byTag, { groupBy: 'SkuId' });
    expect(back).toMatchObject({ tag: null, groupBy: 'SkuId' });
    expect(serializeView(back).has('tag')).toBe(false);
    // An empty key or one longer than cost-summary takes is no tag.
    expect(parse('tag=&groupBy=SkuId')).toMatchObject({ tag: null, groupBy: 'SkuId' });
    expect(parse(`tag=${'k'.repeat(129)}`).tag).toBeNull();
    expect(parse(`tag=${'k'.repeat(128)}`).tag).toHaveLength(128);
    expect(stackLabel({ tag: 'team' })).toBe('Tag: team');
    expect(stackLabel({ groupBy: 'RegionId' })).toBe('Region');
  });
});
