import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/platform/rate-limit/index.js';

const END = 120_000;

describe('evaluate', () => {
  it('allows up to and including the limit, counting Remaining down to 0', () => {
    expect(evaluate({ count: 1, resetAtMs: END }, 100, END - 30_000)).toEqual({
      allowed: true,
      headers: { 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '99', 'X-RateLimit-Reset': '30' },
    });
    const last = evaluate({ count: 100, resetAtMs: END }, 100, END - 30_000);
    expect(last.allowed).toBe(true);
    expect(last.headers['X-RateLimit-Remaining']).toBe('0');
  });

  it('refuses past the limit and never reports a negative Remaining', () => {
    const over = evaluate({ count: 101, resetAtMs: END }, 100, END - 30_000);
    expect(over.allowed).toBe(false);
    expect(over.headers['X-RateLimit-Remaining']).toBe('0');
    expect(evaluate({ count: 5_000, resetAtMs: END }, 100, END).headers['X-RateLimit-Remaining']).toBe('0');
  });

  it('rounds Reset up to whole seconds, at least 1 while the window lasts', () => {
    const reset = (nowMs: number) => evaluate({ count: 1, resetAtMs: END }, 10, nowMs).headers['X-RateLimit-Reset'];
    expect(reset(END - 60_000)).toBe('60');
    expect(reset(END - 59_001)).toBe('60');
    expect(reset(END - 59_000)).toBe('59');
    expect(reset(END - 1_001)).toBe('2');
    expect(reset(END - 1_000)).toBe('1');
    expect(reset(END - 1)).toBe('1');
    expect(reset(END)).toBe('0');
    expect(reset(END + 5_000)).toBe('0');
  });

  it('treats a limit of 0 as "refuse everything"', () => {
    const decision = evaluate({ count: 1, resetAtMs: END }, 0, END - 10_000);
    expect(decision.allowed).toBe(false);
    expect(decision.headers).toMatchObject({ 'X-RateLimit-Limit': '0', 'X-RateLimit-Remaining': '0' });
  });

  it('rejects a limit that could not be a header value', () => {
    expect(() => evaluate({ count: 1, resetAtMs: END }, Number.NaN, 0)).toThrow(RangeError);
    expect(() => evaluate({ count: 1, resetAtMs: END }, -1, 0)).toThrow(RangeError);
    expect(() => evaluate({ count: 1, resetAtMs: END }, 2.5, 0)).toThrow(RangeError);
  });
});
