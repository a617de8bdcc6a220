/** `/budgets/v1/settings`: defaults until set, PUT replaces, every bad field named in one 400, permissions, an evaluation asked for. */
import { describe, expect, it } from 'vitest';
import { type TestApp, useTestApp } from '../../../support/test-app.js';
import { testEngines } from '../../../support/test-databases.js';
import { issuesOf } from '../../../support/api-responses.js';

const PATH = '/budgets/v1/settings';

describe.each(testEngines())('budget settings (%s)', (engine) => {
  let t: TestApp;
  let admin: { workspaceId: string; token: string };
  let viewer: string;

  useTestApp(engine, async (app) => {
    t = app;
    admin = await t.tenant(['budget-admin'], 'settings-admin');
    const cl = await t.call({ method: 'POST', url: `/admin/v1/workspaces/${admin.workspaceId}/api-clients`, payload: { name: 'viewer', roles: ['budget-viewer'] } });
    const { clientId, clientSecret } = cl.json() as { clientId: string; clientSecret: string };
    viewer = await t.token(clientId, clientSecret);
  });

  it('answers the system defaults until the settings are set', async () => {
    const res = await t.call({ method: 'GET', url: PATH, token: viewer });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      threshold1Percent: 80,
      threshold2Percent: 100,
      threshold3Percent: 120,
      defaultAlertCostLevel: null,
      defaultAlertCurrency: null,
      updatedAt: null,
    });
  });

  it('replaces them with PUT (absent fields take their defaults), keeps the decimal as written and asks for an evaluation', async () => {
    const put = await t.call({
      method: 'PUT',
      url: PATH,
      token: admin.token,
      payload: { threshold1Percent: 50, threshold3Percent: 0, defaultAlertCostLevel: '5000.50', defaultAlertCurrency: 'eur' },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({
      threshold1Percent: 50,
      threshold2Percent: 100,
      threshold3Percent: 0,
      defaultAlertCostLevel: '5000.50',
      defaultAlertCurrency: 'EUR',
      updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });
    expect((await t.call({ method: 'GET', url: PATH, token: viewer })).json()).toEqual(put.json());
    const jobs = await t.db.selectFrom('jobs').select(['payload']).where('queue', '=', 'budgets.evaluate').where('workspace_id', '=', admin.workspaceId).execute();
    expect(jobs.map((j) => j.payload)).toEqual([{ workspaceId: admin.workspaceId }]);

    const reset = await t.call({ method: 'PUT', url: PATH, token: admin.token, payload: {} });
    expect(reset.json()).toMatchObject({ threshold1Percent: 80, threshold2Percent: 100, threshold3Percent: 120, defaultAlertCostLevel: null, defaultAlertCurrency: null });
  });

  it('names every bad field in one GreenLake 400', async () => {
    const res = await t.call({
      method: 'PUT',
      url: PATH,
      token: admin.token,
      payload: { threshold1Percent: 1001, threshold2Percent: 2.5, threshold3Percent: '80', defaultAlertCostLevel: 12.5, defaultAlertCurrency: 'EURO', extra: 1 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ httpStatusCode: 400, errorCode: 'HPE_GL_ERROR_BAD_REQUEST' });
    expect(issuesOf(res).map((i) => i.subject).sort()).toEqual(
      ['defaultAlertCostLevel', 'defaultAlertCurrency', 'extra', 'threshold1Percent', 'threshold2Percent', 'threshold3Percent'].sort(),
    );
    expect(issuesOf(res).find((i) => i.subject === 'defaultAlertCostLevel')!.description).toMatch(/not a JSON number/);
    for (const bad of ['-1', '1e3', '1.1234567', '1234567890123456789', '']) {
      const r = await t.call({ method: 'PUT', url: PATH, token: admin.token, payload: { defaultAlertCostLevel: bad } });
      expect(r.statusCode, bad).toBe(400);
      expect(issuesOf(r)).toEqual([{ source: 'field', subject: 'defaultAlertCostLevel', description: expect.any(String) }]);
    }
    const notObject = await t.call({ method: 'PUT', url: PATH, token: admin.token, payload: [1] });
    expect(issuesOf(notObject)).toEqual([{ source: 'field', subject: 'body', description: 'Must be a JSON object.' }]);
  });

  it('needs budgets.edit to change them and budgets.view to read them', async () => {
    expect((await t.call({ method: 'PUT', url: PATH, token: viewer, payload: {} })).statusCode).toBe(403);
    const other = await t.tenant(['metering-admin'], 'no-budgets');
    expect((await t.call({ method: 'GET', url: PATH, token: other.token })).statusCode).toBe(403);
  });

  it('are per workspace', async () => {
    await t.call({ method: 'PUT', url: PATH, token: admin.token, payload: { threshold1Percent: 10 } });
    const other = await t.tenant(['budget-viewer'], 'other-settings');
    expect((await t.call({ method: 'GET', url: PATH, token: other.token })).json()).toMatchObject({ threshold1Percent: 80, updatedAt: null });
  });
});
