import { type Consumo, startConsumo } from '@consumo/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';

// The code under test: a tiny GreenLake client that gets a token and lists subscriptions, retrying on 429.
interface GreenLake {
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
}
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function listSubscriptions(api: GreenLake, wait = sleep): Promise<unknown[]> {
  const tokenAnswer = await fetch(api.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: api.clientId, client_secret: api.clientSecret }),
  });
  if (!tokenAnswer.ok) throw new Error(`token request failed: HTTP ${tokenAnswer.status}`);
  const { access_token } = (await tokenAnswer.json()) as { access_token: string };
  for (let attempt = 1; ; attempt++) {
    const answer = await fetch(`${api.baseUrl}/subscriptions/v1/subscriptions?limit=50`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    if (answer.status === 429 && attempt < 5) {
      await wait(Number(answer.headers.get('retry-after') ?? '1') * 1000);
      continue;
    }
    if (!answer.ok) throw new Error(`listing subscriptions failed: HTTP ${answer.status}`);
    return ((await answer.json()) as { items: unknown[] }).items;
  }
}

// The test: Consumo stands in for GreenLake, misbehaves on cue, and tells what the client sent.
let consumo: Consumo;
beforeAll(async () => {
  consumo = await startConsumo();
}, 120_000);
afterAll(() => consumo.stop());

it('waits out two 429s as Retry-After says, then lists', async () => {
  await consumo.control.faults.add({
    match: { method: 'GET', path: '/subscriptions/v1/subscriptions' },
    action: { status: 429 },
    times: 2,
  });
  const waits: number[] = [];
  const api = { baseUrl: consumo.baseUrl, tokenUrl: consumo.tokenUrl, ...consumo.credentials };

  const subscriptions = await listSubscriptions(api, async (ms) => {
    waits.push(ms);
  });

  expect(subscriptions).toEqual([]);
  expect(waits).toEqual([60_000, 60_000]);
  const calls = await consumo.control.requests.verify({ method: 'GET', path: '/subscriptions/v1/subscriptions' }, 3);
  expect(calls.map((call) => [call.status, call.query])).toEqual([
    [429, 'limit=50'],
    [429, 'limit=50'],
    [200, 'limit=50'],
  ]);
  // One token request, its form fields as the log keeps them: the secret redacted.
  await consumo.control.requests.verify({
    method: 'POST',
    path: '/authorization/v2/oauth2/*/token',
    body: { grant_type: 'client_credentials', client_id: consumo.credentials.clientId, client_secret: '[redacted]' },
  });
});

it('reports a token endpoint that is down', async () => {
  await consumo.control.faults.add({ match: { method: 'POST', path: '/authorization/**' }, action: { status: 503 }, times: 1 });
  const api = { baseUrl: consumo.baseUrl, tokenUrl: consumo.tokenUrl, ...consumo.credentials };

  await expect(listSubscriptions(api)).rejects.toThrow('token request failed: HTTP 503');
});
