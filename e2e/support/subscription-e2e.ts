/** Subscription Management over HTTP for e2e tests: fixed bootstrap credentials, tokens, key issuing, operation polling. */
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DAY_MS } from '@consumo/focus/formats';

export interface Bootstrap {
  workspaceId: string;
  clientId: string;
  clientSecret: string;
  /** The CONSUMO_BOOTSTRAP_* variables that make a server create exactly these credentials. */
  env: Record<string, string>;
}

export function fixedBootstrap(): Bootstrap {
  const workspaceId = randomBytes(16).toString('hex');
  const clientId = randomUUID();
  const clientSecret = randomBytes(18).toString('base64url');
  return {
    workspaceId,
    clientId,
    clientSecret,
    env: { CONSUMO_BOOTSTRAP_WORKSPACE_ID: workspaceId, CONSUMO_BOOTSTRAP_CLIENT_ID: clientId, CONSUMO_BOOTSTRAP_CLIENT_SECRET: clientSecret },
  };
}

/** The environment under which `consumo …` talks to the server as the bootstrap client. */
export const cliEnv = (url: string, b: Bootstrap) => ({ CONSUMO_URL: url, CONSUMO_CLIENT_ID: b.clientId, CONSUMO_CLIENT_SECRET: b.clientSecret });

export async function fetchToken(url: string, b: Bootstrap): Promise<string> {
  const res = await fetch(`${url}/as/token.oauth2`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: b.clientId, client_secret: b.clientSecret }),
  });
  if (res.status !== 200) throw new Error(`token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** A unique prefix for the keys of one test run (keys are global across workspaces). */
export const keyPrefix = (tag: string) => `E2E-${tag}-${randomBytes(4).toString('hex').toUpperCase()}`;

/** Issues keys into the provider catalog through POST /admin/v1/subscription-keys (role platform-admin). */
export async function issueKeys(url: string, token: string, keys: readonly string[]): Promise<void> {
  const now = Date.now();
  const body = {
    keys: keys.map((key) => ({
      key,
      sku: 'R9Y02AAE',
      skuDescription: 'Aruba Central Foundation AP Subscription 1 Year',
      subscriptionType: 'CENTRAL_AP',
      tier: 'FOUNDATION_AP',
      productType: 'DEVICE',
      quantity: 20,
      startTime: new Date(now - 30 * DAY_MS).toISOString(),
      endTime: new Date(now + 365 * DAY_MS).toISOString(),
    })),
  };
  const res = await fetch(`${url}/admin/v1/subscription-keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`issuing keys: ${res.status} ${await res.text()}`);
  const result = (await res.json()) as { created: number };
  if (result.created !== keys.length) throw new Error(`issued ${result.created} of ${keys.length} keys`);
}

export interface OperationResult {
  succeededSubscriptions: { key?: string; id?: string }[];
  failedSubscriptions: { key?: string; id?: string; reason?: string; message?: string }[];
}

export interface Operation {
  id: string;
  status: string;
  progressPercent: number;
  result: OperationResult;
  error?: { message?: string };
}

export const TERMINAL = ['SUCCEEDED', 'FAILED', 'TIMEDOUT'];

/** POST /subscriptions/v1/subscriptions; the operation id of the 202. */
export async function postAdd(url: string, token: string, keys: readonly string[]): Promise<string> {
  const res = await fetch(`${url}/subscriptions/v1/subscriptions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ subscriptions: keys.map((key) => ({ key })) }),
  });
  if (res.status !== 202) throw new Error(`add ${keys.join(',')}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { transactionId: string };
  if (res.headers.get('location') !== `/subscriptions/v1/async-operations/${body.transactionId}`) {
    throw new Error(`add: unexpected Location ${res.headers.get('location')}`);
  }
  return body.transactionId;
}

export async function getOperation(url: string, token: string, id: string): Promise<Operation> {
  const res = await fetch(`${url}/subscriptions/v1/async-operations/${id}`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`operation ${id}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Operation;
}

/** Polls every operation until all are terminal; throws with their last states after `timeoutMs`. */
export async function waitForTerminal(url: string, token: string, ids: readonly string[], timeoutMs: number, everyMs = 250): Promise<Operation[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ops = await Promise.all(ids.map((id) => getOperation(url, token, id)));
    if (ops.every((op) => TERMINAL.includes(op.status))) return ops;
    if (Date.now() > deadline) {
      throw new Error(`operations not terminal after ${timeoutMs} ms: ${ops.map((o) => `${o.id} ${o.status} ${o.progressPercent}%`).join('; ')}`);
    }
    await sleep(everyMs);
  }
}
