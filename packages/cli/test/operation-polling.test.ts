import { describe, expect, it } from 'vitest';
import { isActive, pollDelayMs } from '../src/operation-polling.js';

describe('following an async operation', () => {
  it.each([
    ['INITIALIZED', true],
    ['RUNNING', true],
    ['PAUSED', true],
    ['SUCCEEDED', false],
    ['FAILED', false],
    ['TIMEDOUT', false],
  ])('%s is active: %s', (status, active) => {
    expect(isActive({ status })).toBe(active);
  });

  it.each([
    [{ suggestedPollingIntervalSeconds: 5 }, undefined, 5000],
    [{ suggestedPollingIntervalSeconds: '0.1' }, undefined, 250],
    [{ suggestedPollingIntervalSeconds: 3600 }, undefined, 60_000],
    [{ suggestedPollingIntervalSeconds: 5 }, 2000, 2000],
    [{ suggestedPollingIntervalSeconds: 1 }, 2000, 1000],
    [{}, undefined, 2000],
    [{ suggestedPollingIntervalSeconds: 'soon' }, undefined, 2000],
    [{ suggestedPollingIntervalSeconds: null }, 2000, 250],
  ])('waits as %o suggests, at most %s ms: %s ms', (op, maxMs, expected) => {
    expect(pollDelayMs(op, maxMs)).toBe(expected);
  });
});
