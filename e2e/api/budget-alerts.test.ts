/**
 * Budget alerts reach people, once, on real processes: a Cloud Cruiser client sets a budget over
 * XML with HTTP Basic, usage is ingested and rated by the server itself, the evaluation raises the
 * alert, and the transactional outbox delivers it to a real HTTP receiver (signature checked) and a
 * real SMTP server (one message per recipient). The receivers refuse at first, the server is killed
 * with SIGKILL between the alert and its delivery, and after the restart each receiver acknowledges
 * the alert exactly once; more usage and another SIGKILL after delivery repeat nothing.
 */
import { createHmac } from 'node:crypto';
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { describe, it } from 'vitest';
import { e2eDatabase, e2eEngines } from '../support/e2e-databases.js';
import { inspect } from '../support/inspect-database.js';
import { ACCOUNT, EVENT_TYPE, RESOURCES, putCatalog } from '../support/metering-e2e.js';
import { api, waitFor } from '../support/polling.js';
import { type ServerProcess, startServerProcess } from '../support/server-process.js';
import { fetchToken, fixedBootstrap } from '../support/subscription-e2e.js';

const BUDGET_NS = 'http://www.cloudcruiser.com/webservices/v1/Budget';
const RECIPIENTS = ['finops@example.com', 'cfo@example.com'];

interface Alert {
  id: number;
  alertType: string;
  thresholdLevel: number;
  deliveries: { id: string; kind: string; recipient: string; status: string; attempts: number }[];
}

