/**
 * Worker processes' pools fit PostgreSQL's connections (ADR 0037): an unset size is lowered to fit,
 * a set one is kept or the start refused, and the room is read from the server itself.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { MIN_WORKER_POOL_SIZE, connectionRoom, workerPoolSize } from '../../src/storage/connection-budget.js';
import { DEFAULT_PG_POOL_SIZE } from '../../src/storage/engines/postgres-engine.js';
import { testEngines } from '../support/test-databases.js';

describe('workerPoolSize', () => {
  const room = (free: number) => ({ maxConnections: free + 3 + 5, reserved: 3, inUse: 5 });

  it('keeps the default where every worker fits it, and lowers it where they do not', () => {
    expect(workerPoolSize(2, undefined, room(100))).toBe(DEFAULT_PG_POOL_SIZE);
    expect(workerPoolSize(16, undefined, room(92))).toBe(5);
    expect(workerPoolSize(8, undefined, room(80))).toBe(DEFAULT_PG_POOL_SIZE);
    expect(workerPoolSize(8, undefined, room(79))).toBe(9);
  });

  it(`refuses to start when even ${MIN_WORKER_POOL_SIZE} connections each do not fit, saying what is free`, () => {
    expect(() => workerPoolSize(64, undefined, room(100))).toThrow(ConfigError);
    expect(() => workerPoolSize(64, undefined, room(100))).toThrow(/64 processes need 2 PostgreSQL connections each \(128\), but PostgreSQL has 100 connections free \(max_connections 108, 3 reserved, 5 in use\)/);
    expect(workerPoolSize(50, undefined, room(100))).toBe(2);
  });

  it('keeps a size that was set when it fits, and refuses one that does not instead of lowering it', () => {
    expect(workerPoolSize(4, 20, room(80))).toBe(20);
    expect(workerPoolSize(4, 1, room(80))).toBe(1);
    expect(() => workerPoolSize(4, 21, room(80))).toThrow(/CONSUMO_WORKERS=4 processes × CONSUMO_PG_POOL_SIZE=21 connections = 84, but PostgreSQL has 80 connections free/);
  });
});

describe.runIf(testEngines().includes('postgres'))('connectionRoom on PostgreSQL', () => {
  it("reads the server's max_connections, reserved connections and the others in use", async () => {
    const r = await connectionRoom(process.env.CONSUMO_TEST_DATABASE_URL!);
    expect(r.maxConnections).toBeGreaterThan(r.reserved);
    expect(r.reserved).toBeGreaterThanOrEqual(0);
    expect(r.inUse).toBeGreaterThanOrEqual(0);
    expect(r.inUse).toBeLessThan(r.maxConnections);
  });
});
