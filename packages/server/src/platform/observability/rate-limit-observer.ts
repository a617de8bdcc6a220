/**
 * Logs and counts the shared rate-limit store's outages (ADR 0002): a warning when Redis stops
 * answering and hits fall back to the per-process counters, an info line when it answers again,
 * and three Prometheus series — outages, fallback hits, and whether the store is available now.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { RateLimitStore } from '../rate-limit/index.js';

/** The two levels used, as pino (the app's logger) takes them. */
export interface OutageLog {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

export function observeRateLimitStore(store: RateLimitStore, registry: Registry, log: OutageLog): void {
  if (!store.observe) return;
  const outages = new Counter({
    name: 'consumo_rate_limit_store_unavailable_total',
    help: 'Times the shared rate-limit store (Redis) became unavailable and its circuit breaker opened.',
    registers: [registry],
  });
  const fallbackHits = new Counter({
    name: 'consumo_rate_limit_fallback_hits_total',
    help: 'Rate-limited requests counted by this process alone because the shared store was unavailable.',
    registers: [registry],
  });
  const available = new Gauge({
    name: 'consumo_rate_limit_store_available',
    help: '1 while the shared rate-limit store answers, 0 while its circuit breaker is open.',
    registers: [registry],
  });
  available.set(1);
  let since: number | undefined;
  store.observe({
    unavailable(cause) {
      since = Date.now();
      outages.inc();
      available.set(0);
      log.warn({ err: cause }, 'rate-limit store unavailable: circuit open, counting per process until it answers');
    },
    recovered() {
      available.set(1);
      log.info({ outageMs: since === undefined ? undefined : Date.now() - since }, 'rate-limit store available again: circuit closed');
      since = undefined;
    },
    fallbackHit() {
      fallbackHits.inc();
    },
  });
}
