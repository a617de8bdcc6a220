import { describe, expect, it } from 'vitest';
import { accountChoices, chosenAccount } from '../../src/budgets/account-choice.js';
import { alertFilter, alertTime, pageCount, thresholdLabel } from '../../src/budgets/alert-labels.js';

describe('alert rows', () => {
  it('show the time in UTC to the minute and the threshold', () => {
    expect(alertTime('2026-12-06T14:03:12.345Z')).toBe('2026-12-06 14:03 UTC');
    expect(alertTime('garbage')).toBe('garbage');
    expect(thresholdLabel({ thresholdLevel: 2, thresholdPercent: 100 })).toBe('Level 2 · 100 %');
  });

  it('page by 20', () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(20)).toBe(1);
    expect(pageCount(21)).toBe(2);
  });

  it('are one account’s of one year', () => {
    expect(alertFilter('HP-AMS-1', 2026)).toBe("accountId eq 'HP-AMS-1' and accountingYear eq 2026");
    expect(alertFilter("o'brien", 2026)).toBe("accountId eq 'o''brien' and accountingYear eq 2026");
  });
});

describe('the account shown', () => {
  it('is the one the URL names, else the first with a budget', () => {
    expect(chosenAccount(['A', 'B'], 'B')).toBe('B');
    expect(chosenAccount(['A', 'B'], 'NEW-1')).toBe('NEW-1');
    expect(chosenAccount(['A', 'B'], null)).toBe('A');
    expect(chosenAccount(['A', 'B'], "bad id'")).toBe('A');
    expect(chosenAccount([], null)).toBeNull();
  });

  it('is among the choices even without a budget yet', () => {
    expect(accountChoices(['B', 'D'], 'C')).toEqual(['B', 'C', 'D']);
    expect(accountChoices(['B', 'D'], 'B')).toEqual(['B', 'D']);
  });
});
