/**
 * Year 0000 exists in RFC 3339 and ISO 8601 but not in PostgreSQL (its calendar goes from 1 BC to
 * AD 1): a usage event or a rating range in year 0000 is a 400 naming the field, never a 500.
 */
import { describe, expect, it } from 'vitest';
import { type TestApp, useTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';
import { cloudEvent, countEvents, ingest, seedCatalog } from '../../support/metering-fixtures.js';

describe.each(testEngines())('year 0000 on %s', (engine) => {
  let t: TestApp;
  useTestApp(engine, async (app) => {
    t = app;
    await seedCatalog(t, { workspaceId: t.admin.workspaceId, resources: ['vm-1'] });
  });

  it('an event stamped in year 0000 is a 400 naming its time, and nothing is stored', async () => {
    const before = await countEvents(t, t.admin.workspaceId);
    const res = await ingest(t, [cloudEvent({ time: '0000-06-01T00:00:00Z' })]);
    expect(res.statusCode).toBe(400);
    expect(res.json().errorDetails[0].issues).toEqual([expect.objectContaining({ subject: '[0].time' })]);
    expect(await countEvents(t, t.admin.workspaceId)).toBe(before);
  });

  it('a rating run from year 0000 is a 400 naming from', async () => {
    const res = await t.call({ method: 'POST', url: '/metering/v1/rating-runs', payload: { from: '0000-12-31', to: '0001-01-02' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errorDetails[0].issues).toEqual([expect.objectContaining({ subject: 'from' })]);
  });
});
