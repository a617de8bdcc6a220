/**
 * Which event times ingest takes: late events up to a bound, future ones up to a small clock skew
 * (ADR 0012, "Event times"). The window keeps one tenant's clock or typo (`0001-01-01`) from
 * reaching structures every tenant shares (cost-record partitions), and keeps usage where billing
 * can still use it. Configured by CONSUMO_EVENT_MAX_AGE_DAYS and CONSUMO_EVENT_MAX_FUTURE_SECONDS.
 */
import { DAY_MS } from '../../../platform/formats/index.js';

export interface EventTimeWindow {
  /** How far before the server's clock an event's time may lie. */
  maxAgeMs: number;
  /** How far after the server's clock an event's time may lie (clock skew between collector and server). */
  maxFutureMs: number;
}

/** The defaults: Stripe's meter-event window (35 days back, 5 minutes ahead). */
export const DEFAULT_EVENT_TIME_WINDOW: EventTimeWindow = { maxAgeMs: 35 * DAY_MS, maxFutureMs: 5 * 60_000 };

function span(ms: number): string {
  if (ms % DAY_MS === 0) return `${ms / DAY_MS} days`;
  return `${ms / 1000} seconds`;
}

/** Why `time` is outside the window around `nowMs`, or undefined when it is inside (both ends included). */
export function timeWindowProblem(time: Date, nowMs: number, window: EventTimeWindow): string | undefined {
  const earliest = nowMs - window.maxAgeMs;
  const latest = nowMs + window.maxFutureMs;
  if (time.getTime() < earliest) {
    return `The time is more than ${span(window.maxAgeMs)} before the server's clock: events before ${new Date(earliest).toISOString()} are refused (CONSUMO_EVENT_MAX_AGE_DAYS).`;
  }
  if (time.getTime() > latest) {
    return `The time is more than ${span(window.maxFutureMs)} after the server's clock: events after ${new Date(latest).toISOString()} are refused (CONSUMO_EVENT_MAX_FUTURE_SECONDS).`;
  }
  return undefined;
}
