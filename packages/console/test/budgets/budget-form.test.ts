import { ConsumoApiError } from '@consumo/sdk';
import { describe, expect, it } from 'vitest';
import { budgetBody, budgetToForm, checkAmount, newBudgetForm, serverFieldErrors, validateBudgetForm, valueField } from '../../src/budgets/budget-form.js';
import type { Budget } from '../../src/budgets/types.js';

const budget: Budget = {
  id: 12,
  type: 'COST',
  billingAccountId: 'HP-AMS-999-USA-99999',
  customerId: 3,
  accountingYear: 2026,
  currency: 'USD',
  description: null,
  standardAlertsEnabled: true,
  projectedAlertsEnabled: false,
  useDefaultThresholds: false,
  threshold1Percent: 75,
  threshold2Percent: null,
  threshold3Percent: 125,
  costPeriods: [
    { accountingPeriod: 2, budgetValue: '42500.0' },
    { accountingPeriod: 1, budgetValue: '1000.00' },
  ],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const filled = () => ({ ...newBudgetForm('HP-1', 2027), values: Array(12).fill('100.00') as string[] });

describe('a budget in the form and back', () => {
  it('reads the 12 values by period (missing ones as 0) and the thresholds as text', () => {
    const form = budgetToForm(budget);
    expect(form.values).toEqual(['1000.00', '42500.0', ...Array(10).fill('0')]);
    expect(form.thresholds).toEqual(['75', '', '125']);
    expect(form.projectedAlertsEnabled).toBe(false);
  });

  it('writes the whole budget with the 12 values as costPeriods, amounts as written', () => {
    const body = budgetBody({ ...budgetToForm(budget), description: '  ' });
    expect(body).toMatchObject({
      type: 'COST',
      billingAccountId: 'HP-AMS-999-USA-99999',
      accountingYear: 2026,
      currency: 'USD',
      description: null,
      useDefaultThresholds: false,
      threshold1Percent: 75,
      threshold2Percent: null,
      threshold3Percent: 125,
    });
    expect(body.costPeriods).toHaveLength(12);
    expect(body.costPeriods![1]).toEqual({ accountingPeriod: 2, budgetValue: '42500.0' });
    expect(body.costPeriods![11]).toEqual({ accountingPeriod: 12, budgetValue: '0' });
  });

  it('leaves the currency out when empty (the account’s applies)', () => {
    expect('currency' in budgetBody(filled())).toBe(false);
  });
});

describe('checking the form before it is sent', () => {
  it('accepts a complete form', () => {
    expect(validateBudgetForm(filled())).toEqual({});
  });

  it('names each bad period value by the API’s field name', () => {
    const form = filled();
    form.values[0] = '-5';
    form.values[3] = '12.1234567';
    form.values[6] = '';
    form.values[11] = '1e3';
    const errors = validateBudgetForm(form);
    expect(Object.keys(errors).sort()).toEqual([valueField(1), valueField(4), valueField(7), valueField(12)].sort());
    expect(errors['costPeriods[0].budgetValue']).toMatch(/negative/);
    expect(errors['costPeriods[6].budgetValue']).toMatch(/Enter a value/);
  });

  it('checks amounts as the API’s pattern does', () => {
    expect(checkAmount('0')).toBe('');
    expect(checkAmount(' 123456789012345678.123456 ')).toBe('');
    expect(checkAmount('1234567890123456789')).not.toBe('');
    expect(checkAmount('1.')).not.toBe('');
  });

  it('checks thresholds only when the budget has its own, and the account, year and currency', () => {
    const form = { ...filled(), thresholds: ['1001', '1.5', ''] as [string, string, string] };
    expect(validateBudgetForm(form)).toEqual({});
    const own = validateBudgetForm({ ...form, useDefaultThresholds: false, billingAccountId: 'bad id', accountingYear: '0', currency: 'US' });
    expect(Object.keys(own).sort()).toEqual(['accountingYear', 'billingAccountId', 'currency', 'threshold1Percent', 'threshold2Percent']);
  });
});

describe('the server’s 400 at the fields it names', () => {
  it('puts each issue at its field, a period’s issues at that period’s value', () => {
    const error = new ConsumoApiError(400, {
      errorCode: 'HPE_GL_ERROR_BAD_REQUEST',
      message: 'Bad request.',
      debugId: 'd-1',
      errorDetails: [
        {
          type: 'hpe.greenlake.bad_request',
          issues: [
            { source: 'body', subject: 'costPeriods[3].budgetValue', description: 'Must be a decimal.' },
            { source: 'body', subject: 'costPeriods[5].accountingPeriod', description: 'Period 6 appears more than once.' },
            { source: 'body', subject: 'threshold2Percent', description: 'Must be an integer from 0 to 1000.' },
            { source: 'body', subject: 'customerId', description: 'Unknown.' },
            { source: 'body', subject: 'somethingElse', description: 'Unknown property.' },
          ],
        },
      ],
    });
    expect(serverFieldErrors(error)).toEqual({
      'costPeriods[3].budgetValue': 'Must be a decimal.',
      'costPeriods[5].budgetValue': 'Period 6 appears more than once.',
      threshold2Percent: 'Must be an integer from 0 to 1000.',
      billingAccountId: 'Unknown.',
    });
  });

  it('puts nothing at a field for other errors', () => {
    expect(serverFieldErrors(new ConsumoApiError(409, { message: 'A budget exists.' }))).toEqual({});
    expect(serverFieldErrors(new TypeError('offline'))).toEqual({});
  });
});
