import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlexDemo, seedFlexDemo } from '../../src/demo/index.js';
import { type TestDatabase, createWorkspace, openTestDatabase, testEngines } from '../support/test-databases.js';

// A measurement, not a regression test: run once with CONSUMO_SEED_MILLION=1 (and optionally
// CONSUMO_TEST_DATABASE_URL) to time a million-device seed on each engine.
const devices = Number(process.env.CONSUMO_SEED_MILLION_DEVICES ?? 1_000_000);
const enabled = Boolean(process.env.CONSUMO_SEED_MILLION);

describe.runIf(enabled)('a million demo devices', () => {
  it('are generated in memory-bounded batches', () => {
    const started = performance.now();
    let n = 0;
    for (const batch of createFlexDemo({ devices }).devices(10_000)) n += batch.length;
    console.log(`generate ${n} devices: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    expect(n).toBe(devices);
  });

  describe.each(testEngines())('on %s', (engine) => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await openTestDatabase(engine);
      await createWorkspace(t.db, 'ws-million');
    });
    afterAll(async () => {
      await t?.drop();
    });

    it('seed within minutes', { timeout: 900_000 }, async () => {
      const batchSize = Number(process.env.CONSUMO_SEED_BATCH ?? 10_000);
      const started = performance.now();
      const result = await seedFlexDemo(t.db, 'ws-million', { devices, orders: 2000, batchSize });
      const seconds = (performance.now() - started) / 1000;
      const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
      console.log(`${engine}: seeded ${result.devices} devices (batch ${batchSize}) in ${seconds.toFixed(1)} s, heap ${heapMb.toFixed(0)} MB`);
      expect(result.devices).toBe(devices);
    });
  });
});
