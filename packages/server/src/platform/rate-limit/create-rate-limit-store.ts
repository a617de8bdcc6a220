/** createRateLimitStore: picks the Redis store when REDIS_URL is set, the memory store otherwise. */
import { MemoryRateLimitStore } from './memory/memory-rate-limit-store.js';
import type { RateLimitStore } from './rate-limit-store.js';
import { RedisRateLimitStore } from './redis/redis-rate-limit-store.js';

export function createRateLimitStore(redisUrl?: string): RateLimitStore {
  // An empty REDIS_URL (e.g. `REDIS_URL= npm start`) means "not set", not "connect to localhost".
  if (redisUrl === undefined || redisUrl.trim() === '') return new MemoryRateLimitStore();
  // While Redis is unreachable each process counts its own requests: fail open, but still limited (ADR 0002).
  return new RedisRateLimitStore(redisUrl, { fallback: new MemoryRateLimitStore() });
}
