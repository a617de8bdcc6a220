/**
 * Deliveries end to end: an alert fired by the evaluation job, its outbox rows sent by the delivery
 * jobs to a real HTTP receiver (signature verified here) and a real SMTP server (mail parsed here);
 * retries with backoff, DEAD after the bound with every attempt recorded, never sent again once DELIVERED.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../../../src/config.js';
import { enqueueBudgetEvaluation } from '../../../../src/modules/budgets/alerts/evaluation-queue.js';
import { CALENDAR_MONTHS, accountingPeriodOf } from '../../../../src/platform/calendar/accounting-calendar.js';
import { type TestApp, useTestApp } from '../../../support/test-app.js';
import { testEngines } from '../../../support/test-databases.js';
import { addBudget, addCost, addCustomer } from '../../../support/budget-alert-fixtures.js';
import { type SmtpReceiver, type WebhookReceiver, startSmtpReceiver, startWebhookReceiver } from '../../../support/notification-receivers.js';

const ATTEMPTS = 3;

/** What a receiver does: recompute `t.<body>`'s HMAC with the secret and compare in constant time. */
function verifySignature(header: string, body: string, secret: string): number {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  expect(Object.keys(parts)).toEqual(['t', 'v1']);
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest();
  expect(timingSafeEqual(Buffer.from(parts.v1!, 'hex'), expected)).toBe(true);
  return Number(parts.t);
}

