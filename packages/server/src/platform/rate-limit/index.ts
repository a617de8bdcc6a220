/** Rate limits: fixed-window hit counters (memory or Redis) and the policy that turns them into 429s. */
export {
  fixedWindow,
  RateLimitStoreClosedError,
  RateLimitStoreUnavailableError,
  type RateLimitStoreObserver,
  type FixedWindow,
  type RateLimitHit,
  type RateLimitStore,
} from './rate-limit-store.js';
export { MemoryRateLimitStore, type MemoryRateLimitStoreOptions } from './memory/memory-rate-limit-store.js';
export { RedisRateLimitStore, type RedisRateLimitStoreOptions } from './redis/redis-rate-limit-store.js';
export { evaluate, retryAfterSeconds, type RateLimitDecision, type RateLimitHeaders } from './rate-limit-policy.js';
export { createRateLimitStore } from './create-rate-limit-store.js';
export { CircuitBreaker, type CircuitBreakerOptions } from './redis/circuit-breaker.js';
