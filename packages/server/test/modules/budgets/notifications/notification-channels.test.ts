/** `/budgets/v1/notification-channels`: create (a webhook's secret once), get, list, replace, patch, delete; 400s naming fields; workspaces apart. */
import { describe, expect, it } from 'vitest';
import { type TestApp, useTestApp } from '../../../support/test-app.js';
import { testEngines } from '../../../support/test-databases.js';
import { issuesOf, withQuery } from '../../../support/api-responses.js';

const BASE = '/budgets/v1/notification-channels';

describe.each(testEngines())('notification channels (%s)', (engine) => {
  let t: TestApp;
  let token: string;
  let workspaceId: string;

  useTestApp(engine, async (app) => {
    t = app;
    ({ token, workspaceId } = await t.tenant(['budget-admin'], 'channels'));
  });

  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, as = token) =>
    t.call({ method, url, token: as, ...(payload !== undefined && { payload: payload as object }) });

  it('creates a webhook, answering its signing secret once, and never again', async () => {
    const res = await call('POST', BASE, { kind: 'WEBHOOK', name: 'Finance hook', url: 'https://hooks.example.com/consumo?x=1' });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(res.headers.location).toBe(`${BASE}/${created.id}`);
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Finance hook',
      kind: 'WEBHOOK',
      url: 'https://hooks.example.com/consumo?x=1',
      enabled: true,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      signingSecret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{43}$/),
    });
    const stored = await t.db.selectFrom('notification_channels').select('signing_secret').where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(stored.signing_secret).toBe(created.signingSecret);
    const got = await call('GET', `${BASE}/${created.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json()).not.toHaveProperty('signingSecret');
    expect(got.json()).toEqual({ ...created, signingSecret: undefined, id: created.id });
    // A replace keeps the secret.
    const put = await call('PUT', `${BASE}/${created.id}`, { kind: 'WEBHOOK', name: 'Renamed', url: 'http://10.0.0.5:8080/hook', enabled: false });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ name: 'Renamed', url: 'http://10.0.0.5:8080/hook', enabled: false });
    expect(put.json()).not.toHaveProperty('signingSecret');
    const after = await t.db.selectFrom('notification_channels').select('signing_secret').where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(after.signing_secret).toBe(created.signingSecret);
  });

  it('creates an e-mail channel, patches it (merge patch), and refuses to change its kind', async () => {
    const res = await call('POST', BASE, { kind: 'EMAIL', name: 'Finance', recipients: ['finance@example.com', 'cfo@example.com'] });
    expect(res.statusCode).toBe(201);
    const { id, ...rest } = res.json();
    expect(rest).toMatchObject({ kind: 'EMAIL', recipients: ['finance@example.com', 'cfo@example.com'], enabled: true });
    expect(rest).not.toHaveProperty('signingSecret');
    expect(rest).not.toHaveProperty('url');

    const patched = await call('PATCH', `${BASE}/${id}`, { recipients: ['ops@example.com'], enabled: false });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'Finance', recipients: ['ops@example.com'], enabled: false });
    // null resets enabled to its default; the name stays.
    expect((await call('PATCH', `${BASE}/${id}`, { enabled: null })).json()).toMatchObject({ name: 'Finance', enabled: true });

    const kind = await call('PATCH', `${BASE}/${id}`, { kind: 'WEBHOOK', url: 'https://x.example.com/' });
    expect(kind.statusCode).toBe(400);
    expect(issuesOf(kind).map((i) => i.subject).sort()).toEqual(['kind', 'url']);
    const cleared = await call('PATCH', `${BASE}/${id}`, { recipients: null, name: null });
    expect(issuesOf(cleared).map((i) => i.subject).sort()).toEqual(['name', 'recipients']);
  });

  it('names every bad field of a body in one GreenLake 400', async () => {
    const cases: [unknown, string[]][] = [
      [{}, ['kind', 'name']],
      [{ kind: 'SMS', name: 'x' }, ['kind']],
      [{ kind: 'WEBHOOK', name: '', url: 'ftp://example.com/x', recipients: ['a@example.com'] }, ['name', 'recipients', 'url']],
      [{ kind: 'WEBHOOK', name: 'x', url: 'https://user:pw@example.com/' }, ['url']],
      [{ kind: 'WEBHOOK', name: 'x', url: 'not a url', enabled: 'yes' }, ['enabled', 'url']],
      [{ kind: 'EMAIL', name: 'x' }, ['recipients']],
      [{ kind: 'EMAIL', name: 'x', recipients: [] }, ['recipients']],
      [{ kind: 'EMAIL', name: 'x', recipients: ['ok@example.com', 'not an address', 'OK@example.com', 7], url: 'https://a.example.com/' }, [
        'recipients[1]',
        'recipients[2]',
        'recipients[3]',
        'url',
      ]],
      [{ kind: 'EMAIL', name: 'x', recipients: ['a@example.com'], colour: 'red' }, ['colour']],
    ];
    for (const [body, subjects] of cases) {
      const res = await call('POST', BASE, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json()).toMatchObject({ httpStatusCode: 400, errorCode: 'HPE_GL_ERROR_BAD_REQUEST' });
      expect(issuesOf(res).map((i) => i.subject).sort(), JSON.stringify(body)).toEqual(subjects);
      expect(issuesOf(res).every((i) => i.source === 'field' && i.description.length > 0)).toBe(true);
    }
    const notJson = await t.call({ method: 'POST', url: BASE, token, payload: 'x', headers: { 'content-type': 'text/plain' } });
    expect(notJson.statusCode).toBe(415);
  });

  it('lists with paging, filter, sort and select', async () => {
    const { token: own, workspaceId: _ws } = await t.tenant(['budget-admin'], 'channel-list');
    for (const n of [1, 2, 3]) await call('POST', BASE, { kind: 'EMAIL', name: `mail ${n}`, recipients: [`m${n}@example.com`] }, own);
    await call('POST', BASE, { kind: 'WEBHOOK', name: 'hook', url: 'https://h.example.com/' }, own);
    const all = await call('GET', BASE, undefined, own);
    expect(all.json()).toMatchObject({ count: 4, offset: 0, total: 4 });
    expect(all.json().items.map((c: { name: string }) => c.name)).toEqual(['mail 1', 'mail 2', 'mail 3', 'hook']);
    const pageTwo = await call('GET', withQuery(BASE, { limit: 2, offset: 2 }), undefined, own);
    expect(pageTwo.json()).toMatchObject({ count: 2, offset: 2, total: 4 });
    const filtered = await call('GET', withQuery(BASE, { filter: "kind eq 'EMAIL' and name ne 'mail 2'", sort: 'name desc', select: 'name,recipients' }), undefined, own);
    expect(filtered.json()).toEqual({
      count: 2,
      offset: 0,
      total: 2,
      items: [
        { name: 'mail 3', recipients: ['m3@example.com'] },
        { name: 'mail 1', recipients: ['m1@example.com'] },
      ],
    });
    const byRecipient = await call('GET', withQuery(BASE, { filter: "'m2@example.com' in recipients" }), undefined, own);
    expect(byRecipient.json().items.map((c: { name: string }) => c.name)).toEqual(['mail 2']);
    const bad = await call('GET', withQuery(BASE, { filter: "colour eq 'red'" }), undefined, own);
    expect(bad.statusCode).toBe(400);
    expect(issuesOf(bad)[0]).toMatchObject({ source: 'query.parameter', subject: 'filter' });
  });

  it('keeps workspaces apart: another workspace\'s channel is not found, for every method', async () => {
    const created = (await call('POST', BASE, { kind: 'EMAIL', name: 'mine', recipients: ['me@example.com'] })).json();
    const other = await t.tenant(['budget-admin'], 'intruder');
    const url = `${BASE}/${created.id}`;
    for (const [method, body] of [
      ['GET', undefined],
      ['PUT', { kind: 'EMAIL', name: 'theirs', recipients: ['x@example.com'] }],
      ['PATCH', { name: 'theirs' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await call(method, url, body, other.token);
      expect(res.statusCode, method).toBe(404);
      expect(res.json()).toMatchObject({ httpStatusCode: 404, errorCode: 'HPE_GL_ERROR_NOT_FOUND' });
    }
    expect((await call('GET', BASE, undefined, other.token)).json().total).toBe(0);
    expect((await call('GET', url)).statusCode).toBe(200);
    expect(workspaceId).toBeTruthy();
  });

  it('answers 400 for an id that is no UUID, 404 after a delete, and needs budgets.edit to write', async () => {
    const bad = await call('GET', `${BASE}/not-a-uuid`);
    expect(bad.statusCode).toBe(400);
    expect(issuesOf(bad)).toEqual([{ source: 'path.parameter', subject: 'id', description: 'Id is not a valid UUID.' }]);
    const created = (await call('POST', BASE, { kind: 'EMAIL', name: 'gone', recipients: ['g@example.com'] })).json();
    expect((await call('DELETE', `${BASE}/${created.id}`)).statusCode).toBe(204);
    expect((await call('GET', `${BASE}/${created.id.toUpperCase()}`)).statusCode).toBe(404);
    expect((await call('DELETE', `${BASE}/${created.id}`)).statusCode).toBe(404);
    const viewer = await t.tenant(['budget-viewer'], 'channel-viewer');
    expect((await call('GET', BASE, undefined, viewer.token)).statusCode).toBe(200);
    expect((await call('POST', BASE, { kind: 'EMAIL', name: 'x', recipients: ['x@example.com'] }, viewer.token)).statusCode).toBe(403);
  });
});
