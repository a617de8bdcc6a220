/**
 * `format: date` in a request is a date PostgreSQL stores: the bad-input corpus found
 * `anniversaryBillingDate: "0000-01-01"` answered 500 (RFC 3339 admits year 0000, PostgreSQL
 * does not). Now it is the GreenLake 400 naming the field, as an impossible day is.
 */
import { describe, expect, it } from 'vitest';
import { useTestApp, type TestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';

describe.each(testEngines())('format date on %s', (engine) => {
  let t: TestApp;
  useTestApp(engine, (app) => (t = app));

  const create = (anniversaryBillingDate: string) =>
    t.call({ method: 'POST', url: '/admin/v1/workspaces', payload: { name: `dated ${anniversaryBillingDate}`, anniversaryBillingDate } });

  it.each(['0000-01-01', '2025-02-29', '2026-13-01', '2026-04-31', '10000-01-01'])('refuses %s with a 400 naming the field', async (day) => {
    const res = await create(day);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ httpStatusCode: 400, errorCode: 'HPE_GL_ERROR_BAD_REQUEST' });
    expect(res.body).toContain('anniversaryBillingDate');
  });

  it.each(['0001-01-01', '2024-02-29', '9999-12-31'])('stores %s as it was sent', async (day) => {
    const res = await create(day);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ anniversaryBillingDate: day });
  });
});