describe.each(testEngines())('notification deliveries (%s)', (engine) => {
  let t: TestApp;
  let hook: WebhookReceiver;
  let smtp: SmtpReceiver;

  beforeAll(async () => {
    [hook, smtp] = await Promise.all([startWebhookReceiver(), startSmtpReceiver()]);
  });
  afterAll(async () => {
    await Promise.all([hook?.close(), smtp?.close()]);
  });

  useTestApp(
    engine,
    (app) => {
      t = app;
    },
    {
      // Read when the app starts, after the receivers above have their ports.
      config: {
        notificationAttempts: ATTEMPTS,
        mailFrom: 'Consumo alerts <alerts@consumo.test>',
        get smtpUrl() {
          return smtp.url;
        },
      } as Partial<Config>,
    },
  );

  /** A workspace whose customer CUST is at 130% of its current period's budget (one STANDARD level-3 alert), with the given channels. */
  async function alerting(channels: unknown[]): Promise<{ workspaceId: string; token: string; secrets: string[] }> {
    const tenant = await t.tenant(['budget-admin'], 'deliveries');
    const secrets: string[] = [];
    for (const channel of channels) {
      const res = await t.call({ method: 'POST', url: '/budgets/v1/notification-channels', token: tenant.token, payload: channel as object });
      expect(res.statusCode).toBe(201);
      if (res.json().signingSecret) secrets.push(res.json().signingSecret);
    }
    const now = new Date(t.now());
    const period = accountingPeriodOf(CALENDAR_MONTHS, now);
    await addCustomer(t.db, tenant.workspaceId, 'CUST');
    await addBudget(t.db, tenant.workspaceId, 'CUST', period.year, { [period.period]: '100.00' });
    await addCost(t.db, tenant.workspaceId, 'CUST', now.toISOString().slice(0, 10), '130.00');
    await enqueueBudgetEvaluation(t.jobs, t.db, { workspaceId: tenant.workspaceId, accountIds: ['CUST'] });
    return { ...tenant, secrets };
  }

  const deliveries = (workspaceId: string) =>
    t.db.selectFrom('notification_deliveries').selectAll().where('workspace_id', '=', workspaceId).orderBy('recipient').execute();
  const attempts = (deliveryId: string) =>
    t.db.selectFrom('notification_attempts').selectAll().where('delivery_id', '=', deliveryId).orderBy('attempt').execute();

  it('POSTs a signed webhook once, marks it DELIVERED and never sends it again', async () => {
    const before = hook.requests.length;
    const { workspaceId, token, secrets } = await alerting([{ kind: 'WEBHOOK', name: 'hook', url: hook.url }]);
    await t.jobs.drain();
    const received = hook.requests.slice(before);
    expect(received).toHaveLength(1);
    const [request] = received;
    const [delivery] = await deliveries(workspaceId);
    expect(request).toMatchObject({ method: 'POST', path: '/hooks/consumo' });
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['consumo-delivery']).toBe(delivery!.id);
    const signedAt = verifySignature(String(request!.headers['consumo-signature']), request!.body, secrets[0]!);
    expect(Math.abs(signedAt - Math.floor(t.now() / 1000))).toBeLessThan(60);
    const body = JSON.parse(request!.body);
    expect(body).toEqual({
      type: 'budget.alert',
      deliveryId: delivery!.id,
      alert: expect.objectContaining({
        accountId: 'CUST',
        customerName: 'Customer CUST',
        alertType: 'STANDARD',
        thresholdLevel: 3,
        thresholdPercent: 120,
        currencyCode: 'USD',
        budgetValue: '100.00',
        actualValue: '130.00',
        projectedValue: null,
      }),
    });
    expect(delivery).toMatchObject({ status: 'DELIVERED', attempts: 1, last_error: null });
    expect(delivery!.delivered_at).toBeInstanceOf(Date);
    expect(await attempts(delivery!.id)).toEqual([
      { workspace_id: workspaceId, delivery_id: delivery!.id, attempt: 1, at: expect.any(Date), outcome: 'DELIVERED', status_code: 200, error: null },
    ]);

    // A job for it run again (as after a crash) looks first and sends nothing.
    await t.jobs.enqueue(t.db, { queue: 'budgets.notify', workspaceId, payload: { deliveryId: delivery!.id } });
    // So does an evaluation run again: the alert exists, no new outbox row.
    await enqueueBudgetEvaluation(t.jobs, t.db, { workspaceId, accountIds: ['CUST'] });
    await t.jobs.drain();
    expect(hook.requests.length - before).toBe(1);
    expect(await deliveries(workspaceId)).toHaveLength(1);

    // The alert's JSON shows the delivery.
    const alerts = await t.call({ method: 'GET', url: '/budgets/v1/alerts', token });
    expect(alerts.json().items).toEqual([
      expect.objectContaining({ alertType: 'STANDARD', deliveries: [expect.objectContaining({ id: delivery!.id, kind: 'WEBHOOK', status: 'DELIVERED', attempts: 1 })] }),
    ]);
  });

  it('sends one e-mail per recipient through SMTP, parsed as sent', async () => {
    const before = smtp.messages.length;
    const { workspaceId } = await alerting([{ kind: 'EMAIL', name: 'finance', recipients: ['finance@example.com', 'cfo@example.com'] }]);
    await t.jobs.drain();
    const received = smtp.messages.slice(before);
    expect(received.map((m) => m.envelope.to).sort()).toEqual([['cfo@example.com'], ['finance@example.com']]);
    const rows = await deliveries(workspaceId);
    expect(rows.map((d) => [d.recipient, d.status, d.attempts])).toEqual([
      ['cfo@example.com', 'DELIVERED', 1],
      ['finance@example.com', 'DELIVERED', 1],
    ]);
    const message = received.find((m) => m.envelope.to[0] === 'finance@example.com')!;
    const delivery = rows.find((d) => d.recipient === 'finance@example.com')!;
    expect(message.envelope.from).toBe('alerts@consumo.test');
    expect(message.mail.from?.text).toBe('"Consumo alerts" <alerts@consumo.test>');
    expect(message.mail.messageId).toBe(`<${delivery.id}@consumo.alerts>`);
    expect(message.mail.headers.get('consumo-delivery')).toBe(delivery.id);
    const period = accountingPeriodOf(CALENDAR_MONTHS, new Date(t.now()));
    expect(message.mail.subject).toBe(
      `Budget alert: Customer CUST (CUST) reached level 3 (120%), STANDARD, period ${period.period} of ${period.year}`,
    );
    expect(message.mail.html).toBe(false);
    expect(message.mail.text).toContain('Period budget:     100.00 USD');
    expect(message.mail.text).toContain('Actual usage:      130.00 USD');
    expect(message.mail.text).toContain('Threshold level:   3 (120% of the period budget)');
    // Sent once: running the jobs again sends nothing.
    await t.jobs.drain();
    expect(smtp.messages.length - before).toBe(2);
  });

  it('retries a failed delivery with backoff, with the same delivery id, then delivers', async () => {
    const before = hook.requests.length;
    hook.answers.push(503);
    const { workspaceId, secrets } = await alerting([{ kind: 'WEBHOOK', name: 'flaky', url: hook.url }]);
    await t.jobs.drain();
    const [pending] = await deliveries(workspaceId);
    expect(pending).toMatchObject({ status: 'PENDING', attempts: 1, last_error: 'HTTP 503' });
    const job = await t.jobs.find(pending!.id);
    expect(job).toMatchObject({ status: 'queued', attempts: 1, max_attempts: ATTEMPTS, last_error: expect.stringContaining('attempt 1 failed: HTTP 503') });
    // Not before its backoff (1 s after the first attempt).
    expect(await t.jobs.drain()).toBe(0);
    t.advance(1000);
    await t.jobs.drain();
    const tries = hook.requests.slice(before);
    expect(tries).toHaveLength(2);
    expect(tries.map((r) => r.headers['consumo-delivery'])).toEqual([pending!.id, pending!.id]);
    expect(tries[0]!.body).toBe(tries[1]!.body);
    for (const r of tries) verifySignature(String(r.headers['consumo-signature']), r.body, secrets[0]!);
    expect((await deliveries(workspaceId))[0]).toMatchObject({ status: 'DELIVERED', attempts: 2, last_error: null });
    expect((await attempts(pending!.id)).map((a) => [a.attempt, a.outcome, a.status_code, a.error])).toEqual([
      [1, 'FAILED', 503, 'HTTP 503'],
      [2, 'DELIVERED', 200, null],
    ]);
  });

  it(`gives a delivery up as DEAD after ${ATTEMPTS} failed attempts, each recorded, with growing backoff`, async () => {
    const before = hook.requests.length;
    hook.answers.push(500, 500, 500, 500);
    const { workspaceId, token } = await alerting([{ kind: 'WEBHOOK', name: 'broken', url: hook.url }]);
    await t.jobs.drain();
    const [first] = await deliveries(workspaceId);
    const id = first!.id;
    t.advance(1000);
    await t.jobs.drain();
    expect((await t.jobs.find(id))!.status).toBe('queued');
    t.advance(1000);
    expect(await t.jobs.drain()).toBe(0); // the second backoff is 2 s
    t.advance(1000);
    await t.jobs.drain();
    expect(hook.requests.length - before).toBe(ATTEMPTS);
    expect((await deliveries(workspaceId))[0]).toMatchObject({ status: 'DEAD', attempts: ATTEMPTS, last_error: 'HTTP 500', delivered_at: null });
    const recorded = await attempts(id);
    expect(recorded.map((a) => [a.attempt, a.outcome, a.status_code])).toEqual([
      [1, 'FAILED', 500],
      [2, 'FAILED', 500],
      [3, 'FAILED', 500],
    ]);
    const gaps = [recorded[1]!.at.getTime() - recorded[0]!.at.getTime(), recorded[2]!.at.getTime() - recorded[1]!.at.getTime()];
    expect(gaps[0]).toBeGreaterThanOrEqual(1000);
    expect(gaps[1]).toBeGreaterThanOrEqual(2000);
    expect(await t.jobs.find(id)).toMatchObject({ status: 'failed', attempts: ATTEMPTS, last_error: expect.stringContaining('DEAD') });
    // Nothing more is sent, whatever runs later.
    t.advance(600_000);
    await t.jobs.enqueue(t.db, { queue: 'budgets.notify', workspaceId, payload: { deliveryId: id } });
    await t.jobs.drain();
    expect(hook.requests.length - before).toBe(ATTEMPTS);
    const alert = (await t.call({ method: 'GET', url: '/budgets/v1/alerts', token })).json().items[0];
    expect(alert.deliveries).toEqual([
      { id, channelId: expect.any(String), kind: 'WEBHOOK', recipient: hook.url, status: 'DEAD', attempts: ATTEMPTS, lastError: 'HTTP 500', deliveredAt: null },
    ]);
  });

  it('records an SMTP refusal and an unreachable webhook as failed attempts', async () => {
    smtp.refuse.add('nobody@example.com');
    // A port nothing listens on any more.
    const closed = await startWebhookReceiver();
    await closed.close();
    const nowhere = closed.url;
    const { workspaceId } = await alerting([
      { kind: 'EMAIL', name: 'refused', recipients: ['nobody@example.com'] },
      { kind: 'WEBHOOK', name: 'nowhere', url: nowhere },
    ]);
    await t.jobs.drain();
    const rows = await deliveries(workspaceId);
    const byRecipient = Object.fromEntries(rows.map((d) => [d.recipient, d]));
    expect(byRecipient['nobody@example.com']).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(byRecipient['nobody@example.com']!.last_error).toMatch(/550/);
    const [refusal] = await attempts(byRecipient['nobody@example.com']!.id);
    expect(refusal).toMatchObject({ outcome: 'FAILED', status_code: 550 });
    expect(byRecipient[nowhere]).toMatchObject({ status: 'PENDING', attempts: 1, last_error: 'ECONNREFUSED' });
    expect(await attempts(byRecipient[nowhere]!.id)).toEqual([expect.objectContaining({ outcome: 'FAILED', status_code: null, error: 'ECONNREFUSED' })]);
  });
});