/** An HTTP receiver that answers 503 until told to accept, and records what it acknowledged. */
async function webhookReceiver() {
  const state = { accept: false, refused: 0, acknowledged: [] as { headers: IncomingHttpHeaders; body: string }[] };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      if (!state.accept) {
        state.refused++;
        res.writeHead(503).end('not yet');
        return;
      }
      state.acknowledged.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { state, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/budgets`, close: () => new Promise((r) => server.close(r)) };
}

/** An SMTP server that answers 451 (try later) until told to accept, and keeps each accepted message. */
async function smtpReceiver() {
  const state = { accept: false, refused: 0, messages: [] as { to: string[]; subject: string; text: string; messageId: string }[] };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        if (!state.accept) {
          state.refused++;
          callback(Object.assign(new Error('try again later'), { responseCode: 451 }));
          return;
        }
        const mail = await simpleParser(Buffer.concat(chunks));
        state.messages.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: mail.subject ?? '',
          text: mail.text ?? '',
          messageId: mail.messageId ?? '',
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { state, url: `smtp://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r(undefined))) };
}

function budgetXml(year: number): string {
  const periods = Array.from({ length: 12 }, (_, i) => `<period accountingPeriod="${i + 1}" budgetValue="0.50"/>`).join('');
  return `<customerBudget xmlns="${BUDGET_NS}" budgetType="COST"><customer accountId="${ACCOUNT}"/><accountingYear>${year}</accountingYear>
    <currencyCode>usd</currencyCode><standardAlertsEnabled>true</standardAlertsEnabled><projectedAlertsEnabled>false</projectedAlertsEnabled>
    <useDefaultThresholds>true</useDefaultThresholds><costPeriods>${periods}</costPeriods></customerBudget>`;
}

/** Usage of today (from the start of the UTC day, never in the future): `count` events of 1–4 CUs at 0.01 each. */
function usage(prefix: string, count: number): unknown[] {
  const now = Date.now();
  const from = Math.max(now - 3_600_000, now - (now % 86_400_000));
  return Array.from({ length: count }, (_, i) => ({
    specversion: '1.0',
    id: `${prefix}-${i}`,
    source: 'urn:e2e:budgets',
    type: EVENT_TYPE,
    subject: RESOURCES[i % RESOURCES.length],
    time: new Date(from + Math.floor(((now - from) * i) / count)).toISOString(),
    data: { quantity: (i % 4) + 1 },
  }));
}

describe.concurrent('budget alerts are delivered once, across a SIGKILL', () => {
  for (const engine of e2eEngines()) {
    it(`${engine}: webhook and e-mail each acknowledge the alert exactly once`, async ({ expect }) => {
      const database = await e2eDatabase(engine);
      const boot = fixedBootstrap();
      const hook = await webhookReceiver();
      const smtp = await smtpReceiver();
      const env = {
        DATABASE_URL: database.url,
        CONSUMO_DEMO: '0',
        CONSUMO_RATE_LIMIT_MULTIPLIER: '1000',
        CONSUMO_JOB_LEASE_MS: '3000',
        CONSUMO_RATING_DELAY_MS: '200',
        SMTP_URL: smtp.url,
        ...boot.env,
      };
      const basic = `Basic ${Buffer.from(`${boot.clientId}:${boot.clientSecret}`).toString('base64')}`;
      let server: ServerProcess | undefined;
      const alerts = async () => (await api<{ items: Alert[] }>(server!.url, await fetchToken(server!.url, boot), '/budgets/v1/alerts')).items;
      try {
        server = await startServerProcess(env, database.dir);
        let token = await fetchToken(server.url, boot);
        await putCatalog(server.url, token);
        const created = await fetch(`${server.url}/rest/v1/budgets/budget`, {
          method: 'POST',
          headers: { authorization: basic, 'content-type': 'application/xml' },
          body: budgetXml(new Date().getUTCFullYear()),
        });
        expect(created.status, await created.clone().text()).toBe(200);
        const channel = await api<{ signingSecret: string }>(server.url, token, '/budgets/v1/notification-channels', {
          method: 'POST',
          body: JSON.stringify({ kind: 'WEBHOOK', name: 'FinOps hook', url: hook.url }),
        });
        await api(server.url, token, '/budgets/v1/notification-channels', {
          method: 'POST',
          body: JSON.stringify({ kind: 'EMAIL', name: 'FinOps mail', recipients: RECIPIENTS }),
        });

        // Usage worth about 1.00 against a period budget of 0.50: 200 %, threshold level 3.
        await api(server.url, token, '/metering/v1/events', { method: 'POST', body: JSON.stringify(usage('first', 40)) });
        const pending = await waitFor('the alert, each delivery tried and refused', async () => {
          const [alert] = await alerts();
          return alert && alert.deliveries.length === 3 && alert.deliveries.every((d) => d.attempts >= 1 && d.status === 'PENDING') ? alert : undefined;
        }, 60_000);
        expect(pending).toMatchObject({ alertType: 'STANDARD', thresholdLevel: 3 });
        expect(hook.state.refused + smtp.state.refused).toBeGreaterThanOrEqual(3);

        // SIGKILL between the alert and its delivery: the alert and its outbox are durable.
        expect(await server.stop('SIGKILL')).toBeNull();
        const outbox = await inspect(engine, database, (db) =>
          db.selectFrom('notification_deliveries').select(['status', 'recipient']).where('workspace_id', '=', boot.workspaceId).execute(),
        );
        expect(outbox.map((d) => d.status)).toEqual(['PENDING', 'PENDING', 'PENDING']);

        hook.state.accept = true;
        smtp.state.accept = true;
        server = await startServerProcess(env, database.dir);
        const delivered = await waitFor('every delivery acknowledged', async () => {
          const [alert] = await alerts();
          return alert?.deliveries.every((d) => d.status === 'DELIVERED') ? alert : undefined;
        }, 90_000);
        expect(delivered.id).toBe(pending.id);

        // More usage: rating and evaluation run again, and no alert or delivery repeats; nor after another SIGKILL.
        token = await fetchToken(server.url, boot);
        await api(server.url, token, '/metering/v1/events', { method: 'POST', body: JSON.stringify(usage('second', 40)) });
        await waitFor('the second rating run to end', async () => {
          const runs = await api<{ items: { status: string }[] }>(server!.url, token, '/metering/v1/rating-runs?limit=10');
          return runs.items.length >= 2 && runs.items.every((r) => r.status === 'SUCCEEDED') ? true : undefined;
        }, 60_000);
        await sleep(2000);
        expect(await server.stop('SIGKILL')).toBeNull();
        server = await startServerProcess(env, database.dir);
        await sleep(4000);
        expect((await alerts()).map((a) => a.id)).toEqual([pending.id]);

        expect(hook.state.acknowledged).toHaveLength(1);
        const [request] = hook.state.acknowledged;
        const signature = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(request!.headers['consumo-signature']));
        expect(signature).not.toBeNull();
        const expected = createHmac('sha256', channel.signingSecret).update(`${signature![1]}.${request!.body}`).digest('hex');
        expect(signature![2]).toBe(expected);
        const event = JSON.parse(request!.body) as { type: string; deliveryId: string; alert: Record<string, unknown> };
        expect(event).toMatchObject({ type: 'budget.alert', alert: { id: pending.id, accountId: ACCOUNT, alertType: 'STANDARD', thresholdLevel: 3 } });
        expect(request!.headers['consumo-delivery']).toBe(event.deliveryId);

        expect(smtp.state.messages.map((m) => m.to).sort()).toEqual(RECIPIENTS.map((r) => [r]).sort());
        for (const message of smtp.state.messages) expect(message.subject).toMatch(ACCOUNT);
        expect(await server.stop('SIGTERM')).toBe(0);
      } catch (err) {
        if (server) console.error(`[${engine}] server output:\n${server.output()}`);
        throw err;
      } finally {
        await server?.stop('SIGKILL');
        await hook.close();
        await smtp.close();
        await database.drop();
      }
    }, 240_000);
  }
});
