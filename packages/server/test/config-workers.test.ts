/** CONSUMO_WORKERS: one per core where several processes are correct, 1 otherwise, and a refusal naming why. */
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const PG = 'postgres://postgres@127.0.0.1:5432/consumo';
const REDIS = 'redis://127.0.0.1:6379';

describe('server worker processes', () => {
  it('defaults to one per core on PostgreSQL with Redis, and to 1 on the embedded database, without Redis or in stand-in mode', () => {
    expect(loadConfig({ DATABASE_URL: PG, REDIS_URL: REDIS }).workers).toBe(availableParallelism());
    expect(loadConfig({ DATABASE_URL: 'file://./db', REDIS_URL: REDIS }).workers).toBe(1);
    expect(loadConfig({ DATABASE_URL: PG }).workers).toBe(1);
    expect(loadConfig({ DATABASE_URL: PG, REDIS_URL: REDIS, CONSUMO_STAND_IN: '1' }).workers).toBe(1);
    expect(loadConfig({}).workers).toBe(1);
  });

  it('takes CONSUMO_WORKERS where several processes are correct', () => {
    expect(loadConfig({ DATABASE_URL: PG, REDIS_URL: REDIS, CONSUMO_WORKERS: '3' }).workers).toBe(3);
    expect(loadConfig({ DATABASE_URL: 'memory://', CONSUMO_WORKERS: '1' }).workers).toBe(1);
  });

  it('refuses several workers on the embedded database, without Redis, or in stand-in mode, saying why', () => {
    expect(() => loadConfig({ DATABASE_URL: 'file://./db', REDIS_URL: REDIS, CONSUMO_WORKERS: '2' })).toThrow(
      new ConfigError('CONSUMO_WORKERS=2 needs PostgreSQL (DATABASE_URL=postgres://…): the embedded database belongs to one process; or set CONSUMO_WORKERS=1'),
    );
    expect(() => loadConfig({ DATABASE_URL: PG, CONSUMO_WORKERS: '2' })).toThrow(
      new ConfigError("CONSUMO_WORKERS=2 needs REDIS_URL: rate-limit budgets and the token throttle kept in each process's memory would grant 2 times every limit; or set CONSUMO_WORKERS=1"),
    );
    expect(() => loadConfig({ DATABASE_URL: PG, REDIS_URL: REDIS, CONSUMO_STAND_IN: '1', CONSUMO_WORKERS: '2' })).toThrow(
      /CONSUMO_WORKERS=2 cannot run in stand-in mode: its clock, faults and request log live in one process's memory/,
    );
  });

  it('refuses a count that is not a whole number from 1 to 256', () => {
    expect(() => loadConfig({ DATABASE_URL: PG, REDIS_URL: REDIS, CONSUMO_WORKERS: '0' })).toThrow(new ConfigError('CONSUMO_WORKERS must be between 1 and 256, got 0'));
    expect(() => loadConfig({ DATABASE_URL: PG, REDIS_URL: REDIS, CONSUMO_WORKERS: 'all' })).toThrow(new ConfigError("CONSUMO_WORKERS must be a whole number, got 'all'"));
  });

  it('takes CONSUMO_PG_POOL_SIZE as each process\'s pool size, unset when not given, and refuses one out of range', () => {
    expect(loadConfig({ DATABASE_URL: PG }).pgPoolSize).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: PG, CONSUMO_PG_POOL_SIZE: '4' }).pgPoolSize).toBe(4);
    expect(() => loadConfig({ DATABASE_URL: PG, CONSUMO_PG_POOL_SIZE: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: PG, CONSUMO_PG_POOL_SIZE: 'ten' })).toThrow(ConfigError);
  });
});
