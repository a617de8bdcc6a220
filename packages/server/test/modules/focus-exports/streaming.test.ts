/** FOCUS export streaming: 100,000 rows over a real socket with bounded memory, first byte early, and a client that goes away mid-stream. */
import { describe, expect, it } from 'vitest';
import { testEngines } from '../../support/test-databases.js';
import { BASE, ROWS, expectStopOnDisconnect, readBulk, useBulkExport } from '../../support/focus-export-fixtures.js';

describe.each(testEngines())('FOCUS export streaming on %s', (engine) => {
  const bulk = useBulkExport(engine, { name: 'bulk' });

  it(`streams ${ROWS} rows with bounded memory, the first byte before the query ends`, async () => {
    let newlines = 0;
    let nextSample = 10_000;
    const { firstByte, total, bytes, growthMb } = await readBulk(
      bulk,
      (res) => expect(res.statusCode).toBe(200),
      (chunk) => {
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) newlines++;
        // Mid-stream, every 10,000 rows.
        if (newlines < nextSample) return false;
        nextSample += 10_000;
        return true;
      },
    );
    console.log(
      `[${engine}] ${ROWS} rows, ${(bytes / 1e6).toFixed(1)} MB CSV: first byte ${firstByte.toFixed(0)} ms, total ${total.toFixed(0)} ms, ` +
        `${Math.round(ROWS / (total / 1000))} rows/s end to end (incl. ${Math.floor(ROWS / 10_000)} forced GCs), retained heap growth ${growthMb.toFixed(1)} MB`,
    );
    expect(newlines).toBe(ROWS + 1);
    expect(firstByte).toBeLessThan(total / 2);
    // Holding the result would retain several hundred MB (about 40 MB of CSV text, 6 M cells as objects).
    expect(growthMb).toBeLessThan(40);
  }, 120_000);

  it.skipIf(engine === 'pglite')('stops the query when the client disconnects mid-stream (PostgreSQL)', async () => {
    // Mid-stream: the cursor's transaction is open at the first bytes, and closed soon after the client left.
    await expectStopOnDisconnect(bulk);
    // The connection went back to the pool: the API still answers.
    expect((await bulk.t.call({ method: 'GET', url: `${BASE}/${bulk.id}`, token: bulk.tenant.token })).statusCode).toBe(200);
  }, 60_000);
});
