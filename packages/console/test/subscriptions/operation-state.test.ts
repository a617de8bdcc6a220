import { describe, expect, it } from 'vitest';
import {
  MIN_POLL_SECONDS, OPERATION_STATUSES, acceptedOperationId, isTerminal, operationErrorText, operationTitle, pollDelayMs, resultLine, statusColor,
  statusWords, watchedOperation,
} from '../../src/subscriptions/operation-state.js';

const ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

describe('following an async operation', () => {
  it('stops at SUCCEEDED, FAILED and TIMEDOUT only', () => {
    expect(OPERATION_STATUSES.filter(isTerminal)).toEqual(['SUCCEEDED', 'FAILED', 'TIMEDOUT']);
    expect(isTerminal(undefined)).toBe(false);
    expect(isTerminal('PAUSED')).toBe(false);
  });

  it('asks again at the suggested interval, never faster than the endpoint’s limit allows', () => {
    expect(pollDelayMs(undefined)).toBe(MIN_POLL_SECONDS * 1000);
    expect(pollDelayMs({ suggestedPollingIntervalSeconds: 5 })).toBe(5000);
    expect(pollDelayMs({ suggestedPollingIntervalSeconds: 0 })).toBe(2000);
    expect(pollDelayMs({ suggestedPollingIntervalSeconds: Number.NaN })).toBe(2000);
  });

  it('takes the operation from the 202’s transactionId, else from its Location', () => {
    expect(acceptedOperationId({ transactionId: ID }, null)).toBe(ID);
    expect(acceptedOperationId({}, `/subscriptions/v1/async-operations/${ID}`)).toBe(ID);
    expect(acceptedOperationId(undefined, `http://h/subscriptions/v1/async-operations/${ID}/`)).toBe(ID);
    expect(acceptedOperationId({ transactionId: 'nope' }, '/subscriptions/v1/async-operations/nope')).toBeUndefined();
    expect(acceptedOperationId(undefined, null)).toBeUndefined();
  });

  it('reads the followed operation from the URL only when it can be one', () => {
    expect(watchedOperation(new URLSearchParams(`operation=${ID.toUpperCase()}`))).toBe(ID);
    expect(watchedOperation(new URLSearchParams('operation=../../x'))).toBeUndefined();
    expect(watchedOperation(new URLSearchParams(''))).toBeUndefined();
  });

  it('says each state in words, with a colour, and what the operation does', () => {
    expect(statusWords('TIMEDOUT')).toBe('Timed out');
    expect(statusWords('SOMETHING_NEW')).toBe('SOMETHING_NEW');
    expect(statusColor('FAILED')).toBe('red');
    expect(statusColor('SUCCEEDED')).toBe('teal');
    expect(statusColor('SOMETHING_NEW')).toBe('gray');
    expect(operationTitle('postSubscriptionsResponse')).toBe('Adding subscription keys');
    expect(operationTitle('patchSubscriptionsResponse')).toBe('Updating tags');
    expect(operationTitle(undefined)).toBe('Subscription operation');
  });

  it('writes each result item with why it failed', () => {
    expect(resultLine({ key: 'KEY1', reason: 'KEY_NOT_FOUND', message: 'No such key.' })).toBe('KEY1: KEY_NOT_FOUND — No such key.');
    expect(resultLine({ key: 'KEY1', id: ID })).toBe('KEY1');
    expect(resultLine({ id: ID, reason: 'NOT_FOUND' })).toBe(`${ID}: NOT_FOUND`);
    expect(resultLine({})).toBe('item');
  });

  it('shows the error body’s message and code, and the whole body', () => {
    expect(operationErrorText(undefined)).toBeUndefined();
    expect(operationErrorText(null)).toBeUndefined();
    const body = { httpStatusCode: 422, errorCode: 'UNPROCESSABLE_CONTENT', message: 'None could be processed.', debugId: ID };
    const text = operationErrorText(body)!;
    expect(text.message).toBe('None could be processed.');
    expect(text.errorCode).toBe('UNPROCESSABLE_CONTENT');
    expect(JSON.parse(text.json)).toEqual(body);
    expect(operationErrorText('plain')).toEqual({ json: '"plain"' });
  });
});
